import { describe, expect, it } from 'vitest';
import { feedsOf, goneOf, userOf } from './videoroom.ts';

describe('VideoRoom announcements', () => {
  it('reads publishers with their live streams and kinds', () => {
    const feeds = feedsOf({
      videoroom: 'event',
      publishers: [
        {
          id: 'u1-ab12',
          display: 'u1',
          streams: [
            { type: 'audio', mid: '0' },
            { type: 'video', mid: '1', description: 'camera' },
            { type: 'video', mid: '2', description: 'screen' },
            { type: 'video', mid: '3', description: 'camera', disabled: true },
            { type: 'data', mid: '4' },
          ],
        },
        { id: 'u2-cd34', streams: [{ type: 'audio', mid: '0' }] },
        { id: 7, display: '', streams: [] },
        { display: 'nobody' },
      ],
    });
    expect(feeds).toEqual([
      {
        id: 'u1-ab12',
        userId: 'u1',
        streams: [
          { mid: '0', kind: 'audio' },
          { mid: '1', kind: 'camera' },
          { mid: '2', kind: 'screen' },
        ],
      },
      { id: 'u2-cd34', userId: 'u2', streams: [{ mid: '0', kind: 'audio' }] },
    ]);
    expect(feedsOf({})).toEqual([]);
  });

  it('knows who a feed belongs to from its display or its participant id', () => {
    expect(userOf('42', 'x')).toBe('42');
    expect(userOf(undefined, '42-9f9f')).toBe('42');
    expect(userOf('', 12)).toBeNull();
  });

  it('reads which publishers left, and not our own kick notice', () => {
    expect(goneOf({ unpublished: 'u1-ab' })).toEqual(['u1-ab']);
    expect(goneOf({ leaving: 5 })).toEqual([5]);
    expect(goneOf({ kicked: 'u2-cd' })).toEqual(['u2-cd']);
    expect(goneOf({ leaving: 'ok', reason: 'kicked' })).toEqual([]);
  });
});
