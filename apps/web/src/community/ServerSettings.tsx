/** The server settings screen: only the sections the user's permissions open are listed. */
import { Permissions, type Server } from '@twopointo/shared';
import type { ReactNode } from 'react';
import { AuditLogSection } from './AuditLogSection.tsx';
import { BansSection } from './BansSection.tsx';
import { InvitesSection } from './InvitesSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { OverviewSection } from './OverviewSection.tsx';
import { RolesSection } from './RolesSection.tsx';
import type { ServerAccess } from './server-access.ts';
import { SettingsScreen, type SettingsSection } from './SettingsScreen.tsx';

type Ctx = { server: Server; me: { id: string; username: string }; access: ServerAccess; onGone: () => void };

const SECTIONS: {
  id: string;
  label: string;
  allowed: (a: ServerAccess) => boolean;
  render: (c: Ctx) => ReactNode;
}[] = [
  {
    id: 'overview',
    label: 'Overview',
    allowed: (a) => a.isOwner || a.can(Permissions.MANAGE_SERVER),
    render: (c) => <OverviewSection {...c} />,
  },
  {
    id: 'roles',
    label: 'Roles',
    allowed: (a) => a.can(Permissions.MANAGE_ROLES),
    render: (c) => <RolesSection server={c.server} access={c.access} />,
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
    render: (c) => <MembersSection server={c.server} me={c.me} access={c.access} />,
  },
  {
    id: 'bans',
    label: 'Bans',
    allowed: (a) => a.can(Permissions.BAN_MEMBERS),
    render: (c) => <BansSection server={c.server} />,
  },
  {
    id: 'invites',
    label: 'Invites',
    allowed: (a) => a.can(Permissions.MANAGE_SERVER),
    render: (c) => <InvitesSection server={c.server} />,
  },
  {
    id: 'audit-log',
    label: 'Audit log',
    allowed: (a) => a.can(Permissions.VIEW_AUDIT_LOG),
    render: (c) => <AuditLogSection server={c.server} />,
  },
];

/** the sections this user may open (none: the menu entry is hidden) */
export function serverSettingsSections(access: ServerAccess) {
  return access.known ? SECTIONS.filter((s) => s.allowed(access)) : [];
}

export function ServerSettings(props: Ctx & { onClose: () => void; initial?: string }) {
  const sections: SettingsSection[] = serverSettingsSections(props.access).map((s) => ({
    id: s.id,
    label: s.label,
    render: () => s.render(props),
  }));
  return (
    <SettingsScreen
      title={props.server.name}
      sections={sections}
      initial={props.initial}
      onClose={props.onClose}
      testid="server-settings"
    />
  );
}
