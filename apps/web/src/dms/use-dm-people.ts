/** Everyone the caller shares a server with (from the cached member lists): who a DM may be with. */
import { useQueries, useQuery } from '@tanstack/react-query';
import type { UserRef } from '@twopointo/shared';
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
  // a few hundred names at most: merged on each render, no memo to keep in step
  const byId = new Map<string, UserRef>();
  for (const l of lists) for (const m of l.data ?? []) if (m.user.id !== myId) byId.set(m.user.id, m.user);
  const people = [...byId.values()].sort((a, b) => a.username.localeCompare(b.username));
  return { people, loading };
}
