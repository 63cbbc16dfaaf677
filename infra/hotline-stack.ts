// The hotline's AWS stack: webhook API → Lambda handlers → one DynamoDB table, secrets in Secrets Manager;
// a scheduled reminder sweep → SNS SMS.
import { CfnOutput, Duration, Stack, type StackProps, Validations } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { consoleAssetsDir } from './console-assets.js';
import { CaseChase } from './constructs/case-chase.js';
import { HotlineFunction } from './constructs/hotline-function.js';
import { HotlineTable } from './constructs/hotline-table.js';
import { Monitoring } from './constructs/monitoring.js';
import { OutboxSender } from './constructs/outbox-sender.js';
import { PromptDelivery } from './constructs/prompt-delivery.js';
import { ReminderSweep } from './constructs/reminder-sweep.js';
import { allowSmsPublish } from './constructs/sms-publish.js';
import { WebhookApi } from './constructs/webhook-api.js';
import { channelEnvironment, type DeploymentConfig, limitEnvironment } from './deployment-config.js';
import { FUNCTION_ENTRIES, type WebhookFunctionName } from './routes.js';
import { VOICE_FALLBACK_KEY, voiceFallbackTwiml } from './voice-fallback-twiml.js';

export interface HotlineStackProps extends StackProps {
  config: DeploymentConfig;
}

export class HotlineStack extends Stack {
  constructor(scope: Construct, id: string, props: HotlineStackProps) {
    super(scope, id, props);
    const { config } = props;

    const dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts the hotline table: caller state, cases, reminders',
      enableKeyRotation: true,
    });
    const { table } = new HotlineTable(this, 'Hotline', { key: dataKey });

    const secret = new Secret(this, 'TwilioSecret', {
      description:
        'Hotline secrets: twilioAuthToken (set by the NGO, see README) and callerHashKey (generated)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({ twilioAuthToken: '' }),
        generateStringKey: 'callerHashKey',
        passwordLength: 48,
        excludePunctuation: true,
      },
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The Twilio auth token is issued and rotated in the Twilio console, not by AWS; rotating callerHashKey would orphan every stored caller id.',
    });

    // Telegram's bot token and webhook secret (generated here), the Serbian SIM's keys: set by the NGO
    // (docs/telegram.md, docs/sms-gateway.md). A channel whose keys are empty answers 503 and sends nothing.
    const channelSecret = new Secret(this, 'ChannelsSecret', {
      description:
        'Channel keys: telegramBotToken, smsGatewaySigningKey, smsGatewayUsername, smsGatewayPassword (set by the NGO) and telegramWebhookSecret (generated)',
      generateSecretString: {
        secretStringTemplate: JSON.stringify({
          telegramBotToken: '',
          smsGatewaySigningKey: '',
          smsGatewayUsername: '',
          smsGatewayPassword: '',
        }),
        generateStringKey: 'telegramWebhookSecret',
        passwordLength: 48,
        excludePunctuation: true,
      },
    });
    Validations.of(channelSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'The bot token is issued by BotFather and the SIM keys in the SMS Gateway app; they are rotated there, not by AWS.',
    });
    const channels = { secret: channelSecret, environment: channelEnvironment(config) };

    const webhookFunction = (
      name: WebhookFunctionName,
      description: string,
      afterBundling?: (outputDir: string) => string[],
    ) =>
      new HotlineFunction(this, `${name}Webhook`, {
        ...(afterBundling ? { afterBundling } : {}),
        entry: FUNCTION_ENTRIES[name],
        description,
        // Twilio gives up after 15 s; a reply later than that is a failed call.
        timeout: Duration.seconds(10),
        memorySize: 512,
        environment: {
          RETENTION_DAYS: String(config.retentionDays),
          CASE_RENOTIFY_MINUTES: String(config.caseRenotifyMinutes),
          VOLUNTEER_RING_SECONDS: String(config.volunteerRingSeconds),
          VOICEMAIL_MAX_SECONDS: String(config.voicemailMaxSeconds),
          ...limitEnvironment(config),
          ...channels.environment,
          ...(config.twilioAccountSid ? { TWILIO_ACCOUNT_SID: config.twilioAccountSid } : {}),
          LOG_LEVEL: 'info',
        },
        secret,
        channelSecret,
      }).bindTable(table);

    const functions = {
      sms: webhookFunction('sms', 'Twilio Messaging webhook: SMS and WhatsApp keywords'),
      voice: webhookFunction('voice', 'Twilio Voice webhook: the IVR'),
      telegram: webhookFunction('telegram', 'Telegram Bot API webhook: the same conversation as SMS'),
      'sms-gateway': webhookFunction(
        'sms-gateway',
        'SMS Gateway for Android webhook: texts to the Serbian SIM',
      ),
      // The console's page and API; its page, script and styles are built beside the bundle.
      console: webhookFunction('console', 'Volunteers’ console: the page and its API', (outputDir) => {
        const assets = consoleAssetsDir();
        return [`mkdir -p "${outputDir}/console"`, `cp "${assets}"/* "${outputDir}/console/"`];
      }),
    } satisfies Record<WebhookFunctionName, HotlineFunction>;
    for (const fn of Object.values(functions)) {
      // Only the webhooks: the scheduled reminder sweep is invoked asynchronously and has a failure path.
      Validations.of(fn.fn).acknowledge(
        {
          id: 'Serverless-LambdaDLQ',
          reason:
            'Webhook functions are invoked synchronously by API Gateway; a DLQ never receives their failures.',
        },
        {
          id: 'Serverless-LambdaAsyncFailureDestination',
          reason: 'Webhook functions are invoked synchronously by API Gateway, never asynchronously.',
        },
      );
    }

    // The IVR plays its recordings from here, and texts a caller what they set or our numbers on request.
    const prompts = new PromptDelivery(this, 'Prompts', { audioDir: 'prompts/audio' });
    functions.voice.fn.addEnvironment('PROMPTS_BASE_URL', prompts.baseUrl);
    if (config.smsSenderId) functions.voice.fn.addEnvironment('SMS_SENDER_ID', config.smsSenderId);
    if (config.smsMaxPriceUsd) functions.voice.fn.addEnvironment('SMS_MAX_PRICE_USD', config.smsMaxPriceUsd);
    allowSmsPublish(this, 'VoicePublishSms', functions.voice.fn);
    // Twilio's fallback when the voice webhook fails: static TwiML beside the prompts, no Lambda involved.
    const voiceFallbackUrl = prompts.addFile(VOICE_FALLBACK_KEY, voiceFallbackTwiml(prompts.baseUrl));

    const reminders = new ReminderSweep(this, 'Reminders', {
      table,
      rateMinutes: config.reminderRateMinutes,
      sendRate: config.reminderSendRate,
      senderId: config.smsSenderId,
      maxPriceUsd: config.smsMaxPriceUsd,
      limits: limitEnvironment(config),
      channels,
    });

    const outbox = new OutboxSender(this, 'Outbox', {
      table,
      channelSecret,
      // Texts from the hotline's number need the Twilio auth token.
      twilioSecret: config.twilioNumber && config.twilioAccountSid ? secret : undefined,
      environment: {
        ...limitEnvironment(config),
        ...channels.environment,
        ...(config.smsSenderId ? { SMS_SENDER_ID: config.smsSenderId } : {}),
        ...(config.smsMaxPriceUsd ? { SMS_MAX_PRICE_USD: config.smsMaxPriceUsd } : {}),
      },
    });

    const chase = new CaseChase(this, 'Cases', {
      table,
      renotifyMinutes: config.caseRenotifyMinutes,
      senderId: config.smsSenderId,
      maxPriceUsd: config.smsMaxPriceUsd,
      limits: limitEnvironment(config),
      twilio: config.twilioAccountSid ? { accountSid: config.twilioAccountSid, secret } : undefined,
    });

    const api = new WebhookApi(this, 'Webhooks', {
      functions: {
        sms: functions.sms.fn,
        voice: functions.voice.fn,
        telegram: functions.telegram.fn,
        'sms-gateway': functions['sms-gateway'].fn,
        console: functions.console.fn,
      },
      throttle: { rateLimit: config.throttleRateLimit, burstLimit: config.throttleBurstLimit },
    });
    const publicBaseUrl = config.publicBaseUrl ?? api.url;
    for (const fn of Object.values(functions)) fn.fn.addEnvironment('PUBLIC_BASE_URL', publicBaseUrl);
    // The studio plays prompts from their delivery and uploads recordings into its bucket.
    functions.console.fn.addEnvironment('PROMPTS_BASE_URL', prompts.baseUrl);
    prompts.allowStudio(functions.console.fn, publicBaseUrl);

    new Monitoring(this, 'Monitoring', {
      functions: {
        sms: functions.sms.fn,
        voice: functions.voice.fn,
        reminders: reminders.sweep.fn,
        escalations: chase.chase.fn,
        telegram: functions.telegram.fn,
        smsGateway: functions['sms-gateway'].fn,
        outbox: outbox.sender.fn,
      },
      apiStage: api.stage,
      reminderFailures: reminders.failures,
      chaseFailures: chase.failures,
      outboxFailures: outbox.failures,
      smsGateway: config.smsGatewayApiBase !== undefined,
      smsSpendAlarmUsd: config.smsSpendAlarmUsd,
      dailySpendCeilingUsd: config.dailySpendCeilingUsd,
      twilioDailySpendAlarmUsd: config.twilioAccountSid ? config.twilioDailySpendAlarmUsd : undefined,
      alarmEmail: config.alarmEmail,
    });

    new CfnOutput(this, 'ConsoleUrl', {
      value: `${publicBaseUrl}/console`,
      description: 'The volunteers’ console: volunteers sign in with a code texted to their phone',
    });
    new CfnOutput(this, 'SmsWebhookUrl', {
      value: `${publicBaseUrl}/sms`,
      description: 'Twilio number → Messaging → "A message comes in" (HTTP POST); also the WhatsApp sender',
    });
    new CfnOutput(this, 'VoiceWebhookUrl', {
      value: `${publicBaseUrl}/voice`,
      description: 'Twilio number → Voice → "A call comes in" (HTTP POST)',
    });
    new CfnOutput(this, 'VoiceFallbackUrl', {
      value: voiceFallbackUrl,
      description:
        'Twilio number → Voice → "Primary handler fails" (HTTP GET: a static file behind CloudFront)',
    });
    new CfnOutput(this, 'TelegramWebhookUrl', {
      value: `${publicBaseUrl}/telegram`,
      description: 'npm run admin -- telegram set-webhook --url <this> (docs/telegram.md)',
    });
    new CfnOutput(this, 'SmsGatewayWebhookUrl', {
      value: `${publicBaseUrl}/sms-gateway`,
      description:
        'SMS Gateway app → Webhooks: sms:received, sms:sent, sms:delivered, sms:failed, system:ping',
    });
    new CfnOutput(this, 'ChannelsSecretArn', {
      value: channelSecret.secretArn,
      description: 'Put the Telegram bot token and the SIM gateway keys into this secret (docs/telegram.md)',
    });
    new CfnOutput(this, 'SecretArn', {
      value: secret.secretArn,
      description: 'Put the Twilio auth token into this secret (key twilioAuthToken), see README',
    });

    Validations.of(this).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Twilio cannot send AWS credentials or tokens; every webhook checks X-Twilio-Signature in the function.',
    });
  }
}
