/** Drag and drop of channels: the cache changes at once, ONE reorder call follows, a failure rolls back. */
import { useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { useCallback } from 'react';
import { keys } from '../api/query-keys.ts';
import { showError } from '../components/Toasts.tsx';
import { community } from './community-api.ts';
import { applyDrop, reorderMoves, type Drop } from './reorder.ts';

export function useChannelReorder(sid: string): (draggedId: string, drop: Drop) => void {
  const qc = useQueryClient();
  return useCallback(
    (draggedId, drop) => {
      const before = qc.getQueryData<Channel[]>(keys.channels(sid));
      if (!before) return;
      const after = applyDrop(before, draggedId, drop);
      const moves = reorderMoves(before, after);
      if (moves.length === 0) return;
      qc.setQueryData<Channel[]>(keys.channels(sid), after);
      community.reorderChannels(sid, moves).catch((err: unknown) => {
        qc.setQueryData<Channel[]>(keys.channels(sid), before);
        showError(err);
      });
    },
    [qc, sid],
  );
}
