import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Permissions, type Channel, type Member, type Role, type Server } from '@twopointo/shared';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { useContext, type ReactNode } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { community } from './community-api.ts';
import { MemberMenuContext } from './member-menu-context.ts';
import { MemberMenuProvider } from './MemberMenu.tsx';
import { OverwriteEditor } from './OverwriteEditor.tsx';
import { serverAccess } from './server-access.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

const wrap = (ui: ReactNode) =>
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      {ui}
    </QueryClientProvider>,
  );

const server: Server = { id: 's', name: 'S', owner_id: 'owner', created_at: '', icon_asset_id: null };
const role = (id: string, name: string, position: number, permissions = 0n): Role => ({
  id,
  server_id: 's',
  name,
  permissions: permissions.toString(),
  position,
  created_at: '',
  color: 0,
  hoist: false,
  mentionable: false,
});
const roles = [
  role('s', '@everyone', 0, Permissions.VIEW_CHANNEL | Permissions.SEND_MESSAGES),
  role('r1', 'Helper', 1),
  role('r2', 'Moderator', 2, Permissions.KICK_MEMBERS | Permissions.MANAGE_ROLES),
  role('r3', 'Admin', 3, Permissions.BAN_MEMBERS),
];
const member = (id: string, r: string[]): Member => ({
  user: { id, username: id },
  roles: r,
  joined_at: '',
  status: 'online',
  nick: null,
  communication_disabled_until: null,
});
const members = [member('owner', []), member('bob', ['r2']), member('carol', ['r1']), member('dave', ['r3'])];

function Opener({ uid }: { uid: string }) {
  const menu = useContext(MemberMenuContext)!;
  return <button onClick={() => menu.open(uid, { x: 10, y: 10 })}>open {uid}</button>;
}

function menuAs(me: string, target: string) {
  wrap(
    <MemberMenuProvider
      server={server}
      myId={me}
      access={serverAccess(server, me, members, roles)}
      members={members}
      roles={roles}
    >
      <Opener uid={target} />
    </MemberMenuProvider>,
  );
  fireEvent.click(screen.getByText(`open ${target}`));
  return screen.getByTestId('member-menu');
}

describe('member menu and the hierarchy', () => {
  it('a moderator may kick a lower member; no ban item without BAN_MEMBERS', () => {
    const menu = menuAs('bob', 'carol');
    expect((within(menu).getByTestId('member-menu-kick') as HTMLButtonElement).disabled).toBe(false);
    expect(within(menu).queryByTestId('member-menu-ban')).toBeNull();
    expect(within(menu).queryByTestId('member-menu-timeout')).toBeNull();
  });

  it('kicking the owner or a higher role is greyed out, with the reason', () => {
    for (const target of ['owner', 'dave']) {
      const kick = within(menuAs('bob', target)).getByTestId('member-menu-kick') as HTMLButtonElement;
      expect(kick.disabled).toBe(true);
      expect(kick.title).toMatch(/at or above yours/);
      cleanup();
    }
  });

  it('roles at or above one’s own are greyed out in the roles list', () => {
    const menu = menuAs('bob', 'carol');
    fireEvent.click(within(menu).getByTestId('member-menu-roles'));
    const state = Object.fromEntries(
      within(menu)
        .getAllByTestId('member-menu-role')
        .map((b) => [b.dataset.roleName, (b as HTMLButtonElement).disabled]),
    );
    expect(state).toEqual({ Admin: true, Moderator: true, Helper: false });
  });

  it('Escape closes the menu and focus returns to the opener', () => {
    menuAs('owner', 'carol');
    const opener = screen.getByText('open carol');
    opener.focus();
    fireEvent.click(opener);
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByTestId('member-menu')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });
});

describe('channel overwrites editor', () => {
  const channel: Channel = {
    id: 'c',
    server_id: 's',
    name: 'general',
    topic: null,
    position: 0,
    created_at: '',
    last_message_id: null,
    type: 'text',
    parent_id: null,
  };

  it('shows the saved state per permission and saves a change as allow and deny bit sets', async () => {
    vi.spyOn(community, 'overwrites').mockResolvedValue([
      { target_id: 's', type: 'role', allow: String(Permissions.ATTACH_FILES), deny: '0' },
    ]);
    const put = vi
      .spyOn(community, 'putOverwrite')
      .mockResolvedValue({ channel_id: 'c', target_id: 's', type: 'role', allow: '0', deny: '2' });
    wrap(
      <OverwriteEditor
        channel={channel}
        roles={roles}
        members={members}
        everyoneId="s"
        canEditRole={() => true}
      />,
    );
    const row = (name: string) =>
      screen.getAllByTestId('overwrite-perm').find((r) => r.dataset.permission === name)!;
    await vi.waitFor(() => expect(row('ATTACH_FILES').dataset.state).toBe('allow'));
    expect(row('SEND_MESSAGES').dataset.state).toBe('inherit');
    // server-wide permissions are not offered per channel
    expect(screen.getAllByTestId('overwrite-perm').some((r) => r.dataset.permission === 'BAN_MEMBERS')).toBe(
      false,
    );

    fireEvent.click(within(row('SEND_MESSAGES')).getByTestId('tri-deny'));
    fireEvent.click(within(row('ATTACH_FILES')).getByTestId('tri-inherit'));
    expect(row('SEND_MESSAGES').dataset.state).toBe('deny');
    await act(async () => {
      fireEvent.click(screen.getByTestId('overwrite-save'));
    });
    expect(put).toHaveBeenCalledWith('c', {
      target_id: 's',
      type: 'role',
      allow: '0',
      deny: String(Permissions.SEND_MESSAGES),
    });
  });

  it('an overwrite that sets nothing is deleted rather than saved', async () => {
    vi.spyOn(community, 'overwrites').mockResolvedValue([
      { target_id: 's', type: 'role', allow: '0', deny: String(Permissions.SEND_MESSAGES) },
    ]);
    const del = vi.spyOn(community, 'deleteOverwrite').mockResolvedValue(undefined);
    wrap(
      <OverwriteEditor
        channel={channel}
        roles={roles}
        members={members}
        everyoneId="s"
        canEditRole={() => true}
      />,
    );
    const send = () =>
      screen.getAllByTestId('overwrite-perm').find((r) => r.dataset.permission === 'SEND_MESSAGES')!;
    await vi.waitFor(() => expect(send().dataset.state).toBe('deny'));
    fireEvent.click(within(send()).getByTestId('tri-inherit'));
    await act(async () => {
      fireEvent.click(screen.getByTestId('overwrite-save'));
    });
    expect(del).toHaveBeenCalledWith('c', 's');
  });

  it('a role above one’s own is shown locked', async () => {
    vi.spyOn(community, 'overwrites').mockResolvedValue([
      { target_id: 'r3', type: 'role', allow: '0', deny: '0' },
    ]);
    wrap(
      <OverwriteEditor
        channel={channel}
        roles={roles}
        members={members}
        everyoneId="s"
        canEditRole={(r) => r.position < 2}
      />,
    );
    await vi.waitFor(() => expect(screen.getAllByTestId('overwrite-target')).toHaveLength(2));
    fireEvent.click(screen.getAllByTestId('overwrite-target')[1]!);
    expect(screen.getByText(/at or above your highest role/)).toBeTruthy();
    expect((screen.getAllByTestId('tri-deny')[0] as HTMLInputElement).disabled).toBe(true);
  });
});
