/** Joins a server by invite code or pasted invite link, and selects it. */
import { useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { official } from '../../api/endpoints.ts';
import { keys } from '../../api/query-keys.ts';
import { appendIfMissing } from '../../chat/list-cache.ts';
import { parseInvite } from '../../chat/linkify.ts';
import { Field } from '../Field.tsx';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';
import { SubmitButton } from '../SubmitButton.tsx';
import { useSubmit } from '../use-submit.ts';

export function JoinServerDialog({
  initial,
  onClose,
  onJoined,
}: {
  /** an invite from the address bar (/invite/CODE), filled in ready to join */
  initial: string;
  onClose: () => void;
  onJoined: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [value, setValue] = useState(initial);
  const { busy, error, setError, run } = useSubmit();

  const join = (e: FormEvent) => {
    e.preventDefault();
    const code = parseInvite(value);
    if (!code) {
      setError('Enter an invite code or a link like https://host/invite/CODE.');
      return;
    }
    run(async () => {
      const server = await official.acceptInvite(code);
      qc.setQueryData<Server[]>(keys.servers, (l) => appendIfMissing(l, server));
      void qc.invalidateQueries({ queryKey: keys.servers });
      onJoined(server.id);
      onClose();
    });
  };

  return (
    <Modal title="Join a server" onClose={onClose} testid="join-server-dialog">
      <form className="form" onSubmit={join}>
        <Field
          label="Invite code or link"
          autoFocus
          required
          placeholder="hTKzmak or http://localhost:60420/invite/hTKzmak"
          value={value}
          onChange={setValue}
          testid="invite-input"
        />
        <FormError error={error} />
        <SubmitButton busy={busy} label="Join" busyLabel="Joining…" testid="join-submit" />
      </form>
    </Modal>
  );
}
