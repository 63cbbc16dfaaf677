// One SNS client per container, created on first use and reused by every invocation.
import { SNSClient } from '@aws-sdk/client-sns';

let client: SNSClient | undefined;

export function snsClient(config: { SNS_ENDPOINT?: string | undefined }): SNSClient {
  client ??= createSnsClient(config.SNS_ENDPOINT);
  return client;
}

export function createSnsClient(endpoint?: string): SNSClient {
  return new SNSClient({
    ...(endpoint ? { endpoint } : {}),
    // The SDK would retry a timed-out publish on its own, and a publish that timed out may already be on
    // its way to the phone: the sweep retries itself, and only when SNS has said no (see sns-notifier.ts).
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 3_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
  });
}
