import { describe, expect, it } from 'vitest';
import { TWILIO_CHANNELS } from '../../../shared/callers/caller.js';
import type { Outgoing, Recipient } from '../../../shared/cases/caller-case.js';
import { choicesIn } from '../../../shared/conversation/choices.js';
import { renderMessage } from '../../../shared/messages/catalogue.js';
import type { InlineAnswer } from '../../../shared/ports/inline-answer.js';
import { splitDeliveries } from '../../../shared/use-cases/deliveries.js';

/** An inline answer like TwiML's: it carries SMS and WhatsApp from the hotline's number. */
const twilioLike: InlineAnswer = {
  channels: TWILIO_CHANNELS,
  render: (messages) => messages.map((one) => one.body).join('\n'),
};

const smsCaller: Recipient = { phone: '+996700000001', channel: 'sms' };
const telegramCaller: Recipient = { phone: '123456789', channel: 'telegram' };
const simCaller: Recipient = { phone: '+381600000002', channel: 'sms-gateway' };
const volunteerSms: Recipient = { phone: '+381600000003', channel: 'sms' };

const MENU = renderMessage('menu', { language: 'ky', latin: false });

describe('splitDeliveries', () => {
  it('answers inline with the sender reply and a volunteer SMS when the answer carries SMS and WhatsApp', () => {
    const messages: Outgoing[] = [
      { body: 'reply to the caller' },
      { body: 'to the volunteer', to: volunteerSms },
    ];

    const { inline, outbox } = splitDeliveries(messages, smsCaller, twilioLike, 'SM123');

    expect(inline).toEqual(messages);
    expect(outbox).toEqual([]);
  });

  it('queues a volunteer notice and a relay when the outbox sends from the hotline number, answering only the sender inline', () => {
    const queued: InlineAnswer = { ...twilioLike, othersQueued: true };
    const whatsappCaller: Recipient = { phone: '+996700000009', channel: 'whatsapp' };
    const messages: Outgoing[] = [
      { body: 'reply to the caller' },
      { body: 'to the volunteer', to: volunteerSms },
      { body: 'to another caller', to: whatsappCaller },
      { body: 'to the sender, addressed', to: smsCaller },
    ];

    const { inline, outbox } = splitDeliveries(messages, smsCaller, queued, 'SM5');

    expect(inline).toEqual([
      { body: 'reply to the caller' },
      { body: 'to the sender, addressed', to: smsCaller },
    ]);
    expect(outbox).toEqual([
      { id: 'SM5#1', channel: 'sms', to: '+381600000003', body: 'to the volunteer' },
      { id: 'SM5#2', channel: 'whatsapp', to: '+996700000009', body: 'to another caller' },
    ]);
  });

  it('answers a WhatsApp sender inline too', () => {
    const whatsapp: Recipient = { phone: '+996700000009', channel: 'whatsapp' };

    const { inline, outbox } = splitDeliveries([{ body: 'hi' }], whatsapp, twilioLike, 'SM9');

    expect(inline).toEqual([{ body: 'hi' }]);
    expect(outbox).toEqual([]);
  });

  it('queues a message to a Telegram or SIM recipient even when the answer is inline', () => {
    const messages: Outgoing[] = [
      { body: 'reply to the caller' },
      { body: 'relay to telegram', to: telegramCaller },
      { body: 'relay to the SIM', to: simCaller },
    ];

    const { inline, outbox } = splitDeliveries(messages, smsCaller, twilioLike, 'SM77');

    expect(inline).toEqual([{ body: 'reply to the caller' }]);
    expect(outbox).toEqual([
      { id: 'SM77#1', channel: 'telegram', to: '123456789', body: 'relay to telegram' },
      { id: 'SM77#2', channel: 'sms-gateway', to: '+381600000002', body: 'relay to the SIM' },
    ]);
  });

  it('queues everything when the channel has no inline answer', () => {
    const messages: Outgoing[] = [{ body: 'reply' }, { body: 'to the volunteer', to: volunteerSms }];

    const { inline, outbox } = splitDeliveries(messages, telegramCaller, undefined, 'tg:42');

    expect(inline).toEqual([]);
    expect(outbox).toEqual([
      { id: 'tg:42#0', channel: 'telegram', to: '123456789', body: 'reply' },
      { id: 'tg:42#1', channel: 'sms', to: '+381600000003', body: 'to the volunteer' },
    ]);
  });

  it('names each queued message by the request id and its place, the same every time', () => {
    const messages: Outgoing[] = [
      { body: 'a' },
      { body: 'b', to: volunteerSms },
      { body: 'c', to: telegramCaller },
      { body: 'd' },
    ];

    const first = splitDeliveries(messages, simCaller, undefined, 'gw-evt-7');
    const retried = splitDeliveries(messages, simCaller, undefined, 'gw-evt-7');
    const other = splitDeliveries(messages, simCaller, undefined, 'gw-evt-8');

    expect(first.outbox.map((one) => one.id)).toEqual([
      'gw-evt-7#0',
      'gw-evt-7#1',
      'gw-evt-7#2',
      'gw-evt-7#3',
    ]);
    expect(retried).toEqual(first);
    expect(new Set(first.outbox.map((one) => one.id)).size).toBe(messages.length);
    expect(other.outbox.map((one) => one.id)).toEqual([
      'gw-evt-8#0',
      'gw-evt-8#1',
      'gw-evt-8#2',
      'gw-evt-8#3',
    ]);
  });

  it('keeps the place in the whole list in the id, counting the messages answered inline', () => {
    const messages: Outgoing[] = [{ body: 'inline' }, { body: 'queued', to: telegramCaller }];

    const { outbox } = splitDeliveries(messages, smsCaller, twilioLike, 'SM5');

    expect(outbox.map((one) => one.id)).toEqual(['SM5#1']);
  });

  it('offers the menu keys as choices on the caller’s own queued menu reply', () => {
    const { outbox } = splitDeliveries([{ body: MENU }], telegramCaller, undefined, 'tg:1');

    expect(outbox).toHaveLength(1);
    expect(outbox[0]?.choices).toEqual(choicesIn(MENU));
    expect(outbox[0]?.choices).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
  });

  it('never offers choices on a message to someone else, even a menu', () => {
    const messages: Outgoing[] = [
      { body: MENU, to: telegramCaller },
      { body: MENU, to: volunteerSms },
    ];

    const { outbox } = splitDeliveries(messages, simCaller, undefined, 'gw-1');

    expect(outbox).toHaveLength(2);
    for (const queued of outbox) expect(queued).not.toHaveProperty('choices');
  });

  it('leaves choices out of a caller reply that offers none', () => {
    const { outbox } = splitDeliveries([{ body: 'Сакталды.' }], telegramCaller, undefined, 'tg:2');

    expect(outbox[0]).not.toHaveProperty('choices');
  });
});
