import { setImmediate as nextTurn } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { GroupWriter } from './group-writer.ts';

/** A writeAll that records each call's items, holds the first call until released, and can fail on items. */
function recorder(failOn?: (item: number) => boolean) {
  const calls: number[][] = [];
  let release: (() => void) | undefined;
  const held = new Promise<void>((r) => (release = r));
  const writeAll = async (items: number[]) => {
    calls.push(items);
    if (calls.length === 1) await held;
    if (failOn && items.some(failOn)) throw new Error(`bad ${items.filter(failOn).join(',')}`);
  };
  return { calls, writeAll, release: () => release?.() };
}

describe('GroupWriter', () => {
  it('writes what arrives in one event-loop turn as one batch', async () => {
    const r = recorder();
    const w = new GroupWriter(r.writeAll);
    const all = [1, 2, 3].map((i) => w.write(i));
    r.release();
    await Promise.all(all);
    expect(r.calls).toEqual([[1, 2, 3]]);
  });

  it('what arrives while a batch is in flight is the next batch, in order', async () => {
    const r = recorder();
    const w = new GroupWriter(r.writeAll);
    const first = w.write(1);
    await nextTurn();
    expect(r.calls).toEqual([[1]]);
    const rest = [2, 3, 4, 5].map((i) => w.write(i));
    r.release();
    await Promise.all([first, ...rest]);
    expect(r.calls).toEqual([[1], [2, 3, 4, 5]]);
  });

  it('caps a batch at maxBatch', async () => {
    const r = recorder();
    const w = new GroupWriter(r.writeAll, 2);
    const all = [1, 2, 3, 4, 5].map((i) => w.write(i));
    r.release();
    await Promise.all(all);
    expect(r.calls).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('a failed batch is retried item by item: only the bad item rejects', async () => {
    const r = recorder((i) => i === 3);
    const w = new GroupWriter(r.writeAll);
    const results = [2, 3, 4].map((i) =>
      w.write(i).then(
        () => 'ok',
        (e: Error) => e.message,
      ),
    );
    r.release();
    expect(await Promise.all(results)).toEqual(['ok', 'bad 3', 'ok']);
    expect(r.calls).toEqual([[2, 3, 4], [2], [3], [4]]);
  });

  it('keeps working after a failure', async () => {
    const r = recorder((i) => i === 1);
    const w = new GroupWriter(r.writeAll);
    const failed = w.write(1).catch((e: Error) => e.message);
    r.release();
    expect(await failed).toBe('bad 1');
    await w.write(2);
    expect(r.calls).toEqual([[1], [2]]);
  });
});
