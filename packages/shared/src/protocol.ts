/**
 * The gateway protocol: one discriminated union on `op` (and `t` for events), used by the
 * Edge, the web client and the tests. Durable events carry the stream sequence `s`.
 */
import type {
  Channel,
  DmChannel,
  Member,
  Message,
  PublicUser,
  ReadState,
  Role,
  Server,
  UserRef,
  VoiceState,
} from './schemas.ts';

export const HEARTBEAT_INTERVAL_MS = 30_000;

/** Close codes the gateway uses. */
export const CloseCodes = {
  UNAUTHORIZED: 4001,
  SESSION_LIMIT: 4005,
  FLOOD: 4008,
  HEARTBEAT_TIMEOUT: 4009,
  SLOW_CONSUMER: 4010,
  SERVER_RESTART: 4012,
} as const;

export interface DurableEventMap {
  MESSAGE_CREATE: Message;
  MESSAGE_UPDATE: Message;
  /** `server_id` is null in a DM (as in every event of a DM) */
  MESSAGE_DELETE: { id: string; channel_id: string; server_id: string | null };
  /** Several messages of one channel went at once (a ban's message clean-up). */
  MESSAGE_DELETE_BULK: { ids: string[]; channel_id: string; server_id: string };
  CHANNEL_CREATE: Channel;
  CHANNEL_UPDATE: Channel;
  CHANNEL_DELETE: { id: string; server_id: string };
  SERVER_UPDATE: Server;
  SERVER_DELETE: { id: string };
  MEMBER_JOIN: { server_id: string; member: Member };
  MEMBER_LEAVE: { server_id: string; user_id: string };
  /** A member's nickname, roles or timeout changed. */
  MEMBER_UPDATE: { server_id: string; member: Member };
  ROLE_CREATE: { server_id: string; role: Role };
  /** A role's name, permissions, colour, flags or position changed. */
  ROLE_UPDATE: { server_id: string; role: Role };
  ROLE_DELETE: { server_id: string; role_id: string };
  /** Roles or overwrites changed: gateways re-check who may see what in this server. */
  PERMISSIONS_UPDATE: { server_id: string; channel_id?: string };
  /** User-scoped: the caller's read marker moved (an ack); to every socket of that user. */
  READ_STATE_UPDATE: ReadState;
  /** A user added a reaction (only when it was new: a repeated PUT emits nothing). */
  MESSAGE_REACTION_ADD: MessageReactionEvent;
  MESSAGE_REACTION_REMOVE: MessageReactionEvent;
  /** A message of the channel was pinned or unpinned. */
  CHANNEL_PINS_UPDATE: {
    channel_id: string;
    server_id: string | null;
    /** when the newest pin still in the channel was made; null when none is left */
    last_pin_timestamp: string | null;
    message_id: string;
    pinned: boolean;
  };
  /** User-scoped: the caller blocked (`blocked`) or unblocked (`none`) a user; to the caller's sockets. */
  RELATIONSHIP_UPDATE: { user_id: string; type: 'blocked' | 'none' };
  /**
   * A user's profile changed (username, display name, avatar, about): user-scoped to that
   * user's own sockets, and once per server they are a member of, to its subscribers.
   */
  USER_UPDATE: PublicUser;
  /**
   * User-scoped: a DM the user is in was opened (to every recipient) or they were added to a group
   * DM (to them); `recipients` are everyone but the receiving user.
   */
  DM_CHANNEL_CREATE: DmChannel;
  /** User-scoped: a group DM was renamed (to every recipient). */
  DM_CHANNEL_UPDATE: DmChannel;
  /**
   * User-scoped: the user closed a 1:1 DM (to their own sockets only): it leaves their DM list
   * until a newer message or until they open it again (then DM_CHANNEL_CREATE). History is kept.
   */
  DM_CHANNEL_DELETE: { id: string };
  /** User-scoped: someone was added to a group DM (to the recipients who were already in it). */
  CHANNEL_RECIPIENT_ADD: { channel_id: string; user: UserRef };
  /** User-scoped: someone left or was removed from a group DM (to the rest and to them). */
  CHANNEL_RECIPIENT_REMOVE: { channel_id: string; user: UserRef };
}
export type DurableEventType = keyof DurableEventMap;

export interface MessageReactionEvent {
  message_id: string;
  channel_id: string;
  server_id: string | null;
  user_id: string;
  emoji: string;
}

export interface EphemeralEventMap {
  TYPING_START: {
    channel_id: string;
    /** null in a DM */
    server_id: string | null;
    user_id: string;
    username: string;
    timestamp: string;
  };
  PRESENCE_UPDATE: { user_id: string; server_id: string; status: 'online' | 'offline' };
  /** A user joined, left (`channel_id: null`) or changed their state in a voice channel of the server. */
  VOICE_STATE_UPDATE: VoiceState;
}
export type EphemeralEventType = keyof EphemeralEventMap;

/** An ephemeral event as it travels on the bus (durable ones travel as outbox records). */
export interface EphemeralBusEvent<T extends EphemeralEventType = EphemeralEventType> {
  t: T;
  /** '' when addressed to users (`user_ids`) */
  server_id: string;
  channel_id?: string;
  /** addressed to these users' sockets, no subscription involved (a DM's recipients) */
  user_ids?: string[];
  d: EphemeralEventMap[T];
}

// ---- frames, server → client ----
export type DurableEventFrame = {
  [K in DurableEventType]: { op: 'EVENT'; t: K; s: number; d: DurableEventMap[K] };
}[DurableEventType];
export type EphemeralEventFrame = {
  [K in EphemeralEventType]: { op: 'EVENT'; t: K; d: EphemeralEventMap[K] };
}[EphemeralEventType];

export type ServerFrame =
  | { op: 'HELLO'; d: { heartbeat_interval: number; session_id: string } }
  | { op: 'HEARTBEAT_ACK' }
  | { op: 'SUBSCRIBED'; d: { server_id: string; channel_ids: string[] } }
  | { op: 'UNSUBSCRIBED'; d: { server_id: string; channel_ids: string[] } }
  | { op: 'RESUMED'; d: { replayed: number } }
  | { op: 'INVALID_SESSION' }
  | { op: 'ERROR'; d: { code: string; message: string } }
  | DurableEventFrame
  | EphemeralEventFrame;

// ---- frames, client → server ----
export type ClientFrame =
  | { op: 'HEARTBEAT'; d?: { seq?: number | null } }
  | { op: 'SUBSCRIBE'; d: { server_id: string; channel_ids: string[] } }
  | { op: 'UNSUBSCRIBE'; d: { server_id: string; channel_ids?: string[] } }
  | { op: 'RESUME'; d: { session_id: string; seq: number } };
