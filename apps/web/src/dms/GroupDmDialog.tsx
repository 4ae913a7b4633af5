/** Creates a group DM (or the 1:1 DM, with one person picked) with people from the caller's servers. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DmChannel } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { dms } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { Modal } from '../components/Modal.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { upsertDm } from './dm-cache.ts';
import { PeoplePicker } from './PeoplePicker.tsx';

/** A group DM holds at most 10 people, the caller included. */
export const MAX_PICKED = 9;

export function GroupDmDialog({
  onClose,
  onOpened,
}: {
  onClose: () => void;
  onOpened: (id: string) => void;
}) {
  const qc = useQueryClient();
  const [picked, setPicked] = useState<string[]>([]);
  const [name, setName] = useState('');
  const open = useMutation({
    mutationFn: () => dms.open(picked, picked.length > 1 ? name.trim() || undefined : undefined),
    onSuccess: (dm) => {
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => upsertDm(l, dm));
      onOpened(dm.id);
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length > 0) open.mutate();
  };
  return (
    <Modal title="New message" onClose={onClose} testid="group-dm-dialog">
      <form className="form" onSubmit={submit}>
        <PeoplePicker picked={picked} onChange={setPicked} max={MAX_PICKED} />
        {picked.length > 1 && (
          <Field
            label="Group name (optional)"
            maxLength={100}
            value={name}
            onChange={setName}
            testid="group-dm-name"
          />
        )}
        <FormError error={open.error} />
        <SubmitButton
          busy={open.isPending}
          label={picked.length > 1 ? 'Create group DM' : 'Open DM'}
          busyLabel="Opening…"
          testid="group-dm-submit"
        />
      </form>
    </Modal>
  );
}
