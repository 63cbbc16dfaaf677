import { describe, expect, it } from 'vitest';
import { conversationTexts } from '../../../shared/adapters/telegram/commands.js';
import { type Caller, recordContact } from '../../../shared/callers/caller.js';
import { decideSmsReply } from '../../../shared/conversation/sms-conversation.js';
import { renderMessage, WELCOME } from '../../../shared/messages/catalogue.js';
import { matchKeyword } from '../../../shared/sms/keywords.js';

const NOW = new Date('2026-06-01T10:00:00.000Z');

/** A Telegram user the hotline has never heard from, as recordContact makes them on the first update. */
function newTelegramCaller(): Caller {
  return recordContact(
    undefined,
    { callerId: 'tg-caller', phone: '123456789', channel: 'telegram' },
    NOW,
    365,
  );
}

/** Runs the texts a command became through the conversation in order, as functions/telegram.ts does. */
function converse(texts: readonly string[]) {
  let caller: Caller | undefined;
  const decisions = [];
  for (const text of texts) {
    const contacted = caller ?? newTelegramCaller();
    const decision = decideSmsReply(contacted, text, caller === undefined, NOW);
    decisions.push(decision);
    caller = { ...decision.caller, version: decision.caller.version + 1 };
  }
  return decisions;
}

describe('conversationTexts', () => {
  it('turns /start ky into the Kyrgyz language choice, then the menu', () => {
    expect(conversationTexts('/start ky')).toEqual(['КЫРГЫЗЧА', 'МЕНЮ']);
  });

  it('turns /start ru into the Russian language choice, then the menu', () => {
    expect(conversationTexts('/start ru')).toEqual(['РУССКИЙ', 'МЕНЮ']);
  });

  it('reads the form with the bot username the command menu sends', () => {
    expect(conversationTexts('/start@SomeBot ky')).toEqual(['КЫРГЫЗЧА', 'МЕНЮ']);
    expect(conversationTexts('/stop@SomeBot')).toEqual(['STOP']);
  });

  it('takes the language of the Telegram app when /start names none', () => {
    expect(conversationTexts('/start', 'ky')).toEqual(['КЫРГЫЗЧА', 'МЕНЮ']);
    expect(conversationTexts('/start', 'ru')).toEqual(['РУССКИЙ', 'МЕНЮ']);
  });

  it('prefers the deep link language over the app language', () => {
    expect(conversationTexts('/start ky', 'ru')).toEqual(['КЫРГЫЗЧА', 'МЕНЮ']);
    expect(conversationTexts('/start ru', 'ky')).toEqual(['РУССКИЙ', 'МЕНЮ']);
  });

  it('reads /start as START when neither the link nor the app names Kyrgyz or Russian', () => {
    expect(conversationTexts('/start', 'en')).toEqual(['START']);
    expect(conversationTexts('/start')).toEqual(['START']);
  });

  it('turns /stop into STOP, /delete into DELETE and /help into the menu', () => {
    expect(conversationTexts('/stop')).toEqual(['STOP']);
    expect(conversationTexts('/delete')).toEqual(['DELETE']);
    expect(conversationTexts('/help')).toEqual(['МЕНЮ']);
  });

  it('passes plain text through unchanged', () => {
    expect(conversationTexts('кирдим 12.03', 'ky')).toEqual(['кирдим 12.03']);
    expect(conversationTexts('start')).toEqual(['start']);
  });

  it('passes an unknown command through unchanged', () => {
    expect(conversationTexts('/foo')).toEqual(['/foo']);
    expect(conversationTexts('/foo ky', 'ru')).toEqual(['/foo ky']);
  });
});

describe('the keywords a command becomes, as the conversation reads them', () => {
  it('reads STOP as stop', () => {
    expect(matchKeyword(conversationTexts('/stop')[0] ?? '')).toMatchObject({ intent: 'stop' });
  });

  it('reads DELETE as delete', () => {
    expect(matchKeyword(conversationTexts('/delete')[0] ?? '')).toMatchObject({ intent: 'delete' });
  });

  it('reads МЕНЮ as the menu', () => {
    expect(matchKeyword(conversationTexts('/help')[0] ?? '')).toMatchObject({ intent: 'menu' });
  });

  it('reads the /start ky language choice as Kyrgyz and /start ru as Russian', () => {
    const [kyrgyz] = conversationTexts('/start ky');
    const [russian] = conversationTexts('/start ru');
    expect(matchKeyword(kyrgyz ?? '')).toMatchObject({ intent: 'language', language: 'ky' });
    expect(matchKeyword(russian ?? '')).toMatchObject({ intent: 'language', language: 'ru' });
    expect(matchKeyword(conversationTexts('/start ky')[1] ?? '')).toMatchObject({ intent: 'menu' });
  });

  it.each(['ky', 'ru'] as const)(
    'answers a new user’s /start %s with the language set, then the menu in it',
    (language) => {
      const decisions = converse(conversationTexts(`/start ${language}`));

      expect(decisions.map((decision) => decision.intent)).toEqual(['language', 'menu']);
      expect(decisions[1]?.caller.language).toBe(language);
      expect(decisions[1]?.replies).toEqual([renderMessage('menu', { language, latin: false })]);
    },
  );

  it('answers a new user’s /stop by stopping, and /delete by asking to confirm', () => {
    const [stopped] = converse(conversationTexts('/stop'));
    const [deleting] = converse(conversationTexts('/delete'));

    expect(stopped?.caller.optedOut).toBe(true);
    expect(deleting?.caller.awaiting).toBe('delete_confirmation');
  });

  // commands.ts: "Neither: the bilingual welcome, which asks for the language."
  it('answers a new user’s bare /start (app language neither ky nor ru) with the bilingual welcome', () => {
    const [decision] = converse(conversationTexts('/start', 'en'));

    expect(decision?.intent).toBe('welcome');
    expect(decision?.replies).toEqual([WELCOME.cyrillic]);
    expect(decision?.caller.awaiting).toBe('language');
  });
});
