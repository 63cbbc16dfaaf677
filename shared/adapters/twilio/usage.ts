// Twilio's own count of what the account spent today (Usage Records, category `totalprice`), for the
// hourly check in the case chase (functions/escalations.ts): the one figure that covers every text and
// call leg, whatever the hotline's own estimate says. REST, Basic auth, one GET; locally the runtime's
// stand-in answers (`/_local/twilio/2010-04-01/Accounts/<sid>/Usage/Records/Today.json`).
import * as z from 'zod/mini';

export interface TwilioUsage {
  /** Today's total price in USD, as Twilio reports it (its day is UTC). */
  todaySpendUsd(): Promise<number>;
}

const usageSchema = z.object({
  usage_records: z.array(
    z.object({
      category: z.string(),
      price: z.union([z.string(), z.number(), z.null()]),
      price_unit: z.optional(z.nullable(z.string())),
    }),
  ),
});

export class TwilioUsageError extends Error {
  override readonly name = 'TwilioUsageError';
}

export function twilioUsageReader(options: {
  accountSid: string;
  authToken: string;
  apiBase: string;
  fetch?: typeof fetch;
}): TwilioUsage {
  const get = options.fetch ?? fetch;
  return {
    async todaySpendUsd() {
      const url = `${options.apiBase}/2010-04-01/Accounts/${options.accountSid}/Usage/Records/Today.json?Category=totalprice`;
      const response = await get(url, {
        headers: {
          authorization: `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`,
        },
        signal: AbortSignal.timeout(5000),
      });
      if (!response.ok) throw new TwilioUsageError(`Twilio usage records answered ${response.status}`);
      const parsed = usageSchema.safeParse(await response.json());
      if (!parsed.success) throw new TwilioUsageError('Twilio usage records came in an unknown shape');
      const total = parsed.data.usage_records.find((record) => record.category === 'totalprice');
      const price = Number(total?.price ?? 0);
      return Number.isFinite(price) ? Math.abs(price) : 0;
    },
  };
}
