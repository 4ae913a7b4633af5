/** The React Query cache keys: one place, so the queries, the mutations and the gateway folding agree. */
export const keys = {
  me: ['me'] as const,
  servers: ['servers'] as const,
  channels: (sid: string) => ['channels', sid] as const,
  /** every server's channel list at once, to find the servers we left */
  allChannels: ['channels'] as const,
  members: (sid: string) => ['members', sid] as const,
  roles: (sid: string) => ['roles', sid] as const,
  messages: (cid: string) => ['messages', cid] as const,
  /** the caller's read states, as a map by channel id */
  readStates: ['read-states'] as const,
  /** who reacted with an emoji (fetched when a chip is hovered) */
  reactors: (mid: string, emoji: string) => ['reactors', mid, emoji] as const,
  pins: (cid: string) => ['pins', cid] as const,
  /** the caller's DMs, the most recently active first */
  dms: ['dms'] as const,
  /** the users the caller blocked */
  blocks: ['blocks'] as const,
  search: (sid: string, q: string, offset: number) => ['search', sid, q, offset] as const,
};
