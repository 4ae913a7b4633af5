/**
 * The message content every scenario sends: a fixed-width marker with the sequence number and
 * the send instant (µs, CLOCK_MONOTONIC), so a receiver finds both without parsing JSON.
 */
import { newId } from '@twopointo/shared';

const MARK = 'bench#';
const SEQ_W = 8;
const US_W = 16;
const FILLER = ' the quick brown fox jumps over the lazy dog';

/** e.g. "bench#00000042@0000012345678901 the quick brown fox…" (about 75 characters) */
export function benchContent(seq: number, us: number): string {
  return `${MARK}${String(seq).padStart(SEQ_W, '0')}@${String(us).padStart(US_W, '0')}${FILLER}`;
}

const MARK_BUF = Buffer.from(MARK);
/** Reads [seq, sentUs] from a raw frame, or null when the frame carries no marker. */
export function readMarker(buf: Buffer): [number, number] | null {
  const at = buf.indexOf(MARK_BUF);
  if (at < 0) return null;
  let i = at + MARK.length;
  let seq = 0;
  for (const end = i + SEQ_W; i < end; i++) seq = seq * 10 + (buf[i]! - 48);
  i++; // '@'
  let us = 0;
  for (const end = i + US_W; i < end; i++) us = us * 10 + (buf[i]! - 48);
  return [seq, us];
}

/** Same shape and field sizes as the Edge's MESSAGE_CREATE frame (see INTERNALS.md). */
export function messageCreateFrame(s: number, content: string, ids: CeilingIds): string {
  const d = JSON.stringify({
    id: newId(),
    channel_id: ids.channelId,
    server_id: ids.serverId,
    author: { id: ids.userId, username: ids.username, display_name: null, avatar: null },
    content,
    attachments: [],
    reply_to_id: null,
    created_at: new Date().toISOString(),
    edited_at: null,
    mentions: [],
    mention_roles: [],
    mention_everyone: false,
    reactions: [],
    pinned: false,
    type: 'default',
    reference_id: null,
  });
  return `{"op":"EVENT","t":"MESSAGE_CREATE","s":${s},"d":${d}}`;
}

export interface CeilingIds {
  serverId: string;
  channelId: string;
  userId: string;
  username: string;
}

export function fakeIds(): CeilingIds {
  return { serverId: newId(), channelId: newId(), userId: newId(), username: benchUsername() };
}

/** Usernames of the same length in the real system and the ceiling. */
export function benchUsername(): string {
  return `bench${Math.random().toString(36).slice(2, 10).padEnd(8, '0')}`;
}
