import {
  InternalErrorException,
  InvalidParameterException,
  PublishCommand,
  SNSClient,
  ThrottledException,
} from '@aws-sdk/client-sns';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SnsNotifier } from '../../../shared/adapters/sns/sns-notifier.js';
import { SmsOutcomeUnknownError, SmsRejectedError } from '../../../shared/ports/notifier.js';

const client = new SNSClient({
  region: 'eu-central-1',
  credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
});
const sns = mockClient(client);
const SMS = { to: '+996700123456', body: 'Эскертме', idempotencyKey: 'reminder:a:b' };

afterEach(() => sns.reset());

const meta = { $metadata: { httpStatusCode: 400 } };

describe('the SNS notifier', () => {
  it('publishes straight to the phone number as a Transactional SMS', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-1' });

    const sent = await new SnsNotifier(client).sendSms(SMS);

    expect(sent).toEqual({ messageId: 'm-1' });
    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input).toEqual({
      PhoneNumber: '+996700123456',
      Message: 'Эскертме',
      MessageAttributes: { 'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' } },
    });
  });

  it('adds the sender id and the maximum price when they are configured', async () => {
    sns.on(PublishCommand).resolves({ MessageId: 'm-2' });

    await new SnsNotifier(client, { senderId: 'Jardam', maxPriceUsd: '0.25' }).sendSms(SMS);

    expect(sns.commandCalls(PublishCommand)[0]?.args[0].input.MessageAttributes).toMatchObject({
      'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: 'Jardam' },
      'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: '0.25' },
    });
  });

  it('reports throttling as a refusal worth retrying', async () => {
    sns.on(PublishCommand).rejects(new ThrottledException({ message: 'slow down', ...meta }));

    const error = await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsRejectedError);
    expect(error).toMatchObject({ code: 'ThrottledException', retryable: true });
  });

  it('reports a fault on the SNS side as a refusal worth retrying', async () => {
    sns
      .on(PublishCommand)
      .rejects(new InternalErrorException({ message: 'oops', $metadata: { httpStatusCode: 500 } }));

    const error = await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'SmsRejectedError', retryable: true });
  });

  it('reports an invalid number as a refusal not worth retrying', async () => {
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: 'bad number', ...meta }));

    const error = await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught);

    expect(error).toMatchObject({
      name: 'SmsRejectedError',
      retryable: false,
      code: 'InvalidParameterException',
    });
  });

  it('reports a timeout as an unknown outcome: the text may already be on its way', async () => {
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('request timed out'), { name: 'TimeoutError', code: 'ETIMEDOUT' }));

    const error = await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(SmsOutcomeUnknownError);
  });

  it('reports a refused connection as a refusal worth retrying: nothing left this machine', async () => {
    sns
      .on(PublishCommand)
      .rejects(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }));

    const error = await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught);

    expect(error).toMatchObject({ name: 'SmsRejectedError', retryable: true, code: 'ECONNREFUSED' });
  });

  it('keeps the number and the text out of its error messages', async () => {
    sns.on(PublishCommand).rejects(new InvalidParameterException({ message: `bad ${SMS.to}`, ...meta }));

    const error = (await new SnsNotifier(client).sendSms(SMS).catch((caught: unknown) => caught)) as Error;

    expect(error.message).not.toContain(SMS.to);
    expect(error.message).not.toContain(SMS.body);
  });
});
