/** The server settings screen: only the sections the user's permissions open are listed. */
import type { Server } from '@twopointo/shared';
import type { ReactNode } from 'react';
import { AuditLogSection } from './AuditLogSection.tsx';
import { BansSection } from './BansSection.tsx';
import { InvitesSection } from './InvitesSection.tsx';
import { MembersSection } from './MembersSection.tsx';
import { OverviewSection } from './OverviewSection.tsx';
import { RolesSection } from './RolesSection.tsx';
import type { ServerAccess } from './server-access.ts';
import { serverSettingsSections, type ServerSettingsSectionId } from './server-settings-sections.ts';
import { SettingsLayer, type SettingsSection } from '../components/SettingsLayer.tsx';
import './community.css';

type Ctx = { server: Server; me: { id: string; username: string }; access: ServerAccess; onGone: () => void };

// every section has its screen: a missing one does not compile
const RENDER: Record<ServerSettingsSectionId, (c: Ctx) => ReactNode> = {
  overview: (c) => <OverviewSection {...c} />,
  roles: (c) => <RolesSection server={c.server} access={c.access} />,
  members: (c) => <MembersSection server={c.server} me={c.me} access={c.access} />,
  bans: (c) => <BansSection server={c.server} />,
  invites: (c) => <InvitesSection server={c.server} />,
  'audit-log': (c) => <AuditLogSection server={c.server} />,
};

export function ServerSettings(
  props: Ctx & { onClose: () => void; initial?: string; onSection?: (id: string) => void },
) {
  const sections: SettingsSection[] = serverSettingsSections(props.access).map((s) => ({
    id: s.id,
    label: s.label,
    render: () => RENDER[s.id](props),
  }));
  return (
    <SettingsLayer
      title={props.server.name}
      sections={sections}
      initial={props.initial}
      onSection={props.onSection}
      onClose={props.onClose}
      testid="server-settings"
    />
  );
}
