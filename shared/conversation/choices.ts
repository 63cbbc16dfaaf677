// The choices a reply offers, read from its own text: a menu lists its keys as digits ("1 Регистрация",
// "1 - Кыргызча", "2 90 дней без визы", "8 Язык 9 Латиница"). A channel with buttons (Telegram's reply keyboard) shows them; the
// digits are the same keys an SMS caller types. Pure.

// The key, then its label: a word, or a number that starts one ("2 90 дней без визы").
const KEY = /(?:^|\s)([1-9])\s+(?:-\s+)?[\p{L}\d]/gu;

/** The keys 1…n a text offers, when it offers at least two in order from 1; otherwise none. */
export function choicesIn(text: string): string[] | undefined {
  const keys = new Set<number>();
  for (const match of text.matchAll(KEY)) keys.add(Number(match[1]));
  let n = 0;
  while (keys.has(n + 1)) n++;
  if (n < 2) return undefined;
  return Array.from({ length: n }, (_, index) => String(index + 1));
}
