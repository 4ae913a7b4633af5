/** Home's sidebar: the DMs by latest activity, with unread marks and badges, and a new group DM. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { DmChannel } from '@twopointo/shared';
import { useState, type ReactNode } from 'react';
import { errorMessage } from '../api/api-error.ts';
import { dms as dmApi } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import type { Attention } from '../chat/read-states.ts';
import { Avatar } from '../components/Avatar.tsx';
import { Icon } from '../components/Icon.tsx';
import { dmTitle, removeDm } from './dm-cache.ts';
import { GroupDmDialog } from './GroupDmDialog.tsx';

export function DmList({
  dms,
  error,
  attention,
  selectedId,
  onSelect,
  footer,
}: {
  dms: DmChannel[] | undefined;
  error: unknown;
  attention: Record<string, Attention>;
  selectedId: string | null;
  onSelect: (id: string) => void;
  /** the signed-in user's panel, as under a server's channels */
  footer?: ReactNode;
}) {
  const [creating, setCreating] = useState(false);
  const qc = useQueryClient();
  // closing hides a 1:1 DM from Home (history kept); a newer message or opening it brings it back
  const close = useMutation({
    mutationFn: (id: string) => dmApi.close(id),
    onSuccess: (_, id) => qc.setQueryData<DmChannel[]>(keys.dms, (l) => removeDm(l, id)),
  });
  return (
    <aside className="channel-sidebar" aria-label="Direct messages" data-testid="dm-sidebar">
      <div className="sidebar-head">
        <span className="server-name">Home</span>
      </div>
      <div className="channel-list" data-testid="dm-list">
        <div className="channel-group">
          <span>Direct messages</span>
          <button
            className="icon-btn"
            title="New group DM"
            aria-label="New group DM"
            onClick={() => setCreating(true)}
            data-testid="new-group-dm"
          >
            +
          </button>
        </div>
        {error != null && <div className="inline-error pad">{errorMessage(error)}</div>}
        {close.error != null && (
          <div className="inline-error pad" role="alert">
            {errorMessage(close.error)}
          </div>
        )}
        {!dms && error == null && <p className="muted small pad">Loading…</p>}
        {dms?.length === 0 && (
          <p className="muted small pad" data-testid="no-dms">
            No DMs yet. Message someone from a server's member list.
          </p>
        )}
        {dms?.map((dm) => {
          const a = attention[dm.id];
          const active = dm.id === selectedId;
          const unread = !!a?.unread && !active;
          const title = dmTitle(dm);
          const other = dm.recipients[0];
          return (
            <div
              key={dm.id}
              className={`channel-item dm-item${active ? ' active' : ''}${unread ? ' unread' : ''}`}
            >
              <button
                className="channel-link"
                onClick={() => onSelect(dm.id)}
                data-testid="dm-item"
                data-dm-title={title}
                data-unread={unread || undefined}
                aria-current={active}
                aria-label={`${title}${a?.mentions ? `, ${a.mentions} unread messages` : unread ? ', unread' : ''}`}
              >
                {dm.type === 'dm' && other ? (
                  <Avatar id={other.id} name={other.username} size={24} />
                ) : (
                  <span className="dm-group-icon" aria-hidden="true">
                    <Icon name="users" size={14} />
                  </span>
                )}
                <span className="channel-name">{title}</span>
                {!!a?.mentions && !active && (
                  <span className="badge" data-testid="dm-mention-badge">
                    {a.mentions}
                  </span>
                )}
              </button>
              {dm.type === 'dm' && (
                <span className="channel-tools">
                  <button
                    className="icon-btn"
                    title="Close DM"
                    aria-label={`Close DM with ${title}`}
                    disabled={close.isPending && close.variables === dm.id}
                    onClick={() => close.mutate(dm.id)}
                    data-testid="dm-close"
                  >
                    <Icon name="close" size={14} />
                  </button>
                </span>
              )}
            </div>
          );
        })}
      </div>
      {footer}
      {creating && <GroupDmDialog onClose={() => setCreating(false)} onOpened={onSelect} />}
    </aside>
  );
}
