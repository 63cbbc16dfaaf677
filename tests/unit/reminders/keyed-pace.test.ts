import { describe, expect, it } from 'vitest';
import { KeyedPace } from '../../../shared/reminders/send-pace.js';
import { VirtualTimer } from '../../support/reminder-fakes.js';

/** Takes a slot for each key in turn, one after the other as the outbox drain does, and notes when. */
async function takeInTurn(pace: KeyedPace, timer: VirtualTimer, keys: readonly string[]): Promise<number[]> {
  const at: number[] = [];
  for (const key of keys) {
    await pace.take(key);
    at.push(timer.now());
  }
  return at;
}

describe('KeyedPace', () => {
  it('spaces two takes for one key by the interval', async () => {
    const timer = new VirtualTimer();
    timer.at = 5_000;
    const pace = new KeyedPace(1_000, timer);

    const [first, second] = await takeInTurn(pace, timer, ['chat-1', 'chat-1']);

    expect(first).toBe(5_000);
    expect(second).toBe(6_000);
    expect(timer.sleeps).toEqual([1_000]);
  });

  it('spaces every take for one key by the interval, however many there are', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(250, timer);

    const at = await takeInTurn(pace, timer, ['sim', 'sim', 'sim', 'sim', 'sim']);

    expect(at).toEqual([0, 250, 500, 750, 1_000]);
  });

  it('waits only for what is left of the interval when time has passed since the last take', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(1_000, timer);

    await pace.take('chat-1');
    timer.at += 400;
    await pace.take('chat-1');

    expect(timer.sleeps).toEqual([600]);
    expect(timer.now()).toBe(1_000);
  });

  it('does not make different keys wait for each other', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(1_000, timer);

    const at = await takeInTurn(pace, timer, ['chat-1', 'chat-2', 'chat-3']);

    expect(at).toEqual([0, 0, 0]);
    expect(timer.sleeps).toEqual([]);
  });

  it('makes a key wait for its own last take only, not for the other keys taken in between', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(1_000, timer);

    const at = await takeInTurn(pace, timer, ['a', 'b', 'a', 'b']);

    // The second `a` waits its second; the second `b`'s second has passed by then.
    expect(at).toEqual([0, 0, 1_000, 1_000]);
  });

  it('takes about 2 s for 60 keys at 30 a second overall', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(1_000, timer, 30);
    const keys = Array.from({ length: 60 }, (_, index) => `chat-${index}`);

    const at = await takeInTurn(pace, timer, keys);

    // 59 gaps of 1/30 s after the first take.
    expect(timer.now()).toBeCloseTo((59 * 1_000) / 30, 6);
    expect(timer.now()).toBeGreaterThan(1_900);
    expect(timer.now()).toBeLessThanOrEqual(2_000);
    for (const [index, time] of at.entries()) expect(time).toBeCloseTo((index * 1_000) / 30, 6);
  });

  it('keeps the per-key interval under an overall rate', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(1_000, timer, 30);

    const at = await takeInTurn(pace, timer, ['chat-1', 'chat-1']);

    expect((at[1] ?? 0) - (at[0] ?? 0)).toBe(1_000);
  });

  it('never waits with an interval of 0', async () => {
    const timer = new VirtualTimer();
    const pace = new KeyedPace(0, timer);

    await takeInTurn(pace, timer, ['sim', 'sim', 'sim', 'chat-1', 'sim', 'chat-1']);

    expect(timer.sleeps).toEqual([]);
    expect(timer.now()).toBe(0);
  });
});
