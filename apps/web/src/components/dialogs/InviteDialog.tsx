/**
 * Creates an invite to a server with an expiry (30 minutes to never) and a use limit, then shows
 * its code and link, each with a copy button that says "Copied".
 */
import { useMutation } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import { community, type CommunityInvite } from '../../community/community-api.ts';
import { CopyButton } from '../../community/CopyButton.tsx';
import { FormError } from '../FormError.tsx';
import { Modal } from '../Modal.tsx';

export const EXPIRIES = [
  { label: '30 minutes', seconds: 1800 },
  { label: '1 hour', seconds: 3600 },
  { label: '6 hours', seconds: 21_600 },
  { label: '12 hours', seconds: 43_200 },
  { label: '1 day', seconds: 86_400 },
  { label: '7 days', seconds: 604_800 },
  { label: 'Never', seconds: 0 },
];
const MAX_USES = [0, 1, 5, 10, 25, 50, 100];

export function InviteDialog({ server, onClose }: { server: Server; onClose: () => void }) {
  const [invite, setInvite] = useState<CommunityInvite | null>(null);
  const [expires, setExpires] = useState(604_800);
  const [maxUses, setMaxUses] = useState(0);
  const create = useMutation({
    mutationFn: () =>
      community.createInvite(server.id, {
        ...(expires ? { expires_in: expires } : {}),
        ...(maxUses ? { max_uses: maxUses } : {}),
      }),
    onSuccess: setInvite,
  });
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
          <p className="muted small">
            {invite.expires_at ? `Expires ${new Date(invite.expires_at).toLocaleString()}` : 'Never expires'}
            {invite.max_uses ? ` · ${invite.max_uses} uses` : ' · no use limit'}
          </p>
        </div>
      ) : (
        <form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate();
          }}
        >
          <p className="muted">Anyone with the code can join this server.</p>
          <label>
            Expire after
            <select
              value={expires}
              onChange={(e) => setExpires(Number(e.target.value))}
              data-testid="invite-expiry"
            >
              {EXPIRIES.map((x) => (
                <option key={x.seconds} value={x.seconds}>
                  {x.label}
                </option>
              ))}
            </select>
          </label>
          <label>
            Max number of uses
            <select
              value={maxUses}
              onChange={(e) => setMaxUses(Number(e.target.value))}
              data-testid="invite-max-uses"
            >
              {MAX_USES.map((n) => (
                <option key={n} value={n}>
                  {n === 0 ? 'No limit' : n === 1 ? '1 use' : `${n} uses`}
                </option>
              ))}
            </select>
          </label>
          <FormError error={create.error} />
          <button className="btn btn-block" disabled={create.isPending} data-testid="invite-create">
            {create.isPending ? 'Creating…' : 'Create invite'}
          </button>
        </form>
      )}
    </Modal>
  );
}

/** One labelled value with its copy button; the text stays selectable for when copying fails. */
function CopyRow({ label, text, testid }: { label: string; text: string; testid: string }) {
  return (
    <div className="copy-field">
      <span className="label-text">{label}</span>
      <div className="copy-row">
        <code data-testid={testid}>{text}</code>
        <CopyButton text={text} testid={`${testid}-copy`} />
      </div>
    </div>
  );
}
