/** The audit log: who did what to whom, what changed and why; filter by action and by user, load older entries. */
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useState } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { FormError } from '../components/FormError.tsx';
import { community, communityKeys, type AuditEntry } from './community-api.ts';
import { ACTIONS, actionLabel, formatValue } from './audit-format.ts';

const PAGE = 50;

export function AuditLogSection({ server }: { server: Server }) {
  const [action, setAction] = useState('');
  const [actor, setActor] = useState('');
  const members = useQuery({ queryKey: keys.members(server.id), queryFn: () => official.members(server.id) });
  const roles = useQuery({
    queryKey: keys.roles(server.id),
    queryFn: () => official.roles(server.id),
    retry: false,
  });
  const channels = useQuery({
    queryKey: keys.channels(server.id),
    queryFn: () => official.channels(server.id),
  });
  // banned users are members no longer: their names come from the ban list (when one may read it)
  const bans = useQuery({
    queryKey: communityKeys.bans(server.id),
    queryFn: () => community.bans(server.id),
    retry: false,
  });
  const log = useInfiniteQuery({
    queryKey: communityKeys.audit(server.id, action, actor),
    queryFn: ({ pageParam }) =>
      community.auditLog(server.id, { action, actor_id: actor, before: pageParam, limit: PAGE }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (last.length < PAGE ? undefined : last[last.length - 1]!.id),
  });
  const entries = log.data?.pages.flat() ?? [];
  const nameOf = (id: string | null) => {
    if (!id) return null;
    return (
      members.data?.find((m) => m.user.id === id)?.user.username ??
      roles.data?.find((r) => r.id === id)?.name ??
      bans.data?.find((b) => b.user.id === id)?.user.username ??
      channels.data?.find((c) => c.id === id)?.name ??
      (id === server.id ? server.name : null)
    );
  };
  return (
    <div className="settings-stack">
      <div className="row wrap audit-filters">
        <label className="small">
          Action
          <select
            value={action}
            onChange={(e) => setAction(e.target.value)}
            data-testid="audit-filter-action"
          >
            <option value="">All actions</option>
            {ACTIONS.map((a) => (
              <option key={a} value={a}>
                {actionLabel(a)}
              </option>
            ))}
          </select>
        </label>
        <label className="small">
          User
          <select value={actor} onChange={(e) => setActor(e.target.value)} data-testid="audit-filter-user">
            <option value="">All users</option>
            {members.data?.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.username}
              </option>
            ))}
          </select>
        </label>
      </div>
      <FormError error={log.error} />
      {log.isPending && <p className="muted">Loading…</p>}
      {!log.isPending && entries.length === 0 && <p className="muted">Nothing here yet.</p>}
      <ol className="audit-list" data-testid="audit-list">
        {entries.map((e) => (
          <AuditRow key={e.id} entry={e} nameOf={nameOf} />
        ))}
      </ol>
      {log.hasNextPage && (
        <button
          className="btn btn-secondary"
          onClick={() => void log.fetchNextPage()}
          disabled={log.isFetchingNextPage}
          data-testid="audit-load-more"
        >
          {log.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}

function AuditRow({ entry, nameOf }: { entry: AuditEntry; nameOf: (id: string | null) => string | null }) {
  const actor = nameOf(entry.actor_id) ?? 'Someone';
  const target = nameOf(entry.target_id) ?? entry.target_id;
  return (
    <li className="audit-entry" data-testid="audit-entry" data-action={entry.action}>
      <div>
        <strong>{actor}</strong> <span className="audit-action">{actionLabel(entry.action)}</span>
        {target && (
          <>
            {' '}
            <strong>{target}</strong>
          </>
        )}
        <time className="muted small" dateTime={entry.created_at}>
          {' '}
          {new Date(entry.created_at).toLocaleString()}
        </time>
      </div>
      {entry.changes.length > 0 && (
        <ul className="audit-changes">
          {entry.changes.map((c, i) => (
            <li key={`${c.key}-${i}`} className="small">
              <code>{c.key}</code>: {formatValue(c.old)} → {formatValue(c.new)}
            </li>
          ))}
        </ul>
      )}
      {entry.reason && <p className="small audit-reason">Reason: {entry.reason}</p>}
    </li>
  );
}
