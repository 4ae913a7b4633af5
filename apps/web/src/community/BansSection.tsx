/** Banned users with the reason; unbanning lets them join again with an invite. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { FormError } from '../components/FormError.tsx';
import { Avatar } from '../components/Avatar.tsx';
import { showError } from '../components/Toasts.tsx';
import { community, communityKeys, type Ban } from './community-api.ts';

export function BansSection({ server }: { server: Server }) {
  const qc = useQueryClient();
  const bans = useQuery({
    queryKey: communityKeys.bans(server.id),
    queryFn: () => community.bans(server.id),
  });
  const unban = useMutation({
    mutationFn: (uid: string) => community.unban(server.id, uid).then(() => uid),
    onSuccess: (uid) =>
      qc.setQueryData<Ban[]>(communityKeys.bans(server.id), (l) => l?.filter((b) => b.user.id !== uid)),
    onError: showError,
  });
  if (bans.isPending) return <p className="muted">Loading bans…</p>;
  return (
    <div className="settings-stack">
      <FormError error={bans.error} />
      {bans.data?.length === 0 && (
        <p className="muted" data-testid="bans-empty">
          Nobody is banned.
        </p>
      )}
      <ul className="settings-table" data-testid="ban-list">
        {bans.data?.map((b) => (
          <li key={b.user.id} className="settings-row" data-testid="ban" data-username={b.user.username}>
            <Avatar id={b.user.id} name={b.user.username} size={32} />
            <div className="settings-row-main">
              <strong>{b.user.username}</strong>
              <span className="muted small">{b.reason ? `Reason: ${b.reason}` : 'No reason given'}</span>
            </div>
            <button
              className="btn btn-secondary btn-small"
              onClick={() => unban.mutate(b.user.id)}
              disabled={unban.isPending}
              data-testid="unban"
            >
              Unban
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
