/**
 * Gateway frames: server frames are encoded once (a durable event by string concatenation around
 * the payload JSON exactly as published), client frames are parsed and shape-checked here.
 */
import type { SequencedRecord } from '@twopointo/bus';
import { isSnowflake, type ClientFrame, type EphemeralBusEvent, type ServerFrame } from '@twopointo/shared';

/** `{"op":"EVENT","t":…,"s":…,"d":<data>}` — `d` is never parsed or re-serialised. */
export function durableFrame(r: SequencedRecord): string {
  return '{"op":"EVENT","t":"' + r.t + '","s":' + r.s + ',"d":' + r.data + '}';
}

/** Ephemeral events carry no `s`. */
export function ephemeralFrame(e: EphemeralBusEvent): string {
  return JSON.stringify({ op: 'EVENT', t: e.t, d: e.d });
}

export function encode(frame: ServerFrame): string {
  return JSON.stringify(frame);
}

export const HEARTBEAT_ACK = encode({ op: 'HEARTBEAT_ACK' });
export const INVALID_SESSION = encode({ op: 'INVALID_SESSION' });

export function errorFrame(code: string, message: string): string {
  return encode({ op: 'ERROR', d: { code, message } });
}

export type ParsedFrame =
  { ok: true; frame: ClientFrame } | { ok: false; code: 'invalid_frame' | 'unknown_op'; message: string };

/** channels per SUBSCRIBE/UNSUBSCRIBE frame */
export const MAX_CHANNELS_PER_FRAME = 500;

const bad = (message: string): ParsedFrame => ({ ok: false, code: 'invalid_frame', message });

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function idList(v: unknown, field: string): string[] | string {
  if (!Array.isArray(v)) return `${field} must be an array of ids`;
  if (v.length > MAX_CHANNELS_PER_FRAME) return `${field} holds more than ${MAX_CHANNELS_PER_FRAME} ids`;
  for (const x of v) if (typeof x !== 'string' || !isSnowflake(x)) return `${field} must be an array of ids`;
  return [...new Set(v as string[])];
}

/** Parses and checks one client text frame. */
export function parseClientFrame(text: string): ParsedFrame {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return bad('Frame is not valid JSON');
  }
  if (!isObject(raw) || typeof raw.op !== 'string') return bad('Frame must be an object with a string "op"');
  const d = raw.d;
  switch (raw.op) {
    case 'HEARTBEAT': {
      if (d === undefined || d === null) return { ok: true, frame: { op: 'HEARTBEAT' } };
      if (!isObject(d)) return bad('d must be an object');
      const seq = d.seq;
      if (seq !== undefined && seq !== null && !(Number.isSafeInteger(seq) && (seq as number) >= 0))
        return bad('d.seq must be a sequence number');
      return { ok: true, frame: { op: 'HEARTBEAT', d: { seq: (seq as number | null | undefined) ?? null } } };
    }
    case 'SUBSCRIBE':
    case 'UNSUBSCRIBE': {
      if (!isObject(d)) return bad('d must be an object');
      if (typeof d.server_id !== 'string' || !isSnowflake(d.server_id))
        return bad('d.server_id must be an id');
      if (d.channel_ids === undefined && raw.op === 'UNSUBSCRIBE') {
        return { ok: true, frame: { op: 'UNSUBSCRIBE', d: { server_id: d.server_id } } };
      }
      const ids = idList(d.channel_ids, 'd.channel_ids');
      if (typeof ids === 'string') return bad(ids);
      return { ok: true, frame: { op: raw.op, d: { server_id: d.server_id, channel_ids: ids } } };
    }
    case 'RESUME': {
      if (!isObject(d)) return bad('d must be an object');
      if (typeof d.session_id !== 'string' || d.session_id.length === 0 || d.session_id.length > 100)
        return bad('d.session_id must be a session id');
      if (!Number.isSafeInteger(d.seq) || (d.seq as number) < 0)
        return bad('d.seq must be a sequence number');
      return { ok: true, frame: { op: 'RESUME', d: { session_id: d.session_id, seq: d.seq as number } } };
    }
    default:
      return { ok: false, code: 'unknown_op', message: `Unknown op ${JSON.stringify(raw.op).slice(0, 40)}` };
  }
}
