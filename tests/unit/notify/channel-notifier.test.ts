import { describe, expect, it } from 'vitest';
import { ChannelNotifier, type ChannelNotifierPorts } from '../../../shared/notify/channel-notifier.js';
import {
  GATEWAY_FAILED_IN_ROW,
  GATEWAY_QUIET_MINUTES,
  type GatewayHealth,
} from '../../../shared/ports/gateway-health.js';
import {
  type Notifier,
  type OutgoingSms,
  type SentSms,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../../shared/ports/notifier.js';
import type { ChannelSender, OutboundMessage, SendResult } from '../../../shared/ports/outbox.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');
const minutesAgo = (minutes: number) => new Date(NOW.getTime() - minutes * 60_000);

class RecordingSms implements Notifier {
  readonly sent: OutgoingSms[] = [];
  async sendSms(sms: OutgoingSms): Promise<SentSms> {
    this.sent.push(sms);
    return { messageId: `sns-${this.sent.length}` };
  }
}

class RecordingSender implements ChannelSender {
  readonly sent: OutboundMessage[] = [];
  constructor(private readonly answer: () => SendResult | Promise<SendResult> = () => ({ ok: true })) {}
  async send(message: OutboundMessage): Promise<SendResult> {
    this.sent.push(message);
    return this.answer();
  }
}

class FixedHealth implements GatewayHealth {
  reads = 0;
  constructor(private readonly state: { lastHeardAt?: Date | undefined; failedInRow: number }) {}
  async heard(): Promise<void> {}
  async read() {
    this.reads++;
    return this.state;
  }
}

function world(options: {
  telegram?: RecordingSender | false;
  gateway?: RecordingSender | false;
  health?: { lastHeardAt?: Date | undefined; failedInRow: number };
}) {
  const sms = new RecordingSms();
  const telegram = options.telegram === false ? undefined : (options.telegram ?? new RecordingSender());
  const gatewaySender = options.gateway === false ? undefined : (options.gateway ?? new RecordingSender());
  const health = new FixedHealth(options.health ?? { lastHeardAt: minutesAgo(1), failedInRow: 0 });
  const ports: ChannelNotifierPorts = {
    sms,
    telegram,
    gateway: gatewaySender ? { sender: gatewaySender, health } : undefined,
    now: () => NOW,
  };
  return { notifier: new ChannelNotifier(ports), sms, telegram, gatewaySender, health };
}

const reminder = (channel: OutgoingSms['channel'], to = '+381600000001'): OutgoingSms => ({
  to,
  body: 'Эскертме: 90 күн 12.06.2026 бүтөт',
  idempotencyKey: 'reminder:c1:visa:2026-06-12:d14',
  channel,
});

describe('ChannelNotifier', () => {
  it('sends to a Telegram recipient through the Telegram sender, never by SMS', async () => {
    const w = world({});

    const sent = await w.notifier.sendSms(reminder('telegram', '123456789'));

    expect(w.telegram?.sent).toEqual([
      {
        id: 'reminder:c1:visa:2026-06-12:d14',
        channel: 'telegram',
        to: '123456789',
        body: 'Эскертме: 90 күн 12.06.2026 бүтөт',
      },
    ]);
    expect(w.sms.sent).toEqual([]);
    expect(w.gatewaySender?.sent).toEqual([]);
    expect(sent.messageId).toBe('reminder:c1:visa:2026-06-12:d14');
  });

  it('refuses a Telegram recipient for good when no Telegram sender is configured', async () => {
    const w = world({ telegram: false });

    const error = await w.notifier
      .sendSms(reminder('telegram', '123456789'))
      .catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsRejectedError);
    expect((error as SmsRejectedError).retryable).toBe(false);
    expect(w.sms.sent).toEqual([]);
  });

  it('sends to a SIM recipient through the phone when it was heard lately and sends fine', async () => {
    const w = world({ health: { lastHeardAt: minutesAgo(GATEWAY_QUIET_MINUTES - 1), failedInRow: 0 } });

    await w.notifier.sendSms(reminder('sms-gateway'));

    expect(w.gatewaySender?.sent.map((one) => [one.channel, one.to])).toEqual([
      ['sms-gateway', '+381600000001'],
    ]);
    expect(w.sms.sent).toEqual([]);
    expect(w.health.reads).toBe(1);
  });

  it('still uses the phone with fewer failed sends in a row than the limit', async () => {
    const w = world({ health: { lastHeardAt: minutesAgo(1), failedInRow: GATEWAY_FAILED_IN_ROW - 1 } });

    await w.notifier.sendSms(reminder('sms-gateway'));

    expect(w.gatewaySender?.sent).toHaveLength(1);
    expect(w.sms.sent).toEqual([]);
  });

  it.each([
    ['was last heard more than 30 minutes ago', { lastHeardAt: minutesAgo(31), failedInRow: 0 }],
    ['was never heard', { failedInRow: 0 }],
    ['failed 3 sends in a row', { lastHeardAt: minutesAgo(1), failedInRow: 3 }],
  ])('sends to a SIM recipient by SMS when the phone %s', async (_, health) => {
    const w = world({ health });

    await w.notifier.sendSms(reminder('sms-gateway'));

    expect(w.gatewaySender?.sent).toEqual([]);
    expect(w.sms.sent).toEqual([
      {
        to: '+381600000001',
        body: 'Эскертме: 90 күн 12.06.2026 бүтөт',
        idempotencyKey: 'reminder:c1:visa:2026-06-12:d14',
      },
    ]);
  });

  it('sends to a SIM recipient by SMS when this deployment has no phone', async () => {
    const w = world({ gateway: false });

    await w.notifier.sendSms(reminder('sms-gateway'));

    expect(w.sms.sent.map((one) => one.to)).toEqual(['+381600000001']);
  });

  it.each([
    ['sms', 'sms'],
    ['whatsapp', 'whatsapp'],
    ['an absent channel', undefined],
  ] as const)('sends to %s recipients by SMS', async (_, channel) => {
    const w = world({});

    const sent = await w.notifier.sendSms(reminder(channel, '+996700000001'));

    expect(w.sms.sent.map((one) => one.to)).toEqual(['+996700000001']);
    expect(w.sms.sent[0]).not.toHaveProperty('channel');
    expect(w.telegram?.sent).toEqual([]);
    expect(w.gatewaySender?.sent).toEqual([]);
    expect(sent.messageId).toBe('sns-1');
  });

  it('turns a permanent refusal into a rejection that is not retried', async () => {
    const telegram = new RecordingSender(() => ({
      ok: false,
      permanent: true,
      reason: 'Forbidden: bot was blocked by the user',
    }));
    const w = world({ telegram });

    const error = await w.notifier.sendSms(reminder('telegram', '42')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsRejectedError);
    expect((error as SmsRejectedError).retryable).toBe(false);
    // Only the code before the colon: the rest may carry the provider's words.
    expect((error as SmsRejectedError).code).toBe('Forbidden');
  });

  it('turns a temporary refusal into a rejection that is retried', async () => {
    const gateway = new RecordingSender(() => ({ ok: false, permanent: false, reason: 'Throttled' }));
    const w = world({ gateway });

    const error = await w.notifier.sendSms(reminder('sms-gateway')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsRejectedError);
    expect((error as SmsRejectedError).retryable).toBe(true);
    expect((error as SmsRejectedError).code).toBe('Throttled');
    expect(w.sms.sent).toEqual([]);
  });

  it('reports an unknown outcome when the channel sender throws', async () => {
    const telegram = new RecordingSender(() => {
      throw new Error('socket hang up');
    });
    const w = world({ telegram });

    const error = await w.notifier.sendSms(reminder('telegram', '42')).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsOutcomeUnknownError);
  });
});
