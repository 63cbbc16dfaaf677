import { describe, expect, it } from 'vitest';
import { RequestLog } from '../../../local/request-log.js';
import { createLogger } from '../../../shared/logger.js';

describe("npm start's terminal log", () => {
  it('prints one readable line per request from the JSON lines logged while it was answered', () => {
    const printed: string[] = [];
    const log = new RequestLog((line) => printed.push(line));
    const logger = createLogger({ sink: log.sink, level: 'debug' }).child({ requestId: 'r1' });

    log.begin('r1');
    logger.info('sms.answered', {
      callerRef: 'Hac5gEJT',
      Intent: 'menu',
      From: '+996700123456',
      _aws: { CloudWatchMetrics: [{ Metrics: [{ Name: 'Texts' }] }] },
      Texts: 1,
    });
    logger.warn('sms.slow', { ms: 900 });
    expect(printed).toEqual([]);
    log.end('r1', 'POST /sms', 200, performance.now());

    expect(printed).toHaveLength(1);
    const [line] = printed;
    expect(line).toMatch(/^\d\d:\d\d:\d\d {2}POST \/sms +200 +\d+ ms {2}sms\.answered /);
    expect(line).toContain('callerRef=Hac5gEJT Intent=menu');
    expect(line).toContain('WARN sms.slow ms=900');
    expect(line).not.toContain('996700123456');
    expect(line).not.toContain('Texts=');
  });

  it('prints a line logged outside any request at once', () => {
    const printed: string[] = [];
    const log = new RequestLog((line) => printed.push(line));

    createLogger({ sink: log.sink }).info('reminders.swept', { due: 3, sent: 3 });

    expect(printed).toEqual([expect.stringMatching(/reminders\.swept due=3 sent=3$/)]);
  });
});
