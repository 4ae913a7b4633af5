/** Confirms deleting a channel and all its messages. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { ConfirmDialog } from './ConfirmDialog.tsx';

export function DeleteChannelDialog({ channel, onClose }: { channel: Channel; onClose: () => void }) {
  const qc = useQueryClient();
  const del = useMutation({
    mutationFn: () => official.deleteChannel(channel.id),
    onSuccess: () => {
      qc.setQueryData<Channel[]>(keys.channels(channel.server_id), (l) =>
        l?.filter((c) => c.id !== channel.id),
      );
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Delete #${channel.name}?`}
      testid="delete-channel-dialog"
      action={del}
      confirmLabel="Delete channel"
      confirmTestid="delete-channel-confirm"
      onClose={onClose}
    >
      Every message in #{channel.name} will be gone. This cannot be undone.
    </ConfirmDialog>
  );
}
