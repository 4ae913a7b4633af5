import { describe, expect, it } from 'vitest';
import { CachedAccess, SingleFlightAccess, type AccessAnswer, type AccessChecker } from './access-client.ts';

class CountingChecker implements AccessChecker {
  calls = 0;
  answers: ((a: AccessAnswer) => void)[] = [];
  fail = false;
  check(): Promise<AccessAnswer> {
    this.calls++;
    if (this.fail) return Promise.reject(new Error('official away'));
    return new Promise((resolve) => this.answers.push(resolve));
  }
}

describe('SingleFlightAccess', () => {
  it('shares one in-flight check between identical concurrent asks, whatever the channel order', async () => {
    const inner = new CountingChecker();
    const access = new SingleFlightAccess(inner);
    const a = access.check('1', '10', ['20', '21']);
    const b = access.check('1', '10', ['21', '20']);
    const other = access.check('2', '10', ['20', '21']);
    expect(inner.calls).toBe(2);
    for (const resolve of inner.answers) resolve({ member: true, channel_ids: ['20'] });
    expect(await a).toEqual({ member: true, channel_ids: ['20'] });
    expect(await b).toBe(await a);
    expect(await other).toEqual({ member: true, channel_ids: ['20'] });
  });

  it('keeps nothing once answered, so a later ask sees a permission change', async () => {
    const inner = new CountingChecker();
    const access = new SingleFlightAccess(inner);
    const first = access.check('1', '10');
    inner.answers[0]!({ member: true, channel_ids: ['20'] });
    await first;
    const second = access.check('1', '10');
    expect(inner.calls).toBe(2);
    inner.answers[1]!({ member: false, channel_ids: [] });
    expect(await second).toEqual({ member: false, channel_ids: [] });
  });

  it('forgets a failed check so the next ask retries', async () => {
    const inner = new CountingChecker();
    inner.fail = true;
    const access = new SingleFlightAccess(inner);
    await expect(access.check('1', '10')).rejects.toThrow('official away');
    inner.fail = false;
    const retry = access.check('1', '10');
    expect(inner.calls).toBe(2);
    inner.answers[0]!({ member: true, channel_ids: [] });
    expect(await retry).toEqual({ member: true, channel_ids: [] });
  });
});

describe('CachedAccess', () => {
  const yes: AccessAnswer = { member: true, channel_ids: ['20'] };
  const no: AccessAnswer = { member: false, channel_ids: [] };

  it('answers repeated asks from memory until the server changes', async () => {
    const inner = new CountingChecker();
    const access = new CachedAccess(inner);
    const first = access.check('1', '10', ['20']);
    inner.answers[0]!(yes);
    expect(await first).toEqual(yes);
    expect(await access.check('1', '10', ['20'])).toEqual(yes);
    expect(inner.calls).toBe(1);

    access.invalidate('10');
    const after = access.check('1', '10', ['20']);
    expect(inner.calls).toBe(2);
    inner.answers[1]!(no);
    expect(await after).toEqual(no);
    // another server's change does not touch it
    access.invalidate('11');
    expect(await access.check('1', '10', ['20'])).toEqual(no);
    expect(inner.calls).toBe(2);
  });

  it('does not keep an answer fetched across a change (it may predate the change)', async () => {
    const inner = new CountingChecker();
    const access = new CachedAccess(inner);
    const racing = access.check('1', '10');
    access.invalidate('10');
    inner.answers[0]!(yes);
    expect(await racing).toEqual(yes);
    const next = access.check('1', '10');
    expect(inner.calls).toBe(2);
    inner.answers[1]!(no);
    expect(await next).toEqual(no);
  });

  it('expires answers after the TTL', async () => {
    const inner = new CountingChecker();
    const access = new CachedAccess(inner, 0);
    const first = access.check('1', '10');
    inner.answers[0]!(yes);
    await first;
    const second = access.check('1', '10');
    expect(inner.calls).toBe(2);
    inner.answers[1]!(yes);
    await second;
  });
});
