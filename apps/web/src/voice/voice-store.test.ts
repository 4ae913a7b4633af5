import { describe, expect, it, vi } from 'vitest';
import type { VoiceState } from './voice-api.ts';
import { VoiceStateStore } from './voice-store.ts';

const state = (user_id: string, channel_id: string | null, more: Partial<VoiceState> = {}): VoiceState => ({
  user_id,
  server_id: 's1',
  channel_id,
  self_mute: false,
  self_deaf: false,
  mute: false,
  deaf: false,
  self_video: false,
  self_stream: false,
  suppress: false,
  ...more,
});

describe('VoiceStateStore', () => {
  it('lists a channel in join order from a loaded list', () => {
    const store = new VoiceStateStore();
    store.load('s1', [state('a', 'v1'), state('b', 'v2'), state('c', 'v1')]);
    expect(store.inChannel('s1', 'v1').map((s) => s.user_id)).toEqual(['a', 'c']);
    expect(store.inChannel('s1', 'v2').map((s) => s.user_id)).toEqual(['b']);
    expect(store.inChannel('s1', 'v3')).toEqual([]);
  });

  it('applies joins, changes, moves and leaves, and notifies', () => {
    const store = new VoiceStateStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply(state('a', 'v1'));
    store.apply(state('b', 'v1'));
    store.apply(state('a', 'v1', { self_mute: true }));
    expect(store.inChannel('s1', 'v1').map((s) => [s.user_id, s.self_mute])).toEqual([
      ['a', true],
      ['b', false],
    ]);
    store.apply(state('a', 'v2'));
    expect(store.inChannel('s1', 'v1').map((s) => s.user_id)).toEqual(['b']);
    expect(store.inChannel('s1', 'v2').map((s) => s.user_id)).toEqual(['a']);
    store.apply(state('b', null));
    expect(store.inChannel('s1', 'v1')).toEqual([]);
    expect(store.of('s1', 'b')).toBeUndefined();
    expect(listener).toHaveBeenCalledTimes(5);
  });

  it('ignores the leave of someone it never saw and keeps the same array until a change', () => {
    const store = new VoiceStateStore();
    const listener = vi.fn();
    store.subscribe(listener);
    store.apply(state('x', null));
    expect(listener).not.toHaveBeenCalled();
    store.apply(state('a', 'v1'));
    const first = store.inChannel('s1', 'v1');
    expect(store.inChannel('s1', 'v1')).toBe(first);
    store.apply(state('b', 'v1'));
    expect(store.inChannel('s1', 'v1')).not.toBe(first);
  });

  it('a fresh load replaces what events built, and drop forgets a server', () => {
    const store = new VoiceStateStore();
    store.apply(state('a', 'v1'));
    store.load('s1', [state('b', 'v1'), { ...state('c', null) }]);
    expect(store.inChannel('s1', 'v1').map((s) => s.user_id)).toEqual(['b']);
    store.drop('s1');
    expect(store.inChannel('s1', 'v1')).toEqual([]);
  });
});
