// What the hotline sends outside a TwiML reply. In AWS that is SNS; locally the SNS client's endpoint
// points here, so the real SDK call runs and the message lands in the outbox instead of on a phone.
import { randomBytes, randomUUID } from 'node:crypto';
import { DEFAULT_LIMITS, estimatedUsd } from '../shared/limits/settings.js';

/** The way a message left: SMS through SNS or Twilio, WhatsApp, Telegram's Bot API, the Serbian SIM's gateway. */
export type OutboxChannel = 'sms' | 'whatsapp' | 'telegram' | 'sms-gateway';

export interface OutboxMessage {
  /** A phone number in E.164, or a Telegram chat id. */
  to: string;
  body: string;
  channel: OutboxChannel;
  /** Buttons offered with the message (a Telegram reply keyboard), when there were any. */
  choices?: string[] | undefined;
  /** Simulated time at which it was sent. */
  at: string;
  smsType?: string | undefined;
  senderId?: string | undefined;
  /** The hotline number a text through Twilio's API came from. */
  from?: string | undefined;
  /** `twiml`: carried by a webhook's own answer (a `<Message>`), listed only when asked for. */
  via?: 'twiml' | undefined;
}

export class Outbox {
  private readonly messages: OutboxMessage[] = [];

  add(message: OutboxMessage): void {
    this.messages.push(message);
  }

  /**
   * Every message that left outside a webhook's answer (SNS, Telegram, the SIM), in order; with
   * `inline`, also the texts TwiML answers carried, so that every message on every channel is there once.
   */
  list(options: { inline?: boolean } = {}): readonly OutboxMessage[] {
    return options.inline ? [...this.messages] : this.messages.filter((message) => message.via !== 'twiml');
  }

  clear(): void {
    this.messages.length = 0;
  }
}

/** Answers an SNS Query-protocol request (only `Publish` to a phone number, as the hotline uses SNS). */
export function answerSnsRequest(
  form: URLSearchParams,
  outbox: Outbox,
  now: Date,
): { status: number; body: string } {
  const action = form.get('Action');
  if (action !== 'Publish' || !form.get('PhoneNumber')) {
    return snsError(400, 'InvalidParameter', `The local SNS stand-in only supports Publish to a PhoneNumber`);
  }
  const attributes = new Map<string, string>();
  for (let index = 1; form.has(`MessageAttributes.entry.${index}.Name`); index++) {
    attributes.set(
      form.get(`MessageAttributes.entry.${index}.Name`) ?? '',
      form.get(`MessageAttributes.entry.${index}.Value.StringValue`) ?? '',
    );
  }
  outbox.add({
    to: form.get('PhoneNumber') ?? '',
    body: form.get('Message') ?? '',
    channel: 'sms',
    at: now.toISOString(),
    smsType: attributes.get('AWS.SNS.SMS.SMSType'),
    senderId: attributes.get('AWS.SNS.SMS.SenderID'),
  });
  const messageId = randomUUID();
  return {
    status: 200,
    body: `<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult><MessageId>${messageId}</MessageId></PublishResult><ResponseMetadata><RequestId>${randomUUID()}</RequestId></ResponseMetadata></PublishResponse>`,
  };
}

function snsError(status: number, code: string, message: string): { status: number; body: string } {
  return {
    status,
    body: `<ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>${randomUUID()}</RequestId></ErrorResponse>`,
  };
}

/**
 * Answers Twilio's `POST /2010-04-01/Accounts/{sid}/Messages.json` as Twilio does (201 and the message
 * resource, or 400 and an error with Twilio's code): the message lands in the outbox.
 */
export function answerTwilioMessage(
  accountSid: string,
  form: URLSearchParams,
  outbox: Outbox,
  now: Date,
): { status: number; body: Record<string, unknown>; usd: number } {
  const to = form.get('To') ?? '';
  const from = form.get('From') ?? '';
  const body = form.get('Body') ?? '';
  const whatsapp = /^whatsapp:/i.test(to);
  const number = /^\+[1-9]\d{6,14}$/;
  if (!number.test(to.replace(/^whatsapp:/i, ''))) {
    return twilioError(
      21211,
      `The 'To' number ${whatsapp ? 'whatsapp:…' : '…'} is not a valid phone number.`,
    );
  }
  if (!number.test(from.replace(/^whatsapp:/i, '')) || whatsapp !== /^whatsapp:/i.test(from)) {
    return twilioError(21212, "The 'From' number is not a valid phone number for this channel.");
  }
  if (!body) return twilioError(21602, 'Message body is required.');
  const channel = whatsapp ? 'whatsapp' : 'sms';
  outbox.add({ to: to.replace(/^whatsapp:/i, ''), body, channel, at: now.toISOString(), from });
  const sid = `SM${randomBytes(16).toString('hex')}`;
  return {
    status: 201,
    usd: estimatedUsd(body, channel, DEFAULT_LIMITS),
    body: {
      account_sid: accountSid,
      api_version: '2010-04-01',
      body,
      date_created: now.toUTCString(),
      direction: 'outbound-api',
      from,
      sid,
      status: 'queued',
      to,
      uri: `/2010-04-01/Accounts/${accountSid}/Messages/${sid}.json`,
    },
  };
}

function twilioError(code: number, message: string) {
  return {
    status: 400,
    usd: 0,
    body: { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status: 400 },
  };
}
