// The HTTP API Twilio calls: only the webhook routes, throttled well above any expected peak (Twilio
// treats a throttle as a failure, and a caller hears an error), with JSON access logs.
import { RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { WEBHOOK_ROUTES, type WebhookFunctionName } from '../routes.js';

export interface WebhookApiProps {
  functions: Record<WebhookFunctionName, IFunction>;
  throttle: { rateLimit: number; burstLimit: number };
}

export class WebhookApi extends Construct {
  readonly api: HttpApi;
  readonly stage: HttpStage;

  constructor(scope: Construct, id: string, props: WebhookApiProps) {
    super(scope, id);
    this.api = new HttpApi(this, 'Api', {
      description: 'Twilio webhooks of the migrant hotline',
      createDefaultStage: false,
    });
    const accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: RetentionDays.ONE_MONTH,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.stage = this.api.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        // No caller data: Twilio's form is in the body, which access logs never contain.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            integrationError: '$context.integrationErrorMessage',
            time: '$context.requestTime',
          }),
        ),
      },
    });
    const integrations = new Map<WebhookFunctionName, HttpLambdaIntegration>();
    for (const route of WEBHOOK_ROUTES) {
      let integration = integrations.get(route.fn);
      if (!integration) {
        integration = new HttpLambdaIntegration(`${route.fn}Integration`, props.functions[route.fn]);
        integrations.set(route.fn, integration);
      }
      const methods = route.method === 'ANY' ? [HttpMethod.GET, HttpMethod.POST] : [HttpMethod.POST];
      this.api.addRoutes({ path: route.path, methods, integration });
    }
  }

  /** https://<id>.execute-api.<region>.amazonaws.com — the base URL Twilio calls with the $default stage. */
  get url(): string {
    return this.api.apiEndpoint;
  }
}
