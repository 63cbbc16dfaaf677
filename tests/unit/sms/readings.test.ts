import { describe, expect, it } from 'vitest';
import { type Caller, recordContact } from '../../../shared/callers/caller.js';
import { decideSmsReply } from '../../../shared/conversation/sms-conversation.js';
import { matchKeyword } from '../../../shared/sms/keywords.js';

const NOW = new Date('2026-04-10T09:00:00Z');

describe('a date that is not the caller’s', () => {
  it.each([['марат приехал 12 марта посчитайте ему'], ['брат уехал 5 марта'], ['жена приехала 3 марта']])(
    'reads a Russian past tense with a third person and no я/мы as nothing: %j',
    (text) => {
      expect(matchKeyword(text)).toEqual({ intent: 'unknown' });
    },
  );

  it('still reads the caller’s own entry when a first person is there', () => {
    expect(matchKeyword('я и брат приехали 5 марта')).toMatchObject({ intent: 'set_entry' });
    expect(matchKeyword('мы с другом приехали 5 марта')).toMatchObject({ intent: 'set_entry' });
  });

  it('reads a work word with a date as a plan or a pay day, not a question about work', () => {
    expect(matchKeyword('зарплата будет 15 числа тогда заплачу за квартиру')).toEqual({ intent: 'unknown' });
    expect(matchKeyword('работа стартует с 20 апреля')).toEqual({ intent: 'unknown' });
    expect(matchKeyword('зарплата')).toMatchObject({ intent: 'info_work' });
  });

  it('gives a Kyrgyz verb the date before it: "8-мартта келдим 20сында айлык алам"', () => {
    expect(matchKeyword('сербияга 8-мартта келдим 20сында айлык алам')).toMatchObject({
      intent: 'set_entry',
      argument: '8-мартта',
    });
  });
});

describe('the date of a Kyrgyz verb', () => {
  it('is not a date before it when a comma stands between', () => {
    expect(matchKeyword('туулган күнүм 12-май, келдим 8-мартта')).toMatchObject({
      intent: 'set_entry',
      argument: '8-мартта',
    });
  });
});

describe('everyday phrases that hold a keyword', () => {
  it('reads "жардам бердим" (I helped) as no call for help, and "жардам бергиле" as one', () => {
    expect(matchKeyword('агама жардам бердим ал эми жакшы')).toEqual({ intent: 'unknown' });
    expect(matchKeyword('ejeke jardam bergile')).toMatchObject({ intent: 'menu' });
  });
});

describe('more spellings of the information and deadline questions', () => {
  it.each([
    ['салам 90 дней из 180 деген эмне', 'info_visa_free'],
    ['как считаются 90 дней', 'info_visa_free'],
    ['90 kun kantip eseptelet chygyp kirsem nolgo tushobu', 'info_visa_free'],
    ['бела карта кантип алынат', 'info_registration'],
    ['salam kattoodon kantip otom', 'info_registration'],
    ['kelishimsiz ishtesem bolobu dogovor kerekpi', 'info_work'],
    ['жумуштан чыгып кеттим башка жерге иштесем болобу', 'info_work'],
    ['ort ochurguchtor nomeri kanday', 'info_emergency'],
    ['сколько дней мне еще можно здесь находиться', 'my_deadlines'],
    ['напомните пожалуйста какой у меня последний день', 'my_deadlines'],
    ['менин моонотумду айтчы', 'my_deadlines'],
    ['за сколько дней надо сделать регистрацию', 'info_registration'],
    ['мага мындан ары жазбай эле койгулачы рахмат', 'stop_hint'],
    ['salam napominaniya kerek emes otklyuchite', 'stop_hint'],
    ['кечиресиз бул номерге чалсам болобу', 'person'],
  ])('reads %j as %s', (text, intent) => {
    expect(matchKeyword(text)).toMatchObject({ intent });
  });

  it('reads "90" without days or 180 as nothing', () => {
    expect(matchKeyword('90 евро берди')).toEqual({ intent: 'unknown' });
  });

  it('reads the permit with a Kyrgyz ending, or the single permit, with a date as its expiry', () => {
    expect(matchKeyword('боравагым 20-майда бутот')).toMatchObject({
      intent: 'set_permit',
      argument: '20-майда',
    });
    expect(matchKeyword('салам мой single permit бутот 30 июня')).toMatchObject({ intent: 'set_permit' });
  });
});

describe('polite erase requests, by companion words only', () => {
  it.each([
    ['удалите мою информацию из вашей базы'],
    ['менин маалыматтарымды очуруп салгылачы'],
    ['nomerimdi bazadan alyp salgyla'],
    ['mojno udalit vse moi dannye'],
    ['салам мои данные очуруп койгула пожалуйста'],
  ])('reads %j as delete', (text) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'delete' });
  });

  it.each([
    ['удалите пожалуйста предыдущее сообщение я ошибся'],
    ['удалить номер хозяина'],
    ['удалите мою информацию из вашей базы срочно'],
    ['udali'],
  ])('reads %j as no delete', (text) => {
    expect(matchKeyword(text)).not.toMatchObject({ intent: 'delete' });
  });

  it('marks a yes that comes with a delete word, and the delete companions may follow it then', () => {
    expect(matchKeyword('да удалите всё обо мне')).toMatchObject({
      intent: 'confirm_delete',
      withDelete: true,
    });
    expect(matchKeyword('да удалите')).toMatchObject({ intent: 'confirm_delete', withDelete: true });
    expect(matchKeyword('да')).toEqual({ intent: 'confirm_delete', language: 'ru' });
    expect(matchKeyword('да всё обо мне')).not.toMatchObject({ intent: 'confirm_delete' });
  });

  it('asks for the yes on "да удалите всё обо мне" with no question pending, and erases after it', () => {
    const known: Caller = {
      ...recordContact(undefined, { callerId: 'c1', phone: '+381641112223', channel: 'sms' }, NOW, 180),
      language: 'ru',
    };
    const asked = decideSmsReply(known, 'да удалите всё обо мне', false, NOW);
    expect(asked).toMatchObject({ intent: 'delete', erase: false });
    expect(asked.caller.awaiting).toBe('delete_confirmation');
    expect(decideSmsReply(asked.caller, 'да удалите всё обо мне', false, NOW).erase).toBe(true);
  });

  it('takes the colloquial ова for yes only as the whole message', () => {
    expect(matchKeyword('ova')).toMatchObject({ intent: 'confirm_delete' });
    expect(matchKeyword('ова жакшы')).not.toMatchObject({ intent: 'confirm_delete' });
  });
});

describe('a language turned down is not the one chosen', () => {
  it.each([
    ['orus tilinde jazgylachy', 'ru'],
    ['кыргызча жакшы тушунбойм орусча жазыныздарчы', 'ru'],
    ['орусча түшүнбөйм', 'ky'],
    ['кыргызча жазсаңыз болобу орусча түшүнбөйм', 'ky'],
  ])('reads %j as a switch to %s', (text, argument) => {
    expect(matchKeyword(text)).toMatchObject({ intent: 'language', argument });
  });

  it.each([['кыргызча түшүнбөйм кыргызча'], ['мен кыргызча жазам']])('reads %j as no switch', (text) => {
    expect(matchKeyword(text)).not.toMatchObject({ intent: 'language' });
  });
});
