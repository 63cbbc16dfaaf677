// The path a webhook was called on, without the stage prefix API Gateway puts in `rawPath` for named
// stages. Shared by every webhook chain (Twilio's and the JSON ones), so it pulls in no channel library.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';

export function routePath(event: APIGatewayProxyEventV2): string {
  const stage = event.requestContext?.stage;
  const raw = event.rawPath || '/';
  if (stage && stage !== '$default' && (raw === `/${stage}` || raw.startsWith(`/${stage}/`))) {
    return raw.slice(stage.length + 1) || '/';
  }
  return raw;
}
