/** Everyone the caller shares a server with (from the cached member lists): who a DM may be with. */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { UserRef } from '@twopointo/shared';
import { useMemo } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';

export function useDmPeople(myId: string): { people: UserRef[]; loading: boolean } {
  const servers = useQuery({ queryKey: keys.servers, queryFn: official.myServers });
  const lists = useQueries({
    queries: (servers.data ?? []).map((s) => ({
      queryKey: keys.members(s.id),
      queryFn: () => official.members(s.id),
    })),
  });
  const loading = servers.isPending || lists.some((l) => l.isPending);
  const data = lists.map((l) => l.data);
  const people = useMemo(() => {
    const byId = new Map<string, UserRef>();
    for (const members of data)
      for (const m of members ?? []) if (m.user.id !== myId) byId.set(m.user.id, m.user);
    return [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
    // the member lists change identity only when refetched or folded
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [myId, ...data]);
  return { people, loading };
}
