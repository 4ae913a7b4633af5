/**
 * USER_UPDATE folded into the query cache: the signed-in account, every member list, every
 * loaded message history (authors) and the profile card's cached profile.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { Me, Member, PublicUser } from '@twopointo/shared';
import { keys } from '../api/query-keys.ts';
import type { HistoryData } from '../chat/message-cache.ts';

export const userKey = (uid: string) => ['user', uid] as const;

export function applyUserUpdate(qc: QueryClient, user: PublicUser): void {
  const ref = { id: user.id, username: user.username, display_name: user.display_name, avatar: user.avatar };
  qc.setQueryData<Me>(keys.me, (me) =>
    me && me.id === user.id
      ? {
          ...me,
          username: user.username,
          display_name: user.display_name,
          avatar: user.avatar,
          about: user.about,
        }
      : me,
  );
  qc.setQueriesData<Member[]>({ queryKey: ['members'] }, (list) =>
    list?.some((m) => m.user.id === user.id)
      ? list.map((m) => (m.user.id === user.id ? { ...m, user: { ...m.user, ...ref } } : m))
      : list,
  );
  qc.setQueriesData<HistoryData>({ queryKey: ['messages'] }, (data) => {
    if (!data?.pages.some((p) => p.messages.some((m) => m.author.id === user.id))) return data;
    return {
      ...data,
      pages: data.pages.map((p) => ({
        ...p,
        messages: p.messages.map((m) =>
          m.author.id === user.id ? { ...m, author: { ...m.author, ...ref } } : m,
        ),
      })),
    };
  });
  if (qc.getQueryData(userKey(user.id))) qc.setQueryData<PublicUser>(userKey(user.id), user);
}
