import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAckThrottle } from './ack-throttle.ts';

describe('ack throttle', () => {
  let sent: [string, string][];
  const send = (cid: string, mid: string) => {
    sent.push([cid, mid]);
    return Promise.resolve();
  };

  beforeEach(() => {
    vi.useFakeTimers();
    sent = [];
  });
  afterEach(() => vi.useRealTimers());

  it('sends the first ack at once and folds later ones into one trailing ack of the newest', () => {
    const t = createAckThrottle(send, { intervalMs: 3000 });
    t.ack('c', '10');
    expect(sent).toEqual([['c', '10']]);
    t.ack('c', '11');
    t.ack('c', '13');
    t.ack('c', '12');
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(2999);
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(sent).toEqual([
      ['c', '10'],
      ['c', '13'],
    ]);
    // quiet for a while: the next one goes at once again
    vi.advanceTimersByTime(5000);
    t.ack('c', '14');
    expect(sent.at(-1)).toEqual(['c', '14']);
  });

  it('throttles per channel, and never sends a message already acked', () => {
    const t = createAckThrottle(send, { intervalMs: 3000 });
    t.ack('c', '10');
    t.ack('d', '50');
    expect(sent).toEqual([
      ['c', '10'],
      ['d', '50'],
    ]);
    vi.advanceTimersByTime(10_000);
    t.ack('c', '10');
    t.ack('c', '9');
    expect(sent).toHaveLength(2);
  });

  it('flush sends what is waiting at once', () => {
    const t = createAckThrottle(send, { intervalMs: 3000 });
    t.ack('c', '1');
    t.ack('c', '2');
    t.flush();
    expect(sent).toEqual([
      ['c', '1'],
      ['c', '2'],
    ]);
    vi.advanceTimersByTime(5000);
    expect(sent).toHaveLength(2);
  });

  it('a failed ack is not thrown, and clear() drops the waiting ones', async () => {
    const failing = vi.fn(() => Promise.reject(new Error('offline')));
    const t = createAckThrottle(failing, { intervalMs: 3000 });
    t.ack('c', '1');
    t.ack('c', '2');
    t.clear();
    vi.advanceTimersByTime(5000);
    await Promise.resolve();
    expect(failing).toHaveBeenCalledTimes(1);
  });
});
