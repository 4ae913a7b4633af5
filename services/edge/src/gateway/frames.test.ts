import { describe, expect, it } from 'vitest';
import { durableFrame, ephemeralFrame, parseClientFrame } from './frames.ts';

describe('durableFrame', () => {
  it('wraps the payload bytes verbatim', () => {
    const data = '{ "id":"1",  "content":"\\u00e9 \\"quoted\\"" }';
    const frame = durableFrame({
      id: '9',
      t: 'MESSAGE_CREATE',
      server_id: '1',
      channel_id: '2',
      data,
      s: 42,
    });
    expect(frame).toBe(`{"op":"EVENT","t":"MESSAGE_CREATE","s":42,"d":${data}}`);
    expect(JSON.parse(frame)).toEqual({ op: 'EVENT', t: 'MESSAGE_CREATE', s: 42, d: JSON.parse(data) });
  });

  it('ephemeral frames carry no s', () => {
    const d = { user_id: '1', server_id: '2', status: 'online' as const };
    expect(JSON.parse(ephemeralFrame({ t: 'PRESENCE_UPDATE', server_id: '2', d }))).toEqual({
      op: 'EVENT',
      t: 'PRESENCE_UPDATE',
      d,
    });
  });
});

describe('parseClientFrame', () => {
  it('accepts every op in its documented shape', () => {
    expect(parseClientFrame('{"op":"HEARTBEAT","d":{"seq":5}}')).toEqual({
      ok: true,
      frame: { op: 'HEARTBEAT', d: { seq: 5 } },
    });
    expect(parseClientFrame('{"op":"HEARTBEAT"}')).toEqual({ ok: true, frame: { op: 'HEARTBEAT' } });
    expect(parseClientFrame('{"op":"SUBSCRIBE","d":{"server_id":"1","channel_ids":["2","2","3"]}}')).toEqual({
      ok: true,
      frame: { op: 'SUBSCRIBE', d: { server_id: '1', channel_ids: ['2', '3'] } },
    });
    expect(parseClientFrame('{"op":"UNSUBSCRIBE","d":{"server_id":"1"}}')).toEqual({
      ok: true,
      frame: { op: 'UNSUBSCRIBE', d: { server_id: '1' } },
    });
    expect(parseClientFrame('{"op":"RESUME","d":{"session_id":"abc","seq":0}}')).toEqual({
      ok: true,
      frame: { op: 'RESUME', d: { session_id: 'abc', seq: 0 } },
    });
  });

  it.each([
    ['', 'invalid_frame'],
    ['[]', 'invalid_frame'],
    ['null', 'invalid_frame'],
    ['{"op":5}', 'invalid_frame'],
    ['{"op":"IDENTIFY"}', 'unknown_op'],
    ['{"op":"SUBSCRIBE","d":{"server_id":"1"}}', 'invalid_frame'],
    ['{"op":"SUBSCRIBE","d":{"server_id":"1","channel_ids":["x"]}}', 'invalid_frame'],
    ['{"op":"SUBSCRIBE","d":{"server_id":"123456789012345678901","channel_ids":[]}}', 'invalid_frame'],
    [
      `{"op":"SUBSCRIBE","d":{"server_id":"1","channel_ids":${JSON.stringify(Array.from({ length: 501 }, (_, i) => String(i)))}}}`,
      'invalid_frame',
    ],
    ['{"op":"RESUME","d":{"session_id":"","seq":1}}', 'invalid_frame'],
    ['{"op":"RESUME","d":{"session_id":"a","seq":1.5}}', 'invalid_frame'],
    ['{"op":"HEARTBEAT","d":[]}', 'invalid_frame'],
  ])('%s → %s', (text, code) => {
    const r = parseClientFrame(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });
});
