/** The signed-in user's id, from the cached GET /id/me (ChatApp loads it before anything else). */
import { useQuery } from '@tanstack/react-query';
import { identity } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';

export function useMyId(): string {
  return useQuery({ queryKey: keys.me, queryFn: identity.me }).data?.id ?? '';
}
