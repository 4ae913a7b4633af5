/** Creates a server with a name and selects it. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { appendIfMissing } from '../../chat/list-cache.ts';
import { Field } from '../Field.tsx';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';
import { SubmitButton } from '../SubmitButton.tsx';

export function CreateServerDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [name, setName] = useState('');
  const create = useMutation({
    mutationFn: (n: string) => official.createServer(n),
    onSuccess: (server) => {
      qc.setQueryData<Server[]>(keys.servers, (l) => appendIfMissing(l, server));
      onCreated(server.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) create.mutate(name.trim());
  };
  return (
    <Modal title="Create a server" onClose={onClose} testid="create-server-dialog">
      <form className="form" onSubmit={submit}>
        <Field
          label="Server name"
          autoFocus
          required
          maxLength={100}
          value={name}
          onChange={setName}
          testid="server-name-input"
        />
        <FormError error={create.error} />
        <SubmitButton
          busy={create.isPending}
          label="Create"
          busyLabel="Creating…"
          testid="server-create-submit"
        />
      </form>
    </Modal>
  );
}
