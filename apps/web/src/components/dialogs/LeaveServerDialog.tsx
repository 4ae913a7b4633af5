/** Confirms leaving a server; the caller moves the selection elsewhere once we are out. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { showError } from '../Toasts.tsx';
import { ConfirmDialog } from './ConfirmDialog.tsx';

export function LeaveServerDialog({
  server,
  myId,
  onClose,
  onLeft,
}: {
  server: Server;
  myId: string;
  onClose: () => void;
  onLeft: () => void;
}) {
  const qc = useQueryClient();
  const leave = useMutation({
    mutationFn: () => official.leaveServer(server.id, myId),
    onSuccess: () => {
      qc.setQueryData<Server[]>(keys.servers, (l) => l?.filter((s) => s.id !== server.id));
      onLeft();
      onClose();
    },
    onError: (err) => showError(err),
  });
  return (
    <ConfirmDialog
      title={`Leave ${server.name}?`}
      testid="leave-dialog"
      action={leave}
      confirmLabel="Leave server"
      confirmTestid="leave-confirm"
      onClose={onClose}
    >
      You will need a new invite to come back.
    </ConfirmDialog>
  );
}
