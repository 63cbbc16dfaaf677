import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Logger } from '../../../shared/logger.js';
import type {
  ChannelName,
  ChannelSender,
  OutboundMessage,
  OutboxStore,
  SendResult,
} from '../../../shared/ports/outbox.js';
import { type DrainPorts, drainOutbox } from '../../../shared/use-cases/drain-outbox.js';

const CHANNELS: readonly ChannelName[] = ['sms', 'whatsapp', 'telegram', 'sms-gateway'];
const LEASE_SECONDS = 120;

/** Thrown by the fake store to stand for the process dying between a send and its delete. */
class ProcessKilled extends Error {
  override readonly name = 'ProcessKilled';
}

/** The outbox table as the DynamoDB adapter keeps it: a message, and the end of its claim if any. */
class InMemoryOutbox implements OutboxStore {
  readonly items = new Map<string, { message: OutboundMessage; claimedUntil?: number | undefined }>();
  readonly calls: string[] = [];
  /** Removes that succeed before the next one "kills the process"; undefined: never. */
  killAfterRemoves: number | undefined;
  private removes = 0;

  put(...messages: OutboundMessage[]): void {
    for (const message of messages) this.items.set(message.id, { message: { ...message } });
  }

  async claim(id: string, now: Date, leaseSeconds: number): Promise<OutboundMessage | 'gone' | 'held'> {
    this.calls.push(`claim:${id}`);
    const item = this.items.get(id);
    if (!item) return 'gone';
    if (item.claimedUntil !== undefined && item.claimedUntil > now.getTime()) return 'held';
    item.claimedUntil = now.getTime() + leaseSeconds * 1000;
    return { ...item.message };
  }

  async remove(id: string): Promise<void> {
    this.calls.push(`remove:${id}`);
    if (this.killAfterRemoves !== undefined && this.removes >= this.killAfterRemoves) {
      throw new ProcessKilled('killed between send and delete');
    }
    this.removes++;
    this.items.delete(id);
  }

  async release(id: string): Promise<void> {
    this.calls.push(`release:${id}`);
    const item = this.items.get(id);
    if (item) item.claimedUntil = undefined;
  }

  /** Callers erased since their messages were written. */
  readonly erased = new Set<string>();

  async callerErased(callerId: string): Promise<boolean> {
    this.calls.push(`erased?:${callerId}`);
    return this.erased.has(callerId);
  }

  isClaimed(id: string, now: Date): boolean {
    const until = this.items.get(id)?.claimedUntil;
    return until !== undefined && until > now.getTime();
  }
}

type Answer = (message: OutboundMessage) => SendResult | Promise<SendResult>;

/** A channel's sender that records every attempt and every message that really went out. */
class FakeSender implements ChannelSender {
  readonly attempts: OutboundMessage[] = [];
  readonly delivered: OutboundMessage[] = [];
  private readonly answers: Answer[] = [];

  constructor(
    private readonly events: string[] = [],
    private readonly fallback: Answer = () => ({ ok: true }),
  ) {}

  /** Answers the next attempts with these, in order, then with the fallback. */
  answering(...answers: Answer[]): this {
    this.answers.push(...answers);
    return this;
  }

  async send(message: OutboundMessage): Promise<SendResult> {
    this.events.push(`send:${message.id}`);
    this.attempts.push(message);
    const answer = this.answers.shift() ?? this.fallback;
    const result = await answer(message);
    if (result.ok) this.delivered.push(message);
    return result;
  }
}

const temporary =
  (reason = 'Throttled'): Answer =>
  () => ({ ok: false, permanent: false, reason });
const permanent =
  (reason = 'Forbidden: bot was blocked'): Answer =>
  () => ({ ok: false, permanent: true, reason });

function message(id: string, channel: ChannelName = 'telegram', to = `to-${id}`): OutboundMessage {
  return { id, channel, to, body: `body of ${id}` };
}

function recordingLog() {
  const lines: { level: string; event: string }[] = [];
  const log: Logger = {
    debug: (event) => lines.push({ level: 'debug', event }),
    info: (event) => lines.push({ level: 'info', event }),
    warn: (event) => lines.push({ level: 'warn', event }),
    error: (event) => lines.push({ level: 'error', event }),
    child: () => log,
  };
  return { log, lines };
}

function world(senders: Partial<Record<ChannelName, FakeSender>> = {}) {
  const store = new InMemoryOutbox();
  const events: string[] = [];
  const paced: [ChannelName, string][] = [];
  let clock = new Date('2026-06-01T10:00:00.000Z');
  const { log, lines } = recordingLog();
  const ports: DrainPorts = {
    store,
    senders,
    pace: async (channel, to) => {
      events.push(`pace:${channel}:${to}`);
      paced.push([channel, to]);
    },
    now: () => new Date(clock.getTime()),
    log,
    leaseSeconds: LEASE_SECONDS,
  };
  return {
    store,
    ports,
    events,
    paced,
    lines,
    advance: (seconds: number) => {
      clock = new Date(clock.getTime() + seconds * 1000);
    },
    now: () => clock,
  };
}

const ids = (messages: readonly OutboundMessage[]) => messages.map((one) => one.id);

describe('drainOutbox', () => {
  it('sends the messages in the order given and deletes each one it sent', async () => {
    const telegram = new FakeSender();
    const gateway = new FakeSender();
    const w = world({ telegram, 'sms-gateway': gateway });
    const batch = [message('r1#0', 'telegram'), message('r1#1', 'sms-gateway'), message('r1#2', 'telegram')];
    w.store.put(...batch);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 3, dropped: 0, skipped: 0 });
    expect(result.retryFrom).toBeUndefined();
    expect(ids(telegram.delivered)).toEqual(['r1#0', 'r1#2']);
    expect(ids(gateway.delivered)).toEqual(['r1#1']);
    expect(w.store.items.size).toBe(0);
    // Each message is claimed, then deleted, before the next one is claimed.
    expect(w.store.calls).toEqual([
      'claim:r1#0',
      'remove:r1#0',
      'claim:r1#1',
      'remove:r1#1',
      'claim:r1#2',
      'remove:r1#2',
    ]);
  });

  it('hands the sender the stored message, choices and all', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    const stored: OutboundMessage = { ...message('r#0'), choices: ['1', '2'], from: '+15550001111' };
    w.store.put(stored);

    await drainOutbox(w.ports, ['r#0']);

    expect(telegram.delivered).toEqual([stored]);
  });

  it('sends nothing twice when the same batch is delivered again: the sent messages are skipped', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    const batch = [message('r#0'), message('r#1'), message('r#2')];
    w.store.put(...batch);

    const first = await drainOutbox(w.ports, ids(batch));
    const again = await drainOutbox(w.ports, ids(batch));

    expect(first).toMatchObject({ sent: 3, skipped: 0 });
    expect(again).toEqual({ sent: 0, dropped: 0, skipped: 3 });
    expect(ids(telegram.attempts)).toEqual(ids(batch));
  });

  it('drops a message the channel refuses for good, and goes on with the rest', async () => {
    const telegram = new FakeSender().answering(() => ({ ok: true }), permanent());
    const w = world({ telegram });
    const batch = [message('r#0'), message('r#1'), message('r#2')];
    w.store.put(...batch);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 2, dropped: 1, skipped: 0 });
    expect(ids(telegram.delivered)).toEqual(['r#0', 'r#2']);
    expect(w.store.items.has('r#1')).toBe(false);
    expect(w.lines).toContainEqual({ level: 'warn', event: 'outbox.refused' });
  });

  it('stops at a temporary failure, releases that claim and reports where to retry from', async () => {
    const telegram = new FakeSender().answering(() => ({ ok: true }), temporary());
    const w = world({ telegram });
    const batch = [message('r#0'), message('r#1'), message('r#2'), message('r#3')];
    w.store.put(...batch);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 1, dropped: 0, skipped: 0, retryFrom: 'r#1' });
    // Nothing after the failure was even tried.
    expect(ids(telegram.attempts)).toEqual(['r#0', 'r#1']);
    expect(w.store.calls).toContain('release:r#1');
    expect(w.store.calls.some((call) => call.endsWith('r#2') || call.endsWith('r#3'))).toBe(false);
    expect([...w.store.items.keys()]).toEqual(['r#1', 'r#2', 'r#3']);
    expect(w.store.isClaimed('r#1', w.now())).toBe(false);
  });

  it('sends the rest exactly once when the remaining ids are drained again after a temporary failure', async () => {
    const telegram = new FakeSender().answering(() => ({ ok: true }), temporary());
    const w = world({ telegram });
    const batch = [message('r#0'), message('r#1'), message('r#2'), message('r#3')];
    w.store.put(...batch);

    const first = await drainOutbox(w.ports, ids(batch));
    const rest = ids(batch).slice(ids(batch).indexOf(first.retryFrom ?? ''));
    // No waiting for the lease: the failed message's claim was released.
    const second = await drainOutbox(w.ports, rest);

    expect(rest).toEqual(['r#1', 'r#2', 'r#3']);
    expect(second).toEqual({ sent: 3, dropped: 0, skipped: 0 });
    expect(ids(telegram.delivered)).toEqual(['r#0', 'r#1', 'r#2', 'r#3']);
    expect(w.store.items.size).toBe(0);
  });

  it('counts an error thrown by a sender as a temporary failure', async () => {
    const telegram = new FakeSender().answering(() => {
      throw new Error('socket hang up');
    });
    const w = world({ telegram });
    w.store.put(message('r#0'), message('r#1'));

    const result = await drainOutbox(w.ports, ['r#0', 'r#1']);

    expect(result).toEqual({ sent: 0, dropped: 0, skipped: 0, retryFrom: 'r#0' });
    expect(w.store.items.has('r#0')).toBe(true);
    expect(w.store.isClaimed('r#0', w.now())).toBe(false);
    expect(w.store.calls).toContain('release:r#0');
    expect(ids(telegram.attempts)).toEqual(['r#0']);
  });

  it('drops, unsent, a message waiting for a caller who was erased since, and sends the others', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    const batch = [
      { ...message('r3#0'), callerId: 'caller-gone' },
      { ...message('r3#1'), callerId: 'caller-here' },
      message('r3#2'),
    ];
    w.store.put(...batch);
    w.store.erased.add('caller-gone');

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 2, dropped: 1, skipped: 0 });
    expect(ids(telegram.attempts)).toEqual(['r3#1', 'r3#2']);
    expect(w.store.items.size).toBe(0);
    // The erased caller's message is checked after its claim and deleted, words and all.
    expect(w.store.calls.slice(0, 3)).toEqual(['claim:r3#0', 'erased?:caller-gone', 'remove:r3#0']);
    expect(w.lines).toContainEqual({ level: 'info', event: 'outbox.recipient_erased' });
  });

  it('drops a message for a channel this deployment has no sender for, and goes on', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    const batch = [message('r#0', 'sms-gateway'), message('r#1', 'telegram')];
    w.store.put(...batch);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 1, dropped: 1, skipped: 0 });
    expect(w.store.items.size).toBe(0);
    expect(ids(telegram.delivered)).toEqual(['r#1']);
    // Never paced: nothing was sent.
    expect(w.paced).toEqual([['telegram', 'to-r#1']]);
    expect(w.lines).toContainEqual({ level: 'error', event: 'outbox.no_sender' });
  });

  it('stops at a message held by a live claim and reports it as where to retry from', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    const batch = [message('r#0'), message('r#1'), message('r#2')];
    w.store.put(...batch);
    // Another sender claimed r#1 a moment ago.
    await w.store.claim('r#1', w.now(), LEASE_SECONDS);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result).toEqual({ sent: 1, dropped: 0, skipped: 0, retryFrom: 'r#1' });
    expect(ids(telegram.attempts)).toEqual(['r#0']);
    expect(w.store.items.has('r#1')).toBe(true);
    expect(w.store.items.has('r#2')).toBe(true);
  });

  it('sends a message whose claim was left by a dead sender once the lease has run out', async () => {
    const telegram = new FakeSender();
    const w = world({ telegram });
    w.store.put(message('r#0'));
    await w.store.claim('r#0', w.now(), LEASE_SECONDS);

    const early = await drainOutbox(w.ports, ['r#0']);
    w.advance(LEASE_SECONDS + 1);
    const late = await drainOutbox(w.ports, ['r#0']);

    expect(early.retryFrom).toBe('r#0');
    expect(late).toEqual({ sent: 1, dropped: 0, skipped: 0 });
    expect(ids(telegram.delivered)).toEqual(['r#0']);
  });

  it('paces once per send, with the channel and recipient, in order and before each send', async () => {
    const events: string[] = [];
    const telegram = new FakeSender(events).answering(
      () => ({ ok: true }),
      permanent(),
      () => ({ ok: true }),
      temporary(),
    );
    const gateway = new FakeSender(events);
    const w = world({ telegram, 'sms-gateway': gateway });
    w.ports.pace = async (channel, to) => {
      events.push(`pace:${channel}:${to}`);
    };
    const batch = [
      message('r#0', 'telegram', '111'),
      message('r#1', 'sms-gateway', '+381600000001'),
      message('r#2', 'telegram', '222'),
      message('r#3', 'telegram', '111'),
      message('r#4', 'telegram', '333'),
      message('r#5', 'telegram', '444'),
    ];
    w.store.put(...batch);

    const result = await drainOutbox(w.ports, ids(batch));

    expect(result.retryFrom).toBe('r#4');
    expect(events).toEqual([
      'pace:telegram:111',
      'send:r#0',
      'pace:sms-gateway:+381600000001',
      'send:r#1',
      'pace:telegram:222',
      'send:r#2',
      'pace:telegram:111',
      'send:r#3',
      'pace:telegram:333',
      'send:r#4',
    ]);
  });

  it('sends each message at least once and at most one twice per crash between a send and its delete', async () => {
    const batchArbitrary = fc
      .array(fc.constantFrom(...CHANNELS), { minLength: 1, maxLength: 40 })
      .chain((channels) =>
        fc.record({
          channels: fc.constant(channels),
          // k removes succeed, then the process dies; k = length: it never dies.
          killAfter: fc.integer({ min: 0, max: channels.length }),
        }),
      );

    await fc.assert(
      fc.asyncProperty(batchArbitrary, async ({ channels, killAfter }) => {
        const senders = Object.fromEntries(CHANNELS.map((channel) => [channel, new FakeSender()])) as Record<
          ChannelName,
          FakeSender
        >;
        const w = world(senders);
        const batch = channels.map((channel, index) => message(`req#${index}`, channel, `to-${index % 3}`));
        w.store.put(...batch);
        w.store.killAfterRemoves = killAfter;

        const crashed = await drainOutbox(w.ports, ids(batch)).then(
          () => false,
          (error: unknown) => {
            if (error instanceof ProcessKilled) return true;
            throw error;
          },
        );
        expect(crashed).toBe(killAfter < batch.length);

        // The stream delivers the whole batch again, after the dead sender's lease ran out.
        w.store.killAfterRemoves = undefined;
        w.advance(LEASE_SECONDS + 1);
        const redelivery = await drainOutbox(w.ports, ids(batch));
        expect(redelivery.retryFrom).toBeUndefined();

        const times = new Map<string, number>();
        for (const sender of Object.values(senders)) {
          for (const sent of sender.delivered) times.set(sent.id, (times.get(sent.id) ?? 0) + 1);
        }
        const twice = [...times].filter(([, count]) => count > 1);
        expect(twice.length).toBeLessThanOrEqual(crashed ? 1 : 0);
        expect(twice.every(([, count]) => count === 2)).toBe(true);
        // The only message sent twice is the one the crash left between send and delete.
        if (twice.length > 0) expect(twice[0]?.[0]).toBe(`req#${killAfter}`);
        for (const id of ids(batch)) expect(times.get(id) ?? 0).toBeGreaterThanOrEqual(1);
        expect(w.store.items.size).toBe(0);
      }),
      { numRuns: 200 },
    );
  });
});
