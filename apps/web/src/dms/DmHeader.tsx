/** The head of a DM: its title, and for a group DM rename, add people and leave. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DmChannel } from '@twopointo/shared';
import { useState, type FormEvent } from 'react';
import { dms } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { Icon, type IconName } from '../components/Icon.tsx';
import { Modal } from '../components/Modal.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { dmTitle, removeDmRecipient, upsertDm } from './dm-cache.ts';
import { PeoplePicker } from './PeoplePicker.tsx';

type Dialog = 'rename' | 'add' | 'leave';

/** A group DM's tools, each opening its dialog (test id `dm-<dialog>`). */
const GROUP_TOOLS: { dialog: Dialog; title: string; label: string; icon?: IconName; danger?: boolean }[] = [
  { dialog: 'rename', title: 'Rename', label: 'Rename group', icon: 'pencil' },
  { dialog: 'add', title: 'Add people', label: 'Add people' },
  { dialog: 'leave', title: 'Leave group', label: 'Leave group', icon: 'logout', danger: true },
];

export function DmHeader({ dm, myId, onLeft }: { dm: DmChannel; myId: string; onLeft: () => void }) {
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);
  const group = dm.type === 'group_dm';
  return (
    <>
      <h1 className="channel-title" data-testid="channel-title">
        <span className="hash">{group ? <Icon name="users" size={18} /> : '@'}</span>
        {dmTitle(dm)}
        {group && <span className="topic">{dm.recipients.length + 1} members</span>}
      </h1>
      {group && (
        <span className="dm-tools">
          {GROUP_TOOLS.map((t) => (
            <button
              key={t.dialog}
              className={t.danger ? 'icon-btn danger' : 'icon-btn'}
              title={t.title}
              aria-label={t.label}
              onClick={() => setDialog(t.dialog)}
              data-testid={`dm-${t.dialog}`}
            >
              {t.icon ? <Icon name={t.icon} size={16} /> : '+'}
            </button>
          ))}
        </span>
      )}
      {dialog === 'rename' && <RenameDialog dm={dm} onClose={close} />}
      {dialog === 'add' && <AddPeopleDialog dm={dm} onClose={close} />}
      {dialog === 'leave' && <LeaveDialog dm={dm} myId={myId} onClose={close} onLeft={onLeft} />}
    </>
  );
}

function RenameDialog({ dm, onClose }: { dm: DmChannel; onClose: () => void }) {
  const qc = useQueryClient();
  const [name, setName] = useState(dm.name ?? '');
  const save = useMutation({
    mutationFn: (n: string) => dms.rename(dm.id, n),
    onSuccess: (updated) => {
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => upsertDm(l, updated));
      onClose();
    },
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) save.mutate(name.trim());
  };
  return (
    <Modal title="Rename group" onClose={onClose} testid="dm-rename-dialog">
      <form className="form" onSubmit={submit}>
        <Field
          label="Group name"
          autoFocus
          required
          maxLength={100}
          value={name}
          onChange={setName}
          testid="dm-rename-input"
        />
        <FormError error={save.error} />
        <SubmitButton busy={save.isPending} label="Save" busyLabel="Saving…" testid="dm-rename-submit" />
      </form>
    </Modal>
  );
}

function AddPeopleDialog({ dm, onClose }: { dm: DmChannel; onClose: () => void }) {
  const [picked, setPicked] = useState<string[]>([]);
  const add = useMutation({
    // one at a time: each is its own change (and its own error, e.g. a full group)
    mutationFn: async (ids: string[]) => {
      for (const id of ids) await dms.addRecipient(dm.id, id);
    },
    onSuccess: onClose,
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (picked.length > 0) add.mutate(picked);
  };
  const room = Math.max(0, 10 - 1 - dm.recipients.length);
  return (
    <Modal title="Add people" onClose={onClose} testid="dm-add-dialog">
      <form className="form" onSubmit={submit}>
        <PeoplePicker
          picked={picked}
          onChange={setPicked}
          max={room}
          exclude={dm.recipients.map((u) => u.id)}
        />
        <FormError error={add.error} />
        <SubmitButton busy={add.isPending} label="Add" busyLabel="Adding…" testid="dm-add-submit" />
      </form>
    </Modal>
  );
}

function LeaveDialog({
  dm,
  myId,
  onClose,
  onLeft,
}: {
  dm: DmChannel;
  myId: string;
  onClose: () => void;
  onLeft: () => void;
}) {
  const qc = useQueryClient();
  const leave = useMutation({
    mutationFn: () => dms.removeRecipient(dm.id, myId),
    onSuccess: () => {
      qc.setQueryData<DmChannel[]>(keys.dms, (l) => removeDmRecipient(l, dm.id, myId, myId));
      onLeft();
      onClose();
    },
  });
  return (
    <Modal title={`Leave ${dmTitle(dm)}?`} onClose={onClose} testid="dm-leave-dialog">
      <div className="form">
        <p className="muted">You will not see its messages unless someone adds you again.</p>
        <FormError error={leave.error} />
        <button
          className="btn btn-danger"
          disabled={leave.isPending}
          onClick={() => leave.mutate()}
          data-testid="dm-leave-confirm"
        >
          Leave group
        </button>
      </div>
    </Modal>
  );
}
