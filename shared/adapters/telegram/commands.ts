// Telegram's bot commands as the words the conversation already understands: `/start ky` is the caller
// choosing Kyrgyz, `/stop` is STOP, `/delete` asks for erasure (still confirmed with a yes). Pure.
import { telegramCommand } from './update.js';

/**
 * The texts the conversation reads for a Telegram message, in order: a command becomes its keywords.
 * `/start ky` is two: the language, then the menu in it, as someone opening the bot from a poster expects.
 */
export function conversationTexts(text: string, languageCode?: string): readonly string[] {
  const command = telegramCommand(text);
  if (!command) return [text];
  switch (command.command) {
    case 'start': {
      // A poster's deep link (t.me/<bot>?start=ky), else the language the person's Telegram app uses.
      const language = (command.argument ?? languageCode ?? '').toLowerCase().slice(0, 2);
      if (language === 'ky') return ['КЫРГЫЗЧА', 'МЕНЮ'];
      if (language === 'ru') return ['РУССКИЙ', 'МЕНЮ'];
      // Neither: START, which the conversation answers for a new number with the bilingual welcome (it asks
      // for the language) and for someone who had stopped by turning messages on again.
      return ['START'];
    }
    case 'stop':
      return ['STOP'];
    case 'delete':
      return ['DELETE'];
    case 'help':
      return ['МЕНЮ'];
  }
}
