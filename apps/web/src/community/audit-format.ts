/** Audit log actions in words, and change values as short text. */

/** the actions the server writes (Discord's names, lower case) */
export const ACTIONS = [
  'server_update',
  'channel_create',
  'channel_update',
  'channel_delete',
  'channel_overwrite_update',
  'channel_overwrite_delete',
  'member_kick',
  'member_ban_add',
  'member_ban_remove',
  'member_update',
  'member_role_update',
  'role_create',
  'role_update',
  'role_delete',
  'invite_create',
  'invite_delete',
  'message_delete',
];

const WORDS: Record<string, string> = {
  server_update: 'updated the server',
  channel_create: 'created the channel',
  channel_update: 'updated the channel',
  channel_delete: 'deleted the channel',
  channel_overwrite_update: 'changed permissions in',
  channel_overwrite_delete: 'removed permissions in',
  member_kick: 'kicked',
  member_ban_add: 'banned',
  member_ban_remove: 'unbanned',
  member_update: 'updated',
  member_role_update: 'changed the roles of',
  role_create: 'created the role',
  role_update: 'updated the role',
  role_delete: 'deleted the role',
  invite_create: 'created the invite',
  invite_delete: 'revoked the invite',
  message_delete: 'deleted a message of',
};

export const actionLabel = (action: string) => WORDS[action] ?? action.replaceAll('_', ' ');

export function formatValue(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v.length > 80 ? `${v.slice(0, 77)}…` : v;
  return JSON.stringify(v);
}
