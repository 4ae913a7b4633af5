/** The server's invites with their uses and expiry; revoke ends one at once. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { InviteDialog } from '../components/dialogs/InviteDialog.tsx';
import { FormError } from '../components/FormError.tsx';
import { showError } from '../components/Toasts.tsx';
import { community, communityKeys, type CommunityInvite } from './community-api.ts';
import { CopyButton } from './CopyButton.tsx';

export function InvitesSection({ server }: { server: Server }) {
  const qc = useQueryClient();
  const invites = useQuery({
    queryKey: communityKeys.invites(server.id),
    queryFn: () => community.invites(server.id),
  });
  const members = useQuery({ queryKey: keys.members(server.id), queryFn: () => official.members(server.id) });
  const [creating, setCreating] = useState(false);
  const revoke = useMutation({
    mutationFn: (code: string) => community.revokeInvite(code).then(() => code),
    onSuccess: (code) =>
      qc.setQueryData<CommunityInvite[]>(communityKeys.invites(server.id), (l) =>
        l?.filter((i) => i.code !== code),
      ),
    onError: showError,
  });
  const who = (i: CommunityInvite) =>
    i.inviter?.username ?? members.data?.find((m) => m.user.id === i.inviter_id)?.user.username ?? 'someone';
  return (
    <div className="settings-stack">
      <div className="row">
        <button className="btn" onClick={() => setCreating(true)} data-testid="invites-create">
          Create invite
        </button>
      </div>
      <FormError error={invites.error} />
      {invites.data?.length === 0 && <p className="muted">No active invites.</p>}
      <table className="invite-table" data-testid="invite-list">
        <thead>
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Created by</th>
            <th scope="col">Uses</th>
            <th scope="col">Expires</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.data?.map((i) => (
            <tr key={i.code} data-testid="invite-row" data-code={i.code}>
              <td>
                <code>{i.code}</code>
              </td>
              <td>{who(i)}</td>
              <td data-testid="invite-uses">
                {i.uses}
                {i.max_uses ? ` / ${i.max_uses}` : ''}
              </td>
              <td>{i.expires_at ? new Date(i.expires_at).toLocaleString() : 'Never'}</td>
              <td className="row end">
                <CopyButton text={`${window.location.origin}/invite/${i.code}`} label="Copy link" />
                <button
                  className="btn btn-danger btn-small"
                  onClick={() => revoke.mutate(i.code)}
                  disabled={revoke.isPending}
                  aria-label={`Revoke invite ${i.code}`}
                  data-testid="invite-revoke"
                >
                  Revoke
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {creating && (
        <InviteDialog
          server={server}
          onClose={() => {
            setCreating(false);
            void qc.invalidateQueries({ queryKey: communityKeys.invites(server.id) });
          }}
        />
      )}
    </div>
  );
}
