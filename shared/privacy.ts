// Phone numbers never leave this module in the clear except where a message must be delivered.
import { createHmac } from 'node:crypto';

/** A stable, non-reversible id for a phone number: table keys and logs use it instead of the number. */
export function callerIdFor(e164: string, hashKey: string): string {
  return createHmac('sha256', hashKey).update(e164).digest('base64url').slice(0, 22);
}

/**
 * Masks every phone-number-like run of 8+ digits (spaces between them, as people write
 * "+381 11 785 0000"; after a `+` also dashes, dots and brackets): `+996700123456` → `+996•••••56`. Enough to tell a country, never enough to call.
 * Dates and ids with dashes are left alone; an over-masked long number is the safe failure.
 */
export function maskPhone(text: string): string {
  // After a `+`, also the separators people write numbers with: +996-700-123-456, +996 (700) 12-34-56.
  return text.replace(/\+\d(?:[ ().-]{0,2}\d){7,}|\d(?: ?\d){7,}/g, (match) => {
    const digits = match.replace(/\D/g, '');
    const head = match.startsWith('+') ? `+${digits.slice(0, 3)}` : digits.slice(0, 2);
    return `${head}•••••${digits.slice(-2)}`;
  });
}

/** What a Telegram chat's caller id is the HMAC of: never a phone number, never the same id as one. */
export function telegramAddress(chatId: string): string {
  return `telegram:${chatId}`;
}
