// Port: whether the Serbian SIM's phone is alive, from the webhooks it sends (a `system:ping` every few
// minutes when enabled, and each text and delivery report). The DynamoDB adapter is
// shared/adapters/dynamodb/gateway-health.ts.

export interface GatewayHealth {
  /** The phone sent a signed webhook at `at`; `failed` when it reported a text it could not send. */
  heard(at: Date, failed: boolean): Promise<void>;
  /** When the phone last reported, and how many failed sends it reported in a row since its last success. */
  read(): Promise<{ lastHeardAt?: Date | undefined; failedInRow: number }>;
}

/** Minutes of silence after which the phone counts as gone: reminders then go by SMS through SNS. */
export const GATEWAY_QUIET_MINUTES = 30;

/** Failed sends in a row after which the phone counts as unable to send. */
export const GATEWAY_FAILED_IN_ROW = 3;

export function gatewayUsable(
  health: { lastHeardAt?: Date | undefined; failedInRow: number },
  now: Date,
): boolean {
  if (!health.lastHeardAt) return false;
  if (health.failedInRow >= GATEWAY_FAILED_IN_ROW) return false;
  return now.getTime() - health.lastHeardAt.getTime() <= GATEWAY_QUIET_MINUTES * 60_000;
}
