import { describe, expect, it } from 'vitest';
import { createLogger } from '../../../shared/logger.js';
import { callerIdFor, maskPhone } from '../../../shared/privacy.js';

describe('log redaction', () => {
  it('masks phone numbers written in any common way but keeps the country code and the last two digits', () => {
    expect(maskPhone('+996700123456')).toBe('+996•••••56');
    expect(maskPhone('call +381 11 785 0000 now')).toBe('call +381•••••00 now');
    expect(maskPhone('whatsapp:+79161234567')).toBe('whatsapp:+791•••••67');
    expect(maskPhone('+996-700-123-456')).toBe('+996•••••56');
    expect(maskPhone('call +996 (700) 12-34-56')).toBe('call +996•••••56');
  });

  it('leaves dates, times and short numbers readable', () => {
    const text = '2026-11-25T04:16:03.808Z code 192 case K7 day 27';

    expect(maskPhone(text)).toBe(text);
  });

  it('drops message bodies and phone fields, and masks numbers inside errors', () => {
    const lines: string[] = [];
    const log = createLogger({ sink: (line) => lines.push(line), context: { requestId: 'r1' } });

    log.error('failed', {
      Body: 'my employer has my passport',
      From: '+996700123456',
      error: new Error('no item for +996700123456'),
      nested: { to: '+381641234567', text: 'secret words' },
    });

    const line = lines.join('\n');
    expect(line).not.toContain('passport');
    expect(line).not.toContain('secret words');
    expect(line).not.toContain('700123456');
    expect(line).not.toContain('641234567');
    expect(JSON.parse(line)).toMatchObject({ level: 'error', event: 'failed', requestId: 'r1' });
  });

  it('gives the same caller id for the same number and key, and different ids for different keys', () => {
    const a = callerIdFor('+996700123456', 'key-one-0123456789');

    expect(callerIdFor('+996700123456', 'key-one-0123456789')).toBe(a);
    expect(callerIdFor('+996700123456', 'key-two-0123456789')).not.toBe(a);
    expect(a).not.toContain('700123456');
  });
});
