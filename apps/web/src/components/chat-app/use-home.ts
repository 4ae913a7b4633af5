/**
 * Home: the DM list, the DM shown (from the address, else the last one, else the first; one the
 * address names that is not in the list is missing), blocked users, and opening a 1:1 DM.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { DmChannel, UserRef } from '@twopointo/shared';
import { useCallback, useMemo } from 'react';
import { dms as dmApi } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { dmTitle, upsertDm } from '../../dms/dm-cache.ts';
import { useDmList } from '../../dms/use-dm-list.ts';
import { loadLastPlace } from '../../routing/last-place.ts';
import type { ChatPlace } from '../../routing/places.ts';
import type { MentionContextValue } from '../mention-context.tsx';
import { showError } from '../Toasts.tsx';

export function useHome(
  view: ChatPlace | null,
  explicit: boolean,
  me: UserRef,
  selectDm: (id: string) => void,
) {
  const qc = useQueryClient();
  const dmList = useDmList();
  const blocks = useQuery({ queryKey: keys.blocks, queryFn: dmApi.blocks });
  const isBlocked = useMemo(() => {
    const ids = new Set(blocks.data?.map((u) => u.id));
    return (authorId: string) => ids.has(authorId);
  }, [blocks.data]);
  const home = view?.kind === 'home' || view?.kind === 'dm';
  const named = view?.kind === 'dm' && explicit;
  const wanted = view?.kind === 'dm' ? view.channelId : (loadLastPlace().dmId ?? undefined);
  const dm = useMemo(() => {
    if (!home) return undefined;
    const list = dmList.data ?? [];
    return list.find((d) => d.id === wanted) ?? (named ? undefined : list[0]);
  }, [home, dmList.data, wanted, named]);
  const dmMissing = home && named && !!dmList.data && !dm;

  // in a DM: its recipients (and us) can be mentioned, no roles, no @everyone
  const dmMentionContext = useMemo<MentionContextValue>(
    () => ({
      users: [...(dm?.recipients ?? []), { id: me.id, username: me.username }],
      roles: [],
      myId: me.id,
      myRoleIds: [],
      everyone: false,
    }),
    [dm, me.id, me.username],
  );

  /** the 1:1 DM with a user (found or created on the server), opened on Home */
  const openDmWith = useCallback(
    (userId: string) => {
      dmApi
        .open([userId])
        .then((d) => {
          qc.setQueryData<DmChannel[]>(keys.dms, (l) => upsertDm(l, d));
          selectDm(d.id);
        })
        .catch(showError);
    },
    [qc, selectDm],
  );

  return { home, dmList, dm, dmMissing, isBlocked, dmMentionContext, openDmWith };
}

/** How a DM is named in text: "@bob" for a 1:1 DM, the group's title otherwise. */
export function dmLabel(d: DmChannel): string {
  return d.type === 'dm' && d.recipients[0] ? `@${d.recipients[0].username}` : dmTitle(d);
}
