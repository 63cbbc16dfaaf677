// Named errors of the webhook edge; one place (the webhook middleware) maps them to HTTP and TwiML.

export class MissingSignatureError extends Error {
  readonly statusCode = 400;
  constructor() {
    super('The request has no X-Twilio-Signature header');
    this.name = 'MissingSignatureError';
  }
}

export class InvalidSignatureError extends Error {
  readonly statusCode = 403;
  constructor() {
    super('X-Twilio-Signature does not match the request');
    this.name = 'InvalidSignatureError';
  }
}

export class MalformedWebhookError extends Error {
  readonly statusCode = 400;
  constructor(detail: string) {
    super(`The webhook form is not what Twilio sends: ${detail}`);
    this.name = 'MalformedWebhookError';
  }
}

export type WebhookRejection = MissingSignatureError | InvalidSignatureError | MalformedWebhookError;

export function isWebhookRejection(error: unknown): error is WebhookRejection {
  return (
    error instanceof MissingSignatureError ||
    error instanceof InvalidSignatureError ||
    error instanceof MalformedWebhookError
  );
}
