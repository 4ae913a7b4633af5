/** Creates an invite to a server on request and shows its code and link, each with a copy button. */
import { useMutation } from '@tanstack/react-query';
import type { Invite, Server } from '@twopointo/shared';
import { useState } from 'react';
import { official } from '../../api/endpoints.ts';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';
import { useCopy } from '../use-copy.ts';

export function InviteDialog({ server, onClose }: { server: Server; onClose: () => void }) {
  const [invite, setInvite] = useState<Invite | null>(null);
  const create = useMutation({ mutationFn: () => official.createInvite(server.id), onSuccess: setInvite });
  return (
    <Modal title={`Invite people to ${server.name}`} onClose={onClose} testid="invite-dialog">
      {invite ? (
        <div className="form">
          <CopyRow label="Invite code" text={invite.code} testid="invite-code" />
          <CopyRow
            label="Link"
            text={`${window.location.origin}/invite/${invite.code}`}
            testid="invite-link"
          />
          {invite.expires_at && (
            <p className="muted small">Expires {new Date(invite.expires_at).toLocaleString()}</p>
          )}
        </div>
      ) : (
        <div className="form">
          <p className="muted">Anyone with the code can join this server.</p>
          <FormError error={create.error} />
          <button
            className="btn btn-block"
            onClick={() => create.mutate()}
            disabled={create.isPending}
            data-testid="invite-create"
          >
            {create.isPending ? 'Creating…' : 'Create invite'}
          </button>
        </div>
      )}
    </Modal>
  );
}

/** One labelled value with its copy button; the text stays selectable for when copying fails. */
function CopyRow({ label, text, testid }: { label: string; text: string; testid: string }) {
  const { copy } = useCopy();
  return (
    <label>
      {label}
      <div className="copy-row">
        <code data-testid={testid}>{text}</code>
        <button className="btn btn-small" onClick={() => copy(text)}>
          Copy
        </button>
      </div>
    </label>
  );
}
