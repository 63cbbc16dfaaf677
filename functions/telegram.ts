// Lambda: Telegram Bot API webhook, POST /telegram. A private text is a caller's text, answered through the
// outbox (Telegram has no inline answer here), unless it links a volunteer's chat (`/link <code>`) or comes
// from a linked volunteer's chat (their commands); everything else is acknowledged.
import { conversationTexts } from '../shared/adapters/telegram/commands.js';
import {
  readTelegramUpdate,
  secretMatches,
  TELEGRAM_SECRET_HEADER,
} from '../shared/adapters/telegram/update.js';
import { parseVolunteerCommand } from '../shared/cases/volunteer-commands.js';
import { hotlineClock } from '../shared/clock.js';
import {
  answerCallerText,
  answerVolunteerText,
  callerTextDependencies,
  recordingEraserFor,
} from '../shared/edge/caller-texts.js';
import { jsonWebhook } from '../shared/http/json-webhook.js';
import { textsFor } from '../shared/messages/volunteer.js';
import { callerIdFor, telegramAddress } from '../shared/privacy.js';
import { completeTelegramLink, isUnlinkCommand, linkCodeIn } from '../shared/use-cases/telegram-link.js';
import { volunteerByTelegramChat } from '../shared/volunteers/roster.js';

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
    const recordings = recordingEraserFor(request.config, { authToken: request.secrets.twilioAuthToken });
    const deps = callerTextDependencies();
    const requestId = `tg:${input.updateId}`;
    // A volunteer linking this chat with the code the console showed them.
    const code = linkCodeIn(input.text);
    if (code) {
      const result = await completeTelegramLink(
        { links: deps.telegramLinks, roster: deps.roster, clock: hotlineClock, log: request.log },
        { chatId: input.chatId, code, requestId },
      );
      if (result.refused) await deps.queue(result.refused);
      deps.roster.forget();
      return { ok: true };
    }
    let volunteers = await deps.roster.list();
    let volunteer = volunteerByTelegramChat(volunteers, input.chatId);
    if (!volunteer && parseVolunteerCommand(input.text).kind !== 'unknown') {
      // Linked moments ago through another container, whose roster cache this one does not share: a
      // command is worth one fresh read, so that it is not taken for a caller's text.
      deps.roster.forget();
      volunteers = await deps.roster.list();
      volunteer = volunteerByTelegramChat(volunteers, input.chatId);
    }
    if (volunteer) {
      if (isUnlinkCommand(input.text)) {
        await deps.telegramLinks.unlink(volunteer.volunteerId);
        deps.roster.forget();
        await deps.queue({
          id: `${requestId}#0`,
          channel: 'telegram',
          to: input.chatId,
          body: textsFor(volunteer).telegramUnlinked(),
        });
        request.log.info('telegram.volunteer_unlinked', { volunteer: volunteer.volunteerId });
        return { ok: true };
      }
      // The volunteer's commands, as by SMS; answers come back in this chat.
      await answerVolunteerText(
        { log: request.log, inline: undefined, recordings },
        {
          volunteer,
          roster: volunteers,
          messageSid: requestId,
          body: input.text,
          hotline: '',
          channel: 'telegram',
        },
      );
      return { ok: true };
    }
    const context = { log: request.log, inline: undefined, recordings, roster: volunteers };
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
