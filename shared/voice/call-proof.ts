// The code a call types to prove it holds the number it shows (shared/conversation/ivr.ts, CallProof):
// six random digits sent by SMS, and their keyed hash bound to the call's CallSid carried in the action
// URL Twilio signs. Nothing is stored; a code is good for its own call only.
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import type { CallProof } from '../conversation/ivr.js';

export function callProof(
  callSid: string,
  key: string,
  random: () => number = () => randomInt(0, 1_000_000),
): CallProof {
  const hash = (code: string) =>
    createHmac('sha256', key).update(`call-proof:${callSid}:${code}`).digest('hex').slice(0, 32);
  return {
    issue() {
      const code = String(random()).padStart(6, '0');
      return { code, proof: hash(code) };
    },
    check(typed, proof) {
      if (!/^\d{6}$/.test(typed)) return false;
      const expected = Buffer.from(hash(typed));
      const given = Buffer.from(proof);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}
