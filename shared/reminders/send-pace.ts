// Spacing sends to a configured rate. SNS caps SMS per second per account (a Service Quotas value), and a
// burst above it comes back as throttling: cheaper to wait than to retry.

/** Real elapsed time, apart from the hotline's clock (which the local runtime can freeze). */
export interface Timer {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realTimer: Timer = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((done) => setTimeout(done, Math.max(0, ms))),
};

/** Hands out send slots at most `perSecond` a second, in the order they are asked for. */
export class SendPace {
  private nextSlot = Number.NEGATIVE_INFINITY;
  private readonly intervalMs: number;

  constructor(
    perSecond: number,
    private readonly timer: Timer,
  ) {
    if (!(perSecond > 0)) throw new RangeError(`send rate must be above 0, got ${perSecond}`);
    this.intervalMs = 1000 / perSecond;
  }

  /** Resolves when the caller may send. */
  async take(): Promise<void> {
    const now = this.timer.now();
    const slot = Math.max(now, this.nextSlot);
    // Reserved before waiting, so callers running at once each get their own slot.
    this.nextSlot = slot + this.intervalMs;
    if (slot > now) await this.timer.sleep(slot - now);
  }
}

/**
 * Send slots per key (a Telegram chat, the one SIM): at most one every `intervalMs` for each key, and with
 * `overallPerSecond` at most that many a second across keys (Telegram: 1 a second per chat, 30 overall).
 */
export class KeyedPace {
  private readonly next = new Map<string, number>();
  private readonly overall: SendPace | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly timer: Timer,
    overallPerSecond?: number,
  ) {
    this.overall = overallPerSecond ? new SendPace(overallPerSecond, timer) : undefined;
  }

  async take(key: string): Promise<void> {
    const now = this.timer.now();
    const slot = Math.max(now, this.next.get(key) ?? Number.NEGATIVE_INFINITY);
    this.next.set(key, slot + this.intervalMs);
    if (this.next.size > 10_000) this.forgetPast(now);
    if (slot > now) await this.timer.sleep(slot - now);
    await this.overall?.take();
  }

  private forgetPast(now: number): void {
    for (const [key, at] of this.next) if (at < now) this.next.delete(key);
  }
}
