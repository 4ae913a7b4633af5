/** Kick, ban (reason and how much of their history goes), timeout (how long) and nickname dialogs. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Member, Server } from '@twopointo/shared';
import { useState } from 'react';
import { keys } from '../api/query-keys.ts';
import { ConfirmDialog } from '../components/dialogs/ConfirmDialog.tsx';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { Modal } from '../components/Modal.tsx';
import { community, communityKeys, type CommunityMember } from './community-api.ts';
import { displayName, isTimedOut } from './member-display.ts';

type Props = { server: Server; member: CommunityMember; onClose: () => void };

function useDropMember(server: Server, uid: string) {
  const qc = useQueryClient();
  return () => qc.setQueryData<Member[]>(keys.members(server.id), (l) => l?.filter((m) => m.user.id !== uid));
}

export function KickDialog({ server, member, onClose }: Props) {
  const drop = useDropMember(server, member.user.id);
  const kick = useMutation({
    mutationFn: () => community.kick(server.id, member.user.id),
    onSuccess: () => {
      drop();
      onClose();
    },
  });
  return (
    <ConfirmDialog
      title={`Kick ${displayName(member)}`}
      testid="kick-dialog"
      action={kick}
      confirmLabel="Kick"
      confirmTestid="kick-confirm"
      onClose={onClose}
    >
      {displayName(member)} leaves {server.name} and can come back with a new invite.
    </ConfirmDialog>
  );
}

export const DELETE_WINDOWS = [
  { label: "Don't delete any", seconds: 0 },
  { label: 'Previous hour', seconds: 3600 },
  { label: 'Previous 24 hours', seconds: 86_400 },
  { label: 'Previous 7 days', seconds: 604_800 },
];

export function BanDialog({ server, member, onClose }: Props) {
  const qc = useQueryClient();
  const drop = useDropMember(server, member.user.id);
  const [reason, setReason] = useState('');
  const [seconds, setSeconds] = useState(0);
  const ban = useMutation({
    mutationFn: () =>
      community.ban(server.id, member.user.id, {
        ...(reason.trim() ? { reason: reason.trim() } : {}),
        delete_message_seconds: seconds,
      }),
    onSuccess: () => {
      drop();
      void qc.invalidateQueries({ queryKey: communityKeys.bans(server.id) });
      if (seconds > 0) void qc.invalidateQueries({ queryKey: ['messages'] });
      onClose();
    },
  });
  return (
    <Modal title={`Ban ${displayName(member)}`} onClose={onClose} testid="ban-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          ban.mutate();
        }}
      >
        <p>
          {displayName(member)} is removed from {server.name} and cannot join again, with any invite, until
          unbanned.
        </p>
        <label>
          Reason <span className="muted small">(shown in the audit log)</span>
          <textarea
            rows={2}
            maxLength={512}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            autoFocus
            data-testid="ban-reason"
          />
        </label>
        <fieldset className="radio-list">
          <legend>Delete their messages</legend>
          {DELETE_WINDOWS.map((w) => (
            <label key={w.seconds}>
              <input
                type="radio"
                name="ban-delete"
                checked={seconds === w.seconds}
                onChange={() => setSeconds(w.seconds)}
                data-testid={`ban-delete-${w.seconds}`}
              />
              {w.label}
            </label>
          ))}
        </fieldset>
        <FormError error={ban.error} />
        <div className="row end">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-danger" disabled={ban.isPending} data-testid="ban-confirm">
            Ban
          </button>
        </div>
      </form>
    </Modal>
  );
}

export const TIMEOUTS = [
  { label: '60 seconds', seconds: 60 },
  { label: '5 minutes', seconds: 300 },
  { label: '1 hour', seconds: 3600 },
  { label: '1 day', seconds: 86_400 },
  { label: '1 week', seconds: 604_800 },
];

export function TimeoutDialog({ server, member, onClose }: Props) {
  const qc = useQueryClient();
  const active = isTimedOut(member);
  const [seconds, setSeconds] = useState(300);
  const set = useMutation({
    mutationFn: (until: string | null) =>
      community
        .updateMember(server.id, member.user.id, { communication_disabled_until: until })
        .then(() => until),
    onSuccess: (until) => {
      qc.setQueryData<CommunityMember[]>(keys.members(server.id), (l) =>
        l?.map((m) => (m.user.id === member.user.id ? { ...m, communication_disabled_until: until } : m)),
      );
      onClose();
    },
  });
  return (
    <Modal
      title={active ? `Remove the timeout of ${displayName(member)}` : `Time out ${displayName(member)}`}
      onClose={onClose}
      testid="timeout-dialog"
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          set.mutate(active ? null : new Date(Date.now() + seconds * 1000).toISOString());
        }}
      >
        {active ? (
          <p>
            {displayName(member)} is timed out until{' '}
            {new Date(member.communication_disabled_until!).toLocaleString()}.
          </p>
        ) : (
          <>
            <p>They can read but not send messages, react, type or speak until the time passes.</p>
            <fieldset className="radio-list">
              <legend>Duration</legend>
              {TIMEOUTS.map((t) => (
                <label key={t.seconds}>
                  <input
                    type="radio"
                    name="timeout"
                    checked={seconds === t.seconds}
                    onChange={() => setSeconds(t.seconds)}
                    data-testid={`timeout-${t.seconds}`}
                  />
                  {t.label}
                </label>
              ))}
            </fieldset>
          </>
        )}
        <FormError error={set.error} />
        <div className="row end">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button className="btn btn-danger" disabled={set.isPending} data-testid="timeout-confirm">
            {active ? 'Remove timeout' : 'Time out'}
          </button>
        </div>
      </form>
    </Modal>
  );
}

export function NicknameDialog({ server, member, self, onClose }: Props & { self: boolean }) {
  const qc = useQueryClient();
  const [nick, setNick] = useState(member.nick ?? '');
  const save = useMutation({
    mutationFn: (value: string | null) =>
      community.updateMember(server.id, member.user.id, { nick: value }).then(() => value),
    onSuccess: (value) => {
      qc.setQueryData<CommunityMember[]>(keys.members(server.id), (l) =>
        l?.map((m) => (m.user.id === member.user.id ? { ...m, nick: value } : m)),
      );
      onClose();
    },
  });
  return (
    <Modal
      title={self ? 'Change your nickname' : `Nickname of ${member.user.username}`}
      onClose={onClose}
      testid="nick-dialog"
    >
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(nick.trim() || null);
        }}
      >
        <Field
          label="Nickname"
          autoFocus
          maxLength={32}
          value={nick}
          onChange={setNick}
          placeholder={member.user.username}
          testid="nick-input"
        />
        <p className="muted small">Only in {server.name}. Leave empty to show the username.</p>
        <FormError error={save.error} />
        <div className="row end">
          {member.nick && (
            <button type="button" className="btn btn-secondary" onClick={() => save.mutate(null)}>
              Reset
            </button>
          )}
          <button className="btn" disabled={save.isPending} data-testid="nick-save">
            Save
          </button>
        </div>
      </form>
    </Modal>
  );
}
