// The Notifier over Amazon SNS: `Publish` straight to a phone number as a Transactional SMS (SNS's
// Promotional default may be dropped or delayed by carriers, and a deadline reminder is not marketing).
import {
  type MessageAttributeValue,
  PublishCommand,
  type SNSClient,
  SNSServiceException,
} from '@aws-sdk/client-sns';
import {
  type Notifier,
  type OutgoingSms,
  type SentSms,
  SmsOutcomeUnknownError,
  SmsRejectedError,
} from '../../ports/notifier.js';

export interface SnsSmsSettings {
  /**
   * Alphanumeric sender id shown instead of a number, where the destination country allows one (Serbia
   * and Kyrgyzstan may require registration first). Unset: SNS picks an origination number.
   */
  senderId?: string | undefined;
  /** Most the account will pay for one SMS, in USD; SNS drops a message that would cost more. */
  maxPriceUsd?: string | undefined;
}

/** SNS errors (as the SDK names them) after which trying again later can work. */
const RETRYABLE_ERRORS = new Set([
  'ThrottledException',
  'KMSThrottlingException',
  'InternalErrorException',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'ServiceUnavailable',
]);

/** Node errors raised before a request left this machine: nothing reached SNS. */
const NOT_SENT_NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
]);

export class SnsNotifier implements Notifier {
  private readonly attributes: Record<string, MessageAttributeValue>;

  constructor(
    private readonly client: SNSClient,
    settings: SnsSmsSettings = {},
  ) {
    this.attributes = {
      'AWS.SNS.SMS.SMSType': { DataType: 'String', StringValue: 'Transactional' },
      ...(settings.senderId
        ? { 'AWS.SNS.SMS.SenderID': { DataType: 'String', StringValue: settings.senderId } }
        : {}),
      ...(settings.maxPriceUsd
        ? { 'AWS.SNS.SMS.MaxPrice': { DataType: 'Number', StringValue: settings.maxPriceUsd } }
        : {}),
    };
  }

  async sendSms(sms: OutgoingSms): Promise<SentSms> {
    try {
      const result = await this.client.send(
        new PublishCommand({ PhoneNumber: sms.to, Message: sms.body, MessageAttributes: this.attributes }),
      );
      return { messageId: result.MessageId ?? '' };
    } catch (error) {
      throw classifyPublishError(error);
    }
  }
}

/** Sorts a failed publish into "SNS said no" (safe to retry or give up) and "we cannot know". */
export function classifyPublishError(error: unknown): SmsRejectedError | SmsOutcomeUnknownError {
  if (error instanceof SNSServiceException) {
    const status = error.$metadata.httpStatusCode ?? 0;
    const retryable = RETRYABLE_ERRORS.has(error.name) || error.$fault === 'server' || status === 429;
    return new SmsRejectedError(error.name, retryable);
  }
  const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : '';
  if (NOT_SENT_NETWORK_CODES.has(code)) return new SmsRejectedError(code, true);
  // The SDK's connection timeout fires before a socket exists, so the request never left.
  if (error instanceof Error && /did not establish a connection/.test(error.message)) {
    return new SmsRejectedError('ConnectionTimeout', true);
  }
  const name = error instanceof Error ? error.name : 'UnknownError';
  return new SmsOutcomeUnknownError(code || name);
}
