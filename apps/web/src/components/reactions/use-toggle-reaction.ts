/** Adds or removes the user's reaction at once, and puts it back when the server refuses. */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { conversations } from '../../api/conversations.ts';
import { keys } from '../../api/query-keys.ts';
import type { HistoryData } from '../../chat/message-cache.ts';
import { applyReaction, mapMessage } from '../../chat/reactions.ts';
import { rereadReactors } from '../../chat/reactors-query.ts';

export function useToggleReaction(channelId: string, onError: (message: string) => void) {
  const qc = useQueryClient();
  return useCallback(
    (messageId: string, emoji: string, add: boolean) => {
      const change = (adding: boolean) =>
        qc.setQueryData<HistoryData>(keys.messages(channelId), (d) =>
          mapMessage(d, messageId, (m) => ({
            ...m,
            reactions: applyReaction(m.reactions, emoji, adding, true),
          })),
        );
      change(add);
      (add ? conversations.react : conversations.unreact)(channelId, messageId, emoji).then(
        // who reacted is read again once the server has it (now if it is showing)
        () => rereadReactors(qc, messageId, emoji),
        (err: unknown) => {
          change(!add);
          onError(`Could not ${add ? 'add' : 'remove'} the reaction: ${errorMessage(err)}`);
        },
      );
    },
    [qc, channelId, onError],
  );
}
