/**
 * The member menu: Profile, Change nickname, Roles, Timeout, Kick, Ban — each only when the
 * user's permissions allow it, greyed out (with the reason) where the role hierarchy forbids it.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Permissions, type Member, type Server } from '@twopointo/shared';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { keys } from '../api/query-keys.ts';
import { showError } from '../components/Toasts.tsx';
import { useFocusLayer } from '../components/use-focus-layer.ts';
import { community, type CommunityMember, type CommunityRole } from './community-api.ts';
import { displayName, isTimedOut } from './member-display.ts';
import { profileCardStore } from '../settings/profile-card-context.tsx';
import { MemberMenuContext, type MemberMenuApi } from './member-menu-context.ts';
import { BanDialog, KickDialog, NicknameDialog, TimeoutDialog } from './ModerationDialogs.tsx';
import { rolesTopDown } from './role-order.ts';
import type { ServerAccess } from './server-access.ts';
import './community.css';

type Open = { userId: string; x: number; y: number };
type Dialog = { kind: 'kick' | 'ban' | 'timeout' | 'nick'; member: CommunityMember };

const RANK_REASON = 'Their highest role is at or above yours';

export function MemberMenuProvider({
  server,
  myId,
  access,
  members,
  roles,
  children,
}: {
  server: Server | undefined;
  myId: string;
  access: ServerAccess;
  members: CommunityMember[] | undefined;
  roles: CommunityRole[] | undefined;
  children: ReactNode;
}) {
  const [open, setOpen] = useState<Open | null>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const api = useMemo<MemberMenuApi>(
    () => ({
      open: (userId, at) => {
        if (at instanceof HTMLElement) {
          const r = at.getBoundingClientRect();
          setOpen({ userId, x: r.left, y: r.bottom + 4 });
        } else setOpen({ userId, ...at });
      },
      member: (uid) => members?.find((m) => m.user.id === uid),
      roles: roles ?? [],
    }),
    [members, roles],
  );
  const member = open ? members?.find((m) => m.user.id === open.userId) : undefined;
  const close = useCallback(() => setOpen(null), []);
  return (
    <MemberMenuContext.Provider value={server ? api : null}>
      {children}
      {open && server && member && (
        <MenuPopup
          at={open}
          server={server}
          myId={myId}
          member={member}
          access={access}
          roles={roles ?? []}
          onClose={close}
          onDialog={(kind) => {
            setOpen(null);
            setDialog({ kind, member });
          }}
        />
      )}
      {server && dialog?.kind === 'kick' && (
        <KickDialog server={server} member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {server && dialog?.kind === 'ban' && (
        <BanDialog server={server} member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {server && dialog?.kind === 'timeout' && (
        <TimeoutDialog server={server} member={dialog.member} onClose={() => setDialog(null)} />
      )}
      {server && dialog?.kind === 'nick' && (
        <NicknameDialog
          server={server}
          member={dialog.member}
          self={dialog.member.user.id === myId}
          onClose={() => setDialog(null)}
        />
      )}
    </MemberMenuContext.Provider>
  );
}

function MenuPopup({
  at,
  server,
  myId,
  member,
  access,
  roles,
  onClose,
  onDialog,
}: {
  at: Open;
  server: Server;
  myId: string;
  member: CommunityMember;
  access: ServerAccess;
  roles: CommunityRole[];
  onClose: () => void;
  onDialog: (kind: Dialog['kind']) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useFocusLayer(ref, onClose);
  const [pos, setPos] = useState({ left: at.x, top: at.y });
  const [showRoles, setShowRoles] = useState(false);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const { width, height } = el.getBoundingClientRect();
    setPos({
      left: Math.max(4, Math.min(at.x, window.innerWidth - width - 4)),
      top: Math.max(4, Math.min(at.y, window.innerHeight - height - 4)),
    });
  }, [at, showRoles]);

  const self = member.user.id === myId;
  const outranks = access.outranks(member.user.id);
  const item = (
    label: string,
    testid: string,
    perm: boolean,
    allowed: boolean,
    run: () => void,
    danger = false,
  ) =>
    perm && (
      <button
        role="menuitem"
        className={danger ? 'danger' : undefined}
        disabled={!allowed}
        aria-disabled={!allowed}
        title={allowed ? undefined : RANK_REASON}
        onClick={run}
        data-testid={testid}
      >
        {label}
        {!allowed && <span className="menu-hint">{RANK_REASON}</span>}
      </button>
    );
  const nickAllowed = self
    ? access.can(Permissions.CHANGE_NICKNAME) || access.can(Permissions.MANAGE_NICKNAMES)
    : access.can(Permissions.MANAGE_NICKNAMES);
  const timedOut = isTimedOut(member);
  const manageable = rolesTopDown(roles, access.everyoneId);
  // arrow keys move between the items, as in a menu
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [
      ...(ref.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not([disabled])') ?? []),
    ];
    const i = items.indexOf(document.activeElement as HTMLElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };

  return (
    <>
      <div
        className="menu-scrim"
        onMouseDown={onClose}
        onContextMenu={(e) => (e.preventDefault(), onClose())}
      />
      <div
        ref={ref}
        className="member-menu"
        role="menu"
        aria-label={`${displayName(member)}`}
        style={pos}
        onKeyDown={onKeyDown}
        data-testid="member-menu"
      >
        <div className="member-menu-head" aria-hidden="true">
          {displayName(member)}
          {member.nick && <span className="muted small"> {member.user.username}</span>}
        </div>
        <button
          role="menuitem"
          onClick={(e) => {
            profileCardStore.open(member.user, e.currentTarget);
            onClose();
          }}
          data-testid="member-menu-profile"
        >
          Profile
        </button>
        {item('Change nickname', 'member-menu-nick', nickAllowed, self || outranks, () => onDialog('nick'))}
        {access.can(Permissions.MANAGE_ROLES) && (
          <button
            role="menuitem"
            aria-expanded={showRoles}
            onClick={() => setShowRoles((s) => !s)}
            data-testid="member-menu-roles"
          >
            Roles {showRoles ? '▴' : '▾'}
          </button>
        )}
        {showRoles && (
          <div className="menu-roles" role="group" aria-label="Roles">
            {manageable.length === 0 && <span className="muted small pad">No roles yet.</span>}
            {manageable.map((r) => (
              <RoleToggle key={r.id} server={server} member={member} role={r} allowed={access.manages(r)} />
            ))}
          </div>
        )}
        {!self &&
          item(
            timedOut ? 'Remove timeout' : 'Timeout',
            'member-menu-timeout',
            access.can(Permissions.MODERATE_MEMBERS),
            outranks,
            () => onDialog('timeout'),
            true,
          )}
        {!self &&
          item(
            `Kick ${displayName(member)}`,
            'member-menu-kick',
            access.can(Permissions.KICK_MEMBERS),
            outranks,
            () => onDialog('kick'),
            true,
          )}
        {!self &&
          item(
            `Ban ${displayName(member)}`,
            'member-menu-ban',
            access.can(Permissions.BAN_MEMBERS),
            outranks,
            () => onDialog('ban'),
            true,
          )}
      </div>
    </>
  );
}

function RoleToggle({
  server,
  member,
  role,
  allowed,
}: {
  server: Server;
  member: CommunityMember;
  role: CommunityRole;
  allowed: boolean;
}) {
  const qc = useQueryClient();
  const has = member.roles.includes(role.id);
  const toggle = useMutation({
    mutationFn: () =>
      has
        ? community.unassignRole(server.id, member.user.id, role.id)
        : community.assignRole(server.id, member.user.id, role.id),
    onSuccess: () =>
      qc.setQueryData<Member[]>(keys.members(server.id), (l) =>
        l?.map((m) =>
          m.user.id === member.user.id
            ? { ...m, roles: has ? m.roles.filter((r) => r !== role.id) : [...m.roles, role.id] }
            : m,
        ),
      ),
    onError: showError,
  });
  return (
    <button
      role="menuitemcheckbox"
      aria-checked={has}
      disabled={!allowed || toggle.isPending}
      title={allowed ? undefined : 'This role is at or above your highest role'}
      onClick={() => toggle.mutate()}
      data-testid="member-menu-role"
      data-role-name={role.name}
    >
      <span className="role-check" aria-hidden="true">
        {has ? '☑' : '☐'}
      </span>
      {role.name}
    </button>
  );
}
