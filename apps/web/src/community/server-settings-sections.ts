/**
 * The server settings sections and who may open each: apart from the screen itself, so the
 * server menu knows whether to offer it without loading the sections.
 */
import { Permissions } from '@twopointo/shared';
import type { ServerAccess } from './server-access.ts';

export type ServerSettingsSectionId = 'overview' | 'roles' | 'members' | 'bans' | 'invites' | 'audit-log';

const SERVER_SETTINGS_SECTIONS: {
  id: ServerSettingsSectionId;
  label: string;
  allowed: (a: ServerAccess) => boolean;
}[] = [
  {
    id: 'overview',
    label: 'Overview',
    allowed: (a) => a.isOwner || a.can(Permissions.MANAGE_SERVER),
  },
  {
    id: 'roles',
    label: 'Roles',
    allowed: (a) => a.can(Permissions.MANAGE_ROLES),
  },
  {
    id: 'members',
    label: 'Members',
    allowed: (a) =>
      a.can(Permissions.KICK_MEMBERS) ||
      a.can(Permissions.BAN_MEMBERS) ||
      a.can(Permissions.MODERATE_MEMBERS) ||
      a.can(Permissions.MANAGE_ROLES) ||
      a.can(Permissions.MANAGE_NICKNAMES),
  },
  {
    id: 'bans',
    label: 'Bans',
    allowed: (a) => a.can(Permissions.BAN_MEMBERS),
  },
  {
    id: 'invites',
    label: 'Invites',
    allowed: (a) => a.can(Permissions.MANAGE_SERVER),
  },
  {
    id: 'audit-log',
    label: 'Audit log',
    allowed: (a) => a.can(Permissions.VIEW_AUDIT_LOG),
  },
];

/** the sections this user may open (none: the menu entry is hidden) */
export function serverSettingsSections(access: ServerAccess) {
  return access.known ? SERVER_SETTINGS_SECTIONS.filter((s) => s.allowed(access)) : [];
}
