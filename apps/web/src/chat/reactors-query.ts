/** Who reacted with an emoji, as the hover tooltip reads it, and reading it again after a change. */
import type { QueryClient } from '@tanstack/react-query';
import { keys } from '../api/query-keys.ts';

/**
 * Who reacted is read again: now if a tooltip shows it, else when next shown. A read in flight is
 * dropped first, as it may predate the change: TanStack Query hands a refetch the promise of a
 * query's first read instead of starting another, so that answer would stay (staleTime: Infinity).
 */
export function rereadReactors(qc: QueryClient, messageId: string, emoji: string): void {
  const queryKey = keys.reactors(messageId, emoji);
  void qc.cancelQueries({ queryKey }).then(() => qc.invalidateQueries({ queryKey }));
}
