// Lambda: Telegram Bot API webhook, POST /telegram. Every private text from a person is a caller's text,
// answered through the outbox (Telegram has no inline answer here); everything else is acknowledged.
import { conversationTexts } from '../shared/adapters/telegram/commands.js';
import {
  readTelegramUpdate,
  secretMatches,
  TELEGRAM_SECRET_HEADER,
} from '../shared/adapters/telegram/update.js';
import { answerCallerText, recordingEraserFor } from '../shared/edge/caller-texts.js';
import { jsonWebhook } from '../shared/http/json-webhook.js';
import { callerIdFor, telegramAddress } from '../shared/privacy.js';

export const handler = jsonWebhook(
  {
    channel: 'telegram',
    verify: (request) => {
      const expected = request.channels.telegramWebhookSecret;
      if (!expected || !request.channels.telegramBotToken) return 'not_configured';
      const received = request.headers[TELEGRAM_SECRET_HEADER];
      if (!received) return 'missing';
      return secretMatches(expected, received) ? undefined : 'forged';
    },
  },
  async (request) => {
    const input = readTelegramUpdate(request.rawBody);
    if (input.kind === 'invalid') {
      // Not an update Telegram sends; 200 anyway, so that it is not delivered again and again.
      request.log.warn('telegram.invalid_update');
      return { ok: true };
    }
    if (input.kind === 'ignored') {
      request.log.info('telegram.ignored', { reason: input.reason });
      return { ok: true };
    }
    const context = {
      log: request.log,
      inline: undefined,
      recordings: recordingEraserFor(request.config, { authToken: request.secrets.twilioAuthToken }),
    };
    const callerId = callerIdFor(telegramAddress(input.chatId), request.secrets.callerHashKey);
    const texts = conversationTexts(input.text, input.languageCode);
    for (const [index, body] of texts.entries()) {
      await answerCallerText(context, {
        callerId,
        phone: input.chatId,
        channel: 'telegram',
        // Telegram redelivers an update until it gets a 2xx: its id makes the second delivery a retry.
        messageSid: index === 0 ? `tg:${input.updateId}` : `tg:${input.updateId}:${index}`,
        body,
        hotline: '',
      });
    }
    return { ok: true };
  },
);
