// The IVR's prompt manifest: every spoken prompt in Kyrgyz and Russian, and the Kyrgyz fragments that
// dates and numbers are composed from. The one source for texts, audio paths and where audio comes from.
//
// NATIVE REVIEW NEEDED: every Kyrgyz text here was written without a native speaker. A Kyrgyz speaker
// must check wording, grammar and register before the NGO records the real voice (docs/prompts.md).
// Russian texts are read by Twilio <Say> (Polly.Tatyana); numbers whose case depends on the sentence
// are spelt out so the synthesiser cannot pick the wrong case, phone numbers are spaced digit by digit.
//
// Phone numbers are given in the domestic form (0 11 ...) because callers ring from Serbian SIM cards;
// source of every number: docs/legal-sources.md.

export type Language = 'ky' | 'ru';

/**
 * `recording`: a human recording; the generator never touches it.
 * `placeholder`: robotic eSpeak-NG audio made by `scripts/generate-prompts.ts`, to be replaced.
 * `tts`: no file; Twilio <Say> reads the text (Russian only: Twilio and Polly have no Kyrgyz voice).
 */
export type PromptSource = 'recording' | 'placeholder' | 'tts';

export type PromptEntry =
  | { readonly text: string; readonly source: 'recording' | 'placeholder'; readonly audio: string }
  | { readonly text: string; readonly source: 'tts'; readonly audio: null };

/** Twilio voice for Russian <Say>; Amazon Polly has a Russian voice and no Kyrgyz one. */
export const RUSSIAN_TTS = { language: 'ru-RU', voice: 'Polly.Tatyana' } as const;

/** Audio paths are relative to the repository root, where the generator writes them. */
export const PROMPT_AUDIO_DIR = 'prompts/audio';

export const prompts = {
  // Played before the caller has chosen: the IVR plays the ky entry, then the ru entry.
  language_menu: {
    ky: {
      text: 'Кыргызча угуу үчүн бирди басыңыз.',
      audio: 'prompts/audio/ky/language_menu.wav',
      source: 'placeholder',
    },
    ru: { text: 'Для русского языка нажмите 2.', audio: null, source: 'tts' },
  },
  greeting: {
    ky: {
      text: 'Саламатсызбы! Бул — Сербиядагы кыргыз мигранттары үчүн жардам линиясы.',
      audio: 'prompts/audio/ky/greeting.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Здравствуйте! Это линия помощи для мигрантов из Кыргызстана в Сербии.',
      audio: null,
      source: 'tts',
    },
  },
  main_menu: {
    ky: {
      text:
        'Маалымат үчүн бирди басыңыз. Мөөнөттөрүңүз — эки. Сербияга кирген күнүңүздү жазуу — үч. ' +
        'Ыктыярчы менен сүйлөшүү — төрт. Кайталоо — нөл. Тилди алмаштыруу — тогуз.',
      audio: 'prompts/audio/ky/main_menu.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Информация — нажмите 1. Мои сроки — 2. Ввести дату въезда — 3. Поговорить с волонтёром — 4. ' +
        'Повторить — 0. Сменить язык — 9.',
      audio: null,
      source: 'tts',
    },
  },
  topics_menu: {
    ky: {
      text:
        'Полицияда каттоо — бир. Визасыз 90 күн — эки. Убактылуу жашоо жана бирдиктүү уруксат — үч. ' +
        'Эмгек укуктары жана айлык — төрт. Шашылыш номерлер — беш. Артка — жылдызча.',
      audio: 'prompts/audio/ky/topics_menu.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Регистрация в полиции — 1. Девяносто дней без визы — 2. Временное проживание и единое разрешение — 3. ' +
        'Права на работе и зарплата — 4. Экстренные номера — 5. Назад — звёздочка.',
      audio: null,
      source: 'tts',
    },
  },
  topic_registration: {
    ky: {
      text:
        'Сербияга ар бир киргенде жана дарек алмашканда 24 сааттын ичинде полицияда катталыңыз: бул «бела карта». ' +
        'Мейманкана муну өзү жасайт, батирде үй ээси сиз менен бирге барат. Каттоо акысыз.',
      audio: 'prompts/audio/ky/topic_registration.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'После каждого въезда и каждой смены адреса зарегистрируйтесь в полиции в течение двадцати четырёх часов: ' +
        'это «бела карта». Гостиница делает это сама, в квартире хозяин идёт вместе с вами. Регистрация бесплатная.',
      audio: null,
      source: 'tts',
    },
  },
  topic_visa_free: {
    ky: {
      text:
        'Кыргызстандын жарандары Сербияда визасыз каалаган 180 күндүн ичинде 90 күнгө чейин жүрө алышат. ' +
        'Чыгып кайра кирүү бул эсепти нөлгө түшүрбөйт. Мөөнөттөн ашса — айып пул жана кирүүгө тыюу салынышы мүмкүн. ' +
        'Мөөнөтүңүздү угуу үчүн негизги менюда экини басыңыз.',
      audio: 'prompts/audio/ky/topic_visa_free.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Граждане Кыргызстана могут находиться в Сербии без визы до девяноста дней в любые сто восемьдесят дней. ' +
        'Выезд и повторный въезд не обнуляют счёт. За превышение срока — штраф и возможный запрет въезда. ' +
        'Узнать свой срок — кнопка 2 в главном меню.',
      audio: null,
      source: 'tts',
    },
  },
  topic_residence: {
    ky: {
      text:
        'Иштөө жана жашоо үчүн бирдиктүү уруксат керек. Арыз онлайн берилет, чечим 15 күндө чыгат, ' +
        'уруксат 3 жылга чейин. Узартуу үчүн мөөнөт бүтөөрдөн 3 ай мурун, эң кечинде 30 күн мурун кайрылыңыз. ' +
        'Даректи алмаштырсаңыз, 3 күндүн ичинде билдириңиз.',
      audio: 'prompts/audio/ky/topic_residence.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Для работы и проживания нужно единое разрешение. Заявление подаётся онлайн, решение — за пятнадцать дней, ' +
        'разрешение — до трёх лет. Продление подавайте за три месяца, не позже чем за тридцать дней до окончания. ' +
        'О смене адреса сообщите в течение трёх дней.',
      audio: null,
      source: 'tts',
    },
  },
  topic_work_rights: {
    ky: {
      text:
        'Сиз келишимге жана айлыгыңызды өз убагында алууга укуктуусуз. ' +
        'Айлык төлөнбөсө же келишим жок болсо — Эмгек инспекциясы: 0 1 1, 2 0 1 7, 4 8 5. ' +
        'Мажбурлап иштетишсе же жумуш сунушу шектүү болсо — АСТРА, атыңызды айтпасаңыз да болот: 0 1 1, 7 8 5, 0 0 0 0.',
      audio: 'prompts/audio/ky/topic_work_rights.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Вы имеете право на договор и зарплату в срок. Не платят или нет договора — Инспекция труда: ' +
        '0 1 1, 2 0 1 7, 4 8 5. Принудительный труд или подозрительное предложение работы — АСТРА, можно анонимно: ' +
        '0 1 1, 7 8 5, 0 0 0 0.',
      audio: null,
      source: 'tts',
    },
  },
  topic_emergency: {
    ky: {
      text:
        'Шашылыш номерлер: полиция — 192, өрт өчүрүүчүлөр — 193, тез жардам — 194. ' +
        'Адам сатуу же эмгек эксплуатациясы боюнча АСТРА: 0 1 1, 7 8 5, 0 0 0 0. ' +
        'Сербияда Кыргызстандын консулдугу жок: Москвадагы элчиликке кайрылыңыз.',
      audio: 'prompts/audio/ky/topic_emergency.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Экстренные номера: полиция — 192, пожарные — 193, скорая помощь — 194. ' +
        'Торговля людьми и трудовая эксплуатация — АСТРА: 0 1 1, 7 8 5, 0 0 0 0. ' +
        'Консульства Кыргызстана в Сербии нет: обращайтесь в посольство в Москве.',
      audio: null,
      source: 'tts',
    },
  },
  // After a topic, so a caller can hear it again without walking the menus.
  topic_options: {
    ky: {
      text: 'Кайра угуу үчүн нөлдү, артка кайтуу үчүн жылдызчаны басыңыз.',
      audio: 'prompts/audio/ky/topic_options.wav',
      source: 'placeholder',
    },
    ru: { text: 'Повторить — 0, назад — звёздочка.', audio: null, source: 'tts' },
  },
  deadlines_none: {
    ky: {
      text: 'Сизде сакталган дата жок. Сербияга кирген күнүңүздү жазуу үчүн негизги менюда үчтү басыңыз.',
      audio: 'prompts/audio/ky/deadlines_none.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Сохранённых дат пока нет. Чтобы ввести дату въезда, нажмите 3 в главном меню.',
      audio: null,
      source: 'tts',
    },
  },
  entry_date_prompt: {
    ky: {
      text:
        'Сербияга кирген күнүңүздү сегиз сан менен териңиз: күн, ай, жыл, анан торчону басыңыз. ' +
        'Мисалы, бешинчи март, эки миң жыйырма алтынчы жыл: 0 5, 0 3, 2 0 2 6, торчо.',
      audio: 'prompts/audio/ky/entry_date_prompt.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Введите дату въезда в Сербию восемью цифрами: день, месяц, год, затем решётку. ' +
        'Например, пятое марта две тысячи двадцать шестого года: 0 5, 0 3, 2 0 2 6, решётка.',
      audio: null,
      source: 'tts',
    },
  },
  // Followed by the composed date (speech.ts composeDate), then entry_date_confirm.
  entry_date_readback: {
    ky: {
      text: 'Сиз терген дата:',
      audio: 'prompts/audio/ky/entry_date_readback.wav',
      source: 'placeholder',
    },
    ru: { text: 'Вы ввели:', audio: null, source: 'tts' },
  },
  entry_date_confirm: {
    ky: {
      text: 'Туура болсо бирди, туура эмес болсо экини басыңыз.',
      audio: 'prompts/audio/ky/entry_date_confirm.wav',
      source: 'placeholder',
    },
    ru: { text: 'Верно — нажмите 1, неверно — 2.', audio: null, source: 'tts' },
  },
  entry_date_saved: {
    ky: {
      text: 'Рахмат, дата сакталды.',
      audio: 'prompts/audio/ky/entry_date_saved.wav',
      source: 'placeholder',
    },
    ru: { text: 'Спасибо, дата сохранена.', audio: null, source: 'tts' },
  },
  entry_date_invalid: {
    ky: {
      text: 'Бул дата туура эмес. Кайра териңиз: күн, ай, жыл — сегиз сан, анан торчо.',
      audio: 'prompts/audio/ky/entry_date_invalid.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Такой даты нет. Введите ещё раз: день, месяц, год — восемь цифр, затем решётка.',
      audio: null,
      source: 'tts',
    },
  },
  volunteer_connecting: {
    ky: {
      text: 'Ыктыярчыга туташтырып жатабыз, күтө туруңуз.',
      audio: 'prompts/audio/ky/volunteer_connecting.wav',
      source: 'placeholder',
    },
    ru: { text: 'Соединяем с волонтёром, пожалуйста, подождите.', audio: null, source: 'tts' },
  },
  // The hours are a placeholder until the NGO fixes its rota; they are baked into the audio.
  volunteer_unavailable: {
    ky: {
      text:
        'Азыр ыктыярчылар жооп бере алышпайт. Алар дүйшөмбүдөн жумага чейин, саат ондон он сегизге чейин иштешет. ' +
        'Сурооңузду SMS менен жазсаңыз болот: ЖАРДАМ деп жазыңыз.',
      audio: 'prompts/audio/ky/volunteer_unavailable.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Сейчас волонтёры не могут ответить. Они работают с понедельника по пятницу, с десяти до восемнадцати часов. ' +
        'Вопрос можно написать в SMS со словом ПОМОЩЬ.',
      audio: null,
      source: 'tts',
    },
  },
  // Nobody answered, or nobody is on shift: a voicemail for the volunteers, and the emergency number.
  voicemail_invite: {
    ky: {
      text:
        'Азыр ыктыярчылар жооп бере алышпайт. Сигналдан кийин кабарыңызды калтырыңыз, эки мүнөткө чейин, ' +
        'аягында тор белгини басыңыз. Ыктыярчы сиз менен байланышат. Шашылыш учурда полиция: бир токсон эки.',
      audio: 'prompts/audio/ky/voicemail_invite.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Сейчас волонтёры не могут ответить. Оставьте сообщение после сигнала, до двух минут, ' +
        'в конце нажмите решётку. Волонтёр с вами свяжется. В экстренном случае звоните в полицию: сто девяносто два.',
      audio: null,
      source: 'tts',
    },
  },
  voicemail_saved: {
    ky: {
      text: 'Кабарыңыз сакталды. Ыктыярчы сиз менен байланышат. Саламатта болуңуз!',
      audio: 'prompts/audio/ky/voicemail_saved.wav',
      source: 'placeholder',
    },
    ru: { text: 'Сообщение сохранено. Волонтёр с вами свяжется. До свидания!', audio: null, source: 'tts' },
  },
  sms_offer: {
    ky: {
      text: 'Биздин номерлерди SMS менен алуу үчүн бирди басыңыз.',
      audio: 'prompts/audio/ky/sms_offer.wav',
      source: 'placeholder',
    },
    ru: { text: 'Чтобы получить наши номера в SMS, нажмите 1.', audio: null, source: 'tts' },
  },
  sms_sent: {
    ky: { text: 'SMS жөнөтүлдү.', audio: 'prompts/audio/ky/sms_sent.wav', source: 'placeholder' },
    ru: { text: 'SMS отправлено.', audio: null, source: 'tts' },
  },
  // SMS could not be handed over (the provider refused it); the call goes on.
  sms_failed: {
    ky: {
      text: 'Кечиресиз, SMS жөнөтүлгөн жок.',
      audio: 'prompts/audio/ky/sms_failed.wav',
      source: 'placeholder',
    },
    ru: { text: 'Извините, SMS не отправлено.', audio: null, source: 'tts' },
  },
  // After a date is saved by keypad: the same confirmation the SMS line gives, in writing.
  sms_summary_offer: {
    ky: {
      text: 'Муну SMS менен алуу үчүн бирди басыңыз. Негизги меню — жылдызча.',
      audio: 'prompts/audio/ky/sms_summary_offer.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Чтобы получить это в SMS, нажмите 1. Главное меню — звёздочка.',
      audio: null,
      source: 'tts',
    },
  },
  // A call proves it holds the number before it hears or changes stored dates (docs/ivr.md).
  verify_code_sent: {
    ky: {
      text: 'Бул телефонго SMS менен алты сандуу код жөнөттүк. Кодду терип, торчону басыңыз.',
      audio: 'prompts/audio/ky/verify_code_sent.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Мы отправили на этот телефон SMS с кодом из шести цифр. Наберите код, затем решётку.',
      audio: null,
      source: 'tts',
    },
  },
  verify_code_wrong: {
    ky: {
      text: 'Код туура эмес. SMSтеги кодду кайра териңиз, анан торчону басыңыз.',
      audio: 'prompts/audio/ky/verify_code_wrong.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Код неверный. Наберите код из SMS ещё раз, затем решётку.',
      audio: null,
      source: 'tts',
    },
  },
  verify_unavailable: {
    ky: {
      text: 'Азыр бул телефонду текшере албайбыз. Мөөнөттөрүңүздү билүү үчүн бизге SMS жазыңыз.',
      audio: 'prompts/audio/ky/verify_unavailable.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Сейчас мы не можем проверить этот телефон. Чтобы узнать свои сроки, напишите нам SMS.',
      audio: null,
      source: 'tts',
    },
  },
  // A withheld number has no caller id: nothing can be stored or looked up for it.
  number_hidden: {
    ky: {
      text:
        'Номериңиз көрүнбөйт, ошондуктан датаңызды сактай да, айта да албайбыз. ' +
        'Номериңизди жашырбай чалыңыз же бизге SMS жазыңыз.',
      audio: 'prompts/audio/ky/number_hidden.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Ваш номер скрыт, поэтому мы не можем сохранить или назвать ваши даты. ' +
        'Позвоните, не скрывая номер, или напишите нам SMS.',
      audio: null,
      source: 'tts',
    },
  },
  invalid_key: {
    ky: {
      text: 'Мындай тандоо жок. Кайра угуңуз.',
      audio: 'prompts/audio/ky/invalid_key.wav',
      source: 'placeholder',
    },
    ru: { text: 'Такой клавиши нет. Послушайте ещё раз.', audio: null, source: 'tts' },
  },
  no_input: {
    ky: {
      text: 'Сиз эч нерсе баскан жоксуз. Кайра угуңуз.',
      audio: 'prompts/audio/ky/no_input.wav',
      source: 'placeholder',
    },
    ru: { text: 'Вы ничего не нажали. Послушайте ещё раз.', audio: null, source: 'tts' },
  },
  // After three failed inputs: hang up politely and point to the SMS keyword instead.
  too_many_failures: {
    ky: {
      text: 'Кечиресиз, түшүнө алган жокпуз. Бизге ЖАРДАМ деп SMS жазыңыз. Саламатта болуңуз!',
      audio: 'prompts/audio/ky/too_many_failures.wav',
      source: 'placeholder',
    },
    ru: {
      text: 'Извините, не получилось. Напишите нам SMS со словом ПОМОЩЬ. До свидания!',
      audio: null,
      source: 'tts',
    },
  },
  // Also fit for a static fallback TwiML that must work when the webhook is down.
  apology: {
    ky: {
      text:
        'Кечиресиз, техникалык ката кетти. Кийинчерээк чалыңыз же ЖАРДАМ деп SMS жазыңыз. ' +
        'Шашылыш учурда: полиция — 192, тез жардам — 194, АСТРА — 0 1 1, 7 8 5, 0 0 0 0.',
      audio: 'prompts/audio/ky/apology.wav',
      source: 'placeholder',
    },
    ru: {
      text:
        'Извините, техническая неполадка. Позвоните позже или напишите SMS со словом ПОМОЩЬ. ' +
        'В экстренном случае: полиция — 192, скорая — 194, АСТРА — 0 1 1, 7 8 5, 0 0 0 0.',
      audio: null,
      source: 'tts',
    },
  },
  goodbye: {
    ky: {
      text: 'Чалганыңыз үчүн рахмат. Саламатта болуңуз!',
      audio: 'prompts/audio/ky/goodbye.wav',
      source: 'placeholder',
    },
    ru: { text: 'Спасибо за звонок. До свидания!', audio: null, source: 'tts' },
  },
} satisfies Record<string, Record<Language, PromptEntry>>;

export type PromptId = keyof typeof prompts;

// Kyrgyz building blocks for spoken numbers and dates (speech.ts). Russian needs none: <Say> reads them.
// Grammar chosen so fragments concatenate without suffixes that depend on the preceding word:
// - numbers before a noun stay bare and the noun stays singular ("жыйырма жети күн калды");
// - a date is an ordinal day plus a month name, "он экинчи март", with the month in the locative for
//   "on" ("он экинчи мартта бүтөт") so the case suffix sits on a fixed fragment, never on a number;
// - years are ordinals followed by "жыл" / "жылы" ("эки миң жыйырма алтынчы жылы").
// NATIVE REVIEW: whether "миң" alone is preferred over "бир миң", and the deadline sentence order.
export const fragments = {
  num_0: { text: 'нөл', audio: 'prompts/audio/ky/num_0.wav', source: 'placeholder' },
  num_1: { text: 'бир', audio: 'prompts/audio/ky/num_1.wav', source: 'placeholder' },
  num_2: { text: 'эки', audio: 'prompts/audio/ky/num_2.wav', source: 'placeholder' },
  num_3: { text: 'үч', audio: 'prompts/audio/ky/num_3.wav', source: 'placeholder' },
  num_4: { text: 'төрт', audio: 'prompts/audio/ky/num_4.wav', source: 'placeholder' },
  num_5: { text: 'беш', audio: 'prompts/audio/ky/num_5.wav', source: 'placeholder' },
  num_6: { text: 'алты', audio: 'prompts/audio/ky/num_6.wav', source: 'placeholder' },
  num_7: { text: 'жети', audio: 'prompts/audio/ky/num_7.wav', source: 'placeholder' },
  num_8: { text: 'сегиз', audio: 'prompts/audio/ky/num_8.wav', source: 'placeholder' },
  num_9: { text: 'тогуз', audio: 'prompts/audio/ky/num_9.wav', source: 'placeholder' },
  num_10: { text: 'он', audio: 'prompts/audio/ky/num_10.wav', source: 'placeholder' },
  num_20: { text: 'жыйырма', audio: 'prompts/audio/ky/num_20.wav', source: 'placeholder' },
  num_30: { text: 'отуз', audio: 'prompts/audio/ky/num_30.wav', source: 'placeholder' },
  num_40: { text: 'кырк', audio: 'prompts/audio/ky/num_40.wav', source: 'placeholder' },
  num_50: { text: 'элүү', audio: 'prompts/audio/ky/num_50.wav', source: 'placeholder' },
  num_60: { text: 'алтымыш', audio: 'prompts/audio/ky/num_60.wav', source: 'placeholder' },
  num_70: { text: 'жетимиш', audio: 'prompts/audio/ky/num_70.wav', source: 'placeholder' },
  num_80: { text: 'сексен', audio: 'prompts/audio/ky/num_80.wav', source: 'placeholder' },
  num_90: { text: 'токсон', audio: 'prompts/audio/ky/num_90.wav', source: 'placeholder' },
  num_100: { text: 'жүз', audio: 'prompts/audio/ky/num_100.wav', source: 'placeholder' },
  num_1000: { text: 'миң', audio: 'prompts/audio/ky/num_1000.wav', source: 'placeholder' },
  ord_1: { text: 'биринчи', audio: 'prompts/audio/ky/ord_1.wav', source: 'placeholder' },
  ord_2: { text: 'экинчи', audio: 'prompts/audio/ky/ord_2.wav', source: 'placeholder' },
  ord_3: { text: 'үчүнчү', audio: 'prompts/audio/ky/ord_3.wav', source: 'placeholder' },
  ord_4: { text: 'төртүнчү', audio: 'prompts/audio/ky/ord_4.wav', source: 'placeholder' },
  ord_5: { text: 'бешинчи', audio: 'prompts/audio/ky/ord_5.wav', source: 'placeholder' },
  ord_6: { text: 'алтынчы', audio: 'prompts/audio/ky/ord_6.wav', source: 'placeholder' },
  ord_7: { text: 'жетинчи', audio: 'prompts/audio/ky/ord_7.wav', source: 'placeholder' },
  ord_8: { text: 'сегизинчи', audio: 'prompts/audio/ky/ord_8.wav', source: 'placeholder' },
  ord_9: { text: 'тогузунчу', audio: 'prompts/audio/ky/ord_9.wav', source: 'placeholder' },
  ord_10: { text: 'онунчу', audio: 'prompts/audio/ky/ord_10.wav', source: 'placeholder' },
  ord_20: { text: 'жыйырманчы', audio: 'prompts/audio/ky/ord_20.wav', source: 'placeholder' },
  ord_30: { text: 'отузунчу', audio: 'prompts/audio/ky/ord_30.wav', source: 'placeholder' },
  ord_40: { text: 'кыркынчы', audio: 'prompts/audio/ky/ord_40.wav', source: 'placeholder' },
  ord_50: { text: 'элүүнчү', audio: 'prompts/audio/ky/ord_50.wav', source: 'placeholder' },
  ord_60: { text: 'алтымышынчы', audio: 'prompts/audio/ky/ord_60.wav', source: 'placeholder' },
  ord_70: { text: 'жетимишинчи', audio: 'prompts/audio/ky/ord_70.wav', source: 'placeholder' },
  ord_80: { text: 'сексенинчи', audio: 'prompts/audio/ky/ord_80.wav', source: 'placeholder' },
  ord_90: { text: 'токсонунчу', audio: 'prompts/audio/ky/ord_90.wav', source: 'placeholder' },
  ord_100: { text: 'жүзүнчү', audio: 'prompts/audio/ky/ord_100.wav', source: 'placeholder' },
  ord_1000: { text: 'миңинчи', audio: 'prompts/audio/ky/ord_1000.wav', source: 'placeholder' },
  // Month names as Kyrgyz speakers use them day to day (the Russian loans), nominative and locative.
  month_01: { text: 'январь', audio: 'prompts/audio/ky/month_01.wav', source: 'placeholder' },
  month_02: { text: 'февраль', audio: 'prompts/audio/ky/month_02.wav', source: 'placeholder' },
  month_03: { text: 'март', audio: 'prompts/audio/ky/month_03.wav', source: 'placeholder' },
  month_04: { text: 'апрель', audio: 'prompts/audio/ky/month_04.wav', source: 'placeholder' },
  month_05: { text: 'май', audio: 'prompts/audio/ky/month_05.wav', source: 'placeholder' },
  month_06: { text: 'июнь', audio: 'prompts/audio/ky/month_06.wav', source: 'placeholder' },
  month_07: { text: 'июль', audio: 'prompts/audio/ky/month_07.wav', source: 'placeholder' },
  month_08: { text: 'август', audio: 'prompts/audio/ky/month_08.wav', source: 'placeholder' },
  month_09: { text: 'сентябрь', audio: 'prompts/audio/ky/month_09.wav', source: 'placeholder' },
  month_10: { text: 'октябрь', audio: 'prompts/audio/ky/month_10.wav', source: 'placeholder' },
  month_11: { text: 'ноябрь', audio: 'prompts/audio/ky/month_11.wav', source: 'placeholder' },
  month_12: { text: 'декабрь', audio: 'prompts/audio/ky/month_12.wav', source: 'placeholder' },
  month_01_loc: { text: 'январда', audio: 'prompts/audio/ky/month_01_loc.wav', source: 'placeholder' },
  month_02_loc: { text: 'февралда', audio: 'prompts/audio/ky/month_02_loc.wav', source: 'placeholder' },
  month_03_loc: { text: 'мартта', audio: 'prompts/audio/ky/month_03_loc.wav', source: 'placeholder' },
  month_04_loc: { text: 'апрелде', audio: 'prompts/audio/ky/month_04_loc.wav', source: 'placeholder' },
  month_05_loc: { text: 'майда', audio: 'prompts/audio/ky/month_05_loc.wav', source: 'placeholder' },
  month_06_loc: { text: 'июнда', audio: 'prompts/audio/ky/month_06_loc.wav', source: 'placeholder' },
  month_07_loc: { text: 'июлда', audio: 'prompts/audio/ky/month_07_loc.wav', source: 'placeholder' },
  month_08_loc: { text: 'августта', audio: 'prompts/audio/ky/month_08_loc.wav', source: 'placeholder' },
  month_09_loc: { text: 'сентябрда', audio: 'prompts/audio/ky/month_09_loc.wav', source: 'placeholder' },
  month_10_loc: { text: 'октябрда', audio: 'prompts/audio/ky/month_10_loc.wav', source: 'placeholder' },
  month_11_loc: { text: 'ноябрда', audio: 'prompts/audio/ky/month_11_loc.wav', source: 'placeholder' },
  month_12_loc: { text: 'декабрда', audio: 'prompts/audio/ky/month_12_loc.wav', source: 'placeholder' },
  word_year: { text: 'жыл', audio: 'prompts/audio/ky/word_year.wav', source: 'placeholder' },
  word_in_year: { text: 'жылы', audio: 'prompts/audio/ky/word_in_year.wav', source: 'placeholder' },
  word_today: { text: 'бүгүн', audio: 'prompts/audio/ky/word_today.wav', source: 'placeholder' },
  word_tomorrow: { text: 'эртең', audio: 'prompts/audio/ky/word_tomorrow.wav', source: 'placeholder' },
  word_yesterday: { text: 'кечээ', audio: 'prompts/audio/ky/word_yesterday.wav', source: 'placeholder' },
  // "Сербияда болуу мөөнөтүңүз [date] бүтөт. [N] күн калды." / "... бүттү, [N] күн мурун."
  deadline_stay: {
    text: 'Сербияда болуу мөөнөтүңүз',
    audio: 'prompts/audio/ky/deadline_stay.wav',
    source: 'placeholder',
  },
  deadline_ends: { text: 'бүтөт', audio: 'prompts/audio/ky/deadline_ends.wav', source: 'placeholder' },
  deadline_ended: { text: 'бүттү', audio: 'prompts/audio/ky/deadline_ended.wav', source: 'placeholder' },
  days_left: { text: 'күн калды', audio: 'prompts/audio/ky/days_left.wav', source: 'placeholder' },
  days_ago: { text: 'күн мурун', audio: 'prompts/audio/ky/days_ago.wav', source: 'placeholder' },
} satisfies Record<string, PromptEntry>;

export type FragmentId = keyof typeof fragments;

/** Everything a `play` segment can name: a whole prompt's recording or a Kyrgyz fragment. */
export type AudioId = PromptId | FragmentId;

export function promptEntry(id: PromptId, language: Language): PromptEntry {
  return prompts[id][language];
}

export function fragmentEntry(id: FragmentId): PromptEntry {
  return fragments[id];
}

export function isPromptId(id: string): id is PromptId {
  return Object.hasOwn(prompts, id);
}

export function isFragmentId(id: string): id is FragmentId {
  return Object.hasOwn(fragments, id);
}

export interface ManifestItem {
  readonly id: AudioId;
  readonly language: Language;
  readonly kind: 'prompt' | 'fragment';
  readonly entry: PromptEntry;
}

/** Every entry of the manifest, prompts first, in declaration order: what the generator walks. */
export function manifestItems(): ManifestItem[] {
  const items: ManifestItem[] = [];
  for (const [id, byLanguage] of Object.entries(prompts) as [PromptId, Record<Language, PromptEntry>][]) {
    for (const language of ['ky', 'ru'] as const) {
      items.push({ id, language, kind: 'prompt', entry: byLanguage[language] });
    }
  }
  for (const [id, entry] of Object.entries(fragments) as [FragmentId, PromptEntry][]) {
    items.push({ id, language: 'ky', kind: 'fragment', entry });
  }
  return items;
}
