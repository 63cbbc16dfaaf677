// Texts the webhook edge itself needs, whatever the conversation: the SMS apology for a technical fault.
// Bilingual because a fault can happen before we know the caller's language. Native speakers should review.

/** SMS apology (one UCS-2 segment pair at most): Kyrgyz first, then Russian. */
export const SMS_APOLOGY =
  'Кечиресиз, азыр техникалык ката. Бир аздан кийин кайра жазыңыз.\nИзвините, техническая ошибка. Напишите чуть позже.';
