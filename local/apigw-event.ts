// Turns a Node HTTP request into the API Gateway HTTP API (payload 2.0) event Lambda receives.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** What an HTTP request brings to API Gateway, without Node's request object (tests build events from it). */
export interface HttpRequestParts {
  method: string;
  /** Path and query, as on the request line (`/voice/menu?step=1`). */
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  sourceIp?: string;
  httpVersion?: string;
}

export function apiGatewayEvent(
  request: IncomingMessage,
  body: Buffer,
  routeKey: string,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 {
  return apiGatewayEventFrom(
    {
      method: request.method ?? 'GET',
      url: request.url ?? '/',
      headers: request.headers,
      body,
      sourceIp: request.socket.remoteAddress ?? '127.0.0.1',
      httpVersion: request.httpVersion,
    },
    routeKey,
    pathParameters,
  );
}

/** The API Gateway HTTP API (payload 2.0) event for one request, as Lambda receives it. */
export function apiGatewayEventFrom(
  request: HttpRequestParts,
  routeKey: string,
  pathParameters?: Record<string, string>,
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, 'http://local');
  const rawQueryString = request.url.includes('?') ? request.url.split('?').slice(1).join('?') : '';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  const { body } = request;
  const now = new Date();
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString,
    headers,
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: headers.host ?? '127.0.0.1',
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion ?? '1.1'}`,
        sourceIp: request.sourceIp ?? '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toUTCString(),
      timeEpoch: now.getTime(),
    },
    // API Gateway hands form posts to Lambda base64-encoded; so do we, so the same decoding path runs.
    body: body.length > 0 ? body.toString('base64') : undefined,
    isBase64Encoded: body.length > 0,
  };
  if (rawQueryString) {
    event.queryStringParameters = Object.fromEntries(url.searchParams);
  }
  // Payload 2.0 hands cookies over as a list of its own, not as a header.
  if (headers.cookie) {
    event.cookies = headers.cookie
      .split(';')
      .map((cookie) => cookie.trim())
      .filter(Boolean);
    delete headers.cookie;
  }
  if (pathParameters) event.pathParameters = pathParameters;
  return event;
}

export function lambdaContext(functionName: string, requestId: string): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:local:000000000000:function:${functionName}`,
    memoryLimitInMB: '256',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}
