// The outbox's Telegram sender: one Bot API sendMessage per message, menus as a reply keyboard.
import type { ChannelSender, SendResult } from '../../ports/outbox.js';
import type { TelegramBotApi } from './bot-api.js';

export function telegramSender(api: TelegramBotApi): ChannelSender {
  return {
    async send(message): Promise<SendResult> {
      const result = await api.sendMessage(message.to, message.body, message.choices);
      if (result.ok) return { ok: true };
      return {
        ok: false,
        permanent: result.permanent,
        // Telegram's description ("Forbidden: bot was blocked by the user"), never the token.
        reason: `telegram ${result.status}: ${result.description}`,
        retryAfterSeconds: result.retryAfterSeconds,
      };
    },
  };
}
