/**
 * The community context of the server shown: the member menu (kick, ban, roles… as permitted)
 * and who and what can be mentioned in it (Home: the DM's people instead).
 */
import type { Server, UserRef } from '@twopointo/shared';
import { useMemo, type ComponentProps, type ReactNode } from 'react';
import { MemberMenuProvider } from '../../community/MemberMenu.tsx';
import { MentionContext, type MentionContextValue } from '../mention-context.tsx';

export function CommunityProvider({
  server,
  me,
  access,
  members,
  roles,
  children,
}: {
  me: UserRef;
  children: ReactNode;
} & Omit<ComponentProps<typeof MemberMenuProvider>, 'myId' | 'children'>) {
  return (
    <MemberMenuProvider server={server} myId={me.id} access={access} members={members} roles={roles}>
      {children}
    </MemberMenuProvider>
  );
}

/** Who and what can be mentioned in a server. */
export function useServerMentions(
  server: Server | undefined,
  me: UserRef,
  members: { user: { id: string; username: string }; roles: string[] }[] | undefined,
  roles: { id: string; name: string }[] | undefined,
  mentionEveryone: boolean,
): MentionContextValue {
  const sid = server?.id;
  return useMemo<MentionContextValue>(
    () => ({
      users: members?.map((m) => m.user) ?? [],
      roles: (roles ?? []).filter((r) => r.id !== sid && r.name !== '@everyone'),
      myId: me.id,
      myRoleIds: members?.find((m) => m.user.id === me.id)?.roles ?? null,
      everyone: mentionEveryone,
    }),
    [members, roles, sid, me.id, mentionEveryone],
  );
}

export { MentionContext };
