// Reads an earlier stay in Serbia typed as two dates: "05.01-18.02", "был с 05.01 по 18.02",
// "05.01ден 18.02ге чейин", "кирдим 05.01 чыктым 18.02", "въезд 20.11.2025 выезд 15.01.2026".
//
// Without a year, `to` is its most recent past occurrence and `from` the latest one not after `to`, so
// "15.12-20.01" read on 10.04.2026 is 15.12.2025–20.01.2026 (a stay across the new year).
//
// NATIVE SPEAKERS SHOULD REVIEW the Kyrgyz and Russian joining words below.

import { findDateMentions, parseDate } from './dates.js';
import { foldWord, tokenize } from './normalize.js';

/** An earlier stay, both days included: `YYYY-MM-DD`. */
export interface StayRange {
  readonly from: string;
  readonly to: string;
}

/** Two numeric dates joined by a dash: 05.01-18.02, 10.01.2026 - 25.02.2026, 3.01–1.02. */
const DASHED =
  /(?<![\d.])(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)\s*[-–—]\s*(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)(?![\d.]*\d)/u;

/** Two numeric dates side by side ("05.01 18.02"): a range only as the answer to our question. */
const SIDE_BY_SIDE =
  /(?<![\d.])(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)\s+(\d{1,2}[./]\d{1,2}(?:[./](?:\d{4}|\d{2}))?)(?![\d.]*\d)/u;

/**
 * Words that may stand between the two dates of a range, folded: "по", "до", "чейин", and the exit
 * verbs that close it ("кирдим 05.01 чыктым 18.02"). A Kyrgyz ablative stuck to the first date
 * ("05.01ден") is dropped before the gap is read.
 */
const JOINERS = new Set(
  [
    'ПО',
    'ДО',
    'PO',
    'DO',
    'ЧЕЙИН',
    'CHEYIN',
    'CHEIN',
    'ВЫЕЗД',
    'ВЫЕХАЛ',
    'ВЫЕХАЛА',
    'УЕХАЛ',
    'УЕХАЛА',
    'VYEZD',
    'VYEHAL',
    'VYEKHAL',
    'UEHAL',
    'ЧЫКТЫМ',
    'ЧЫКТЫК',
    'CHYKTYM',
    'CHIKTIM',
  ].map(foldWord),
);
const ABLATIVE = /^(?:ДЕН|ДАН|ТЕН|ТАН|DEN|DAN|TEN|TAN)$/iu;

export interface RangeOptions {
  /** Also read two dates with nothing between them ("05.01 18.02"): the answer to our question. */
  readonly loose?: boolean;
}

/** The stay a text gives as two dates, or undefined when it does not give exactly one. */
export function findStayRange(
  text: string,
  today: string,
  options: RangeOptions = {},
): StayRange | undefined {
  const dashed = DASHED.exec(text) ?? (options.loose ? SIDE_BY_SIDE.exec(text) : null);
  if (dashed) return resolveRange(dashed[1] ?? '', dashed[2] ?? '', today);

  const mentions = findDateMentions(text);
  if (mentions.length !== 2) return undefined;
  const [first, second] = mentions as [(typeof mentions)[0], (typeof mentions)[0]];
  const gap = tokenize(text.slice(first.end, second.start)).filter((token) => token.kind === 'word');
  const words = gap.filter((token, index) => !(index === 0 && ABLATIVE.test(token.raw)));
  const fromText = text.slice(first.start, first.end);
  // "1-январдан 28-февралга": the ablative is part of the month word the date reader took.
  const ablativeInside = /(?:ден|дан|тен|тан|den|dan|ten|tan)$/iu.test(fromText);
  const joined =
    (words.length === 0 && (gap.length > 0 || ablativeInside || options.loose === true)) ||
    (words.length === 1 && JOINERS.has(words[0]!.folded));
  if (!joined) return undefined;
  return resolveRange(fromText, text.slice(second.start, second.end), today);
}

function resolveRange(fromText: string, toText: string, today: string): StayRange | undefined {
  const to = parseDate(toText, today, 'past');
  if (!to.ok) return undefined;
  // `from` is read as if today were `to`: its latest occurrence not after the end of the stay.
  const from = parseDate(fromText, to.date, 'past');
  if (!from.ok) return undefined;
  return { from: from.date, to: to.date };
}
