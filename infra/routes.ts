// The webhook routes and the function behind each. The CDK stack and the local runtime both read this,
// so `npm start` serves exactly the routes API Gateway does.

export type WebhookFunctionName = 'sms' | 'voice' | 'telegram' | 'sms-gateway' | 'console';

export interface WebhookRoute {
  /** `ANY`: GET and POST (the console's page and API). */
  method: 'POST' | 'ANY';
  /** API Gateway route path; `{proxy+}` matches the rest of the path. */
  path: string;
  fn: WebhookFunctionName;
}

export const WEBHOOK_ROUTES: readonly WebhookRoute[] = [
  { method: 'POST', path: '/sms', fn: 'sms' },
  { method: 'POST', path: '/voice', fn: 'voice' },
  { method: 'POST', path: '/voice/{proxy+}', fn: 'voice' },
  { method: 'POST', path: '/telegram', fn: 'telegram' },
  { method: 'POST', path: '/sms-gateway', fn: 'sms-gateway' },
  // The volunteers' console: its page and its JSON API (docs/console.md).
  { method: 'ANY', path: '/console', fn: 'console' },
  { method: 'ANY', path: '/console/{proxy+}', fn: 'console' },
];

/** Entry file of each webhook function, relative to the repository root. */
export const FUNCTION_ENTRIES: Record<WebhookFunctionName, string> = {
  sms: 'functions/sms.ts',
  voice: 'functions/voice.ts',
  telegram: 'functions/telegram.ts',
  'sms-gateway': 'functions/sms-gateway.ts',
  console: 'functions/console.ts',
};

/** The outbox sender, fed by the table's stream (locally by local/outbox-drain.ts). */
export const OUTBOX_FUNCTION = { entry: 'functions/outbox.ts', timeoutSeconds: 60 } as const;

export type ScheduledFunctionName = 'reminders' | 'escalations';

export interface ScheduledFunction {
  /** Entry file, relative to the repository root. */
  entry: string;
  /** Lambda timeout; the local runtime gives the handler the same time. */
  timeoutSeconds: number;
}

/** Functions EventBridge runs on a schedule (locally: `POST /_local/tick`), apart from the webhooks. */
export const SCHEDULED_FUNCTIONS: Record<ScheduledFunctionName, ScheduledFunction> = {
  // Long enough to send a few thousand reminders at the SNS rate; the next sweep carries on after it.
  reminders: { entry: 'functions/reminders.ts', timeoutSeconds: 180 },
  // Every minute: a few cases at most, each one write and a few texts.
  escalations: { entry: 'functions/escalations.ts', timeoutSeconds: 60 },
};

export function matchRoute(method: string, path: string): WebhookRoute | undefined {
  return WEBHOOK_ROUTES.find((route) => {
    if (route.method !== method && !(route.method === 'ANY' && (method === 'GET' || method === 'POST')))
      return false;
    if (route.path.endsWith('/{proxy+}')) {
      const prefix = route.path.slice(0, -'{proxy+}'.length);
      // The console's `/console/` is its page too (the handler serves `/console` and `/console/` alike).
      return path.startsWith(prefix) && (path.length > prefix.length || route.method === 'ANY');
    }
    return route.path === path;
  });
}
