/** Every permission of permissions.json with its description, in bit order, for the editors. */
import definitions from '@twopointo/shared/permissions.json';

export interface PermissionInfo {
  name: string;
  /** "Manage channels" for MANAGE_CHANNELS */
  label: string;
  description: string;
  bit: bigint;
}

const label = (name: string) => {
  const words = name.toLowerCase().split('_').join(' ');
  return words[0]!.toUpperCase() + words.slice(1);
};

export const PERMISSION_LIST: PermissionInfo[] = Object.entries(
  definitions as Record<string, { bit: number; description: string }>,
)
  .sort((a, b) => a[1].bit - b[1].bit)
  .map(([name, d]) => ({ name, label: label(name), description: d.description, bit: 1n << BigInt(d.bit) }));

/** what only means something at the server level (not offered in channel overwrites, as in Discord) */
const SERVER_ONLY = new Set([
  'ADMINISTRATOR',
  'MANAGE_SERVER',
  'KICK_MEMBERS',
  'BAN_MEMBERS',
  'MODERATE_MEMBERS',
  'VIEW_AUDIT_LOG',
  'MANAGE_NICKNAMES',
  'CHANGE_NICKNAME',
]);

export const CHANNEL_PERMISSION_LIST = PERMISSION_LIST.filter((p) => !SERVER_ONLY.has(p.name));
