// What a volunteer's text asks for. Short Latin commands that any phone can type, with Russian
// equivalents, a case code after the command, and `204518 text` as the shortest way to answer.
// docs/volunteers.md lists them; `HELP` sends the list to the volunteer.

import { CASE_CODE_PATTERN } from './case.js';
export type VolunteerCommand =
  /** `pin`: the digits after the code (`TAKE 204518 482913`), required when the volunteer has a PIN. */
  | { kind: 'take'; code: string; pin?: string | undefined }
  | { kind: 'reply'; code: string; text: string }
  | { kind: 'note'; code: string; text: string }
  | { kind: 'close'; code: string }
  | { kind: 'list' }
  | { kind: 'help' }
  /** A command that needs a case code came without one (or with a malformed one). */
  | { kind: 'missing_code'; command: 'take' | 'reply' | 'note' | 'close' }
  /** A reply or note with a code but nothing to say. */
  | { kind: 'missing_text'; command: 'reply' | 'note'; code: string }
  | { kind: 'unknown' };

/** Command words, upper case; Cyrillic ones as typed on a Russian keyboard. */
export const VOLUNTEER_COMMAND_WORDS = {
  take: ['TAKE', 'T', 'БЕРУ', 'ВЗЯТЬ', 'ВЗЯЛ', 'ВЗЯЛА'],
  reply: ['REPLY', 'R', 'ОТВЕТ', 'О', 'Р'],
  note: ['NOTE', 'N', 'ЗАМЕТКА'],
  close: ['CLOSE', 'C', 'ЗАКРЫТЬ'],
  list: ['LIST', 'L', 'СПИСОК'],
  help: ['HELP', 'H', '?', 'ПОМОЩЬ', 'КОМАНДЫ'],
} as const;

type Word = keyof typeof VOLUNTEER_COMMAND_WORDS;

function commandOf(word: string): Word | undefined {
  const upper = word.toUpperCase();
  return (Object.keys(VOLUNTEER_COMMAND_WORDS) as Word[]).find((command) =>
    (VOLUNTEER_COMMAND_WORDS[command] as readonly string[]).includes(upper),
  );
}

const CODE = new RegExp(`^#?(${CASE_CODE_PATTERN})$`);

export function parseVolunteerCommand(body: string): VolunteerCommand {
  const text = body.trim();
  const [first = '', ...rest] = text.split(/\s+/);
  // `204518 text`: an answer into the case.
  const bareCode = CODE.exec(first);
  if (bareCode) {
    const said = text.slice(first.length).trim();
    return said
      ? { kind: 'reply', code: bareCode[1] ?? '', text: said }
      : { kind: 'missing_text', command: 'reply', code: bareCode[1] ?? '' };
  }
  const command = commandOf(first.replace(/[.:,!]+$/, ''));
  if (!command) return { kind: 'unknown' };
  if (command === 'list' || command === 'help') return { kind: command };
  const code = CODE.exec(rest[0] ?? '')?.[1];
  if (!code) return { kind: 'missing_code', command };
  if (command === 'take') {
    const pin = /^\d{1,12}$/.exec(rest[1] ?? '')?.[0];
    return pin ? { kind: 'take', code, pin } : { kind: 'take', code };
  }
  if (command === 'close') return { kind: command, code };
  // The text starts after the code, as typed (line breaks and spacing kept).
  const afterCode = text.slice(text.indexOf(rest[0] ?? '', first.length) + (rest[0] ?? '').length).trim();
  return afterCode ? { kind: command, code, text: afterCode } : { kind: 'missing_text', command, code };
}
