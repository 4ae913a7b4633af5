/** Creates a channel, or renames one when given it; names are lower-case with dashes for spaces. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel, Server } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { upsertById } from '../../chat/list-cache.ts';
import { Field } from '../Field.tsx';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';
import { SubmitButton } from '../SubmitButton.tsx';

export function ChannelNameDialog({
  server,
  channel,
  onClose,
  onDone,
}: {
  server: Server;
  channel?: Channel;
  onClose: () => void;
  onDone: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [name, setName] = useState(channel?.name ?? '');
  const save = useMutation({
    mutationFn: (n: string) =>
      channel ? official.renameChannel(channel.id, n) : official.createChannel(server.id, n),
    onSuccess: (c) => {
      qc.setQueryData<Channel[]>(keys.channels(server.id), (l) => upsertById(l, c));
      onDone(c.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const n = name.trim().toLowerCase().replace(/\s+/g, '-');
    if (n) save.mutate(n);
  };
  return (
    <Modal
      title={channel ? `Rename #${channel.name}` : 'Create channel'}
      onClose={onClose}
      testid="channel-dialog"
    >
      <form className="form" onSubmit={submit}>
        <Field
          label="Channel name"
          autoFocus
          required
          maxLength={100}
          value={name}
          onChange={setName}
          placeholder="new-channel"
          testid="channel-name-input"
        />
        <FormError error={save.error} />
        <SubmitButton
          busy={save.isPending}
          label={channel ? 'Rename' : 'Create channel'}
          testid="channel-submit"
        />
      </form>
    </Modal>
  );
}
