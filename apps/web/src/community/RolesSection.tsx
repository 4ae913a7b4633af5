/**
 * Roles from highest to lowest: drag to reorder (one call, rolled back on failure), create, and
 * the editor of the chosen role. Roles at or above one's own highest are shown but locked.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Role, Server } from '@twopointo/shared';
import { useState } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { showError } from '../components/Toasts.tsx';
import { community, type CommunityRole } from './community-api.ts';
import { colorHex, roleMoves, rolesTopDown } from './role-order.ts';
import { RoleEditor } from './RoleEditor.tsx';
import type { ServerAccess } from './server-access.ts';

export function RolesSection({ server, access }: { server: Server; access: ServerAccess }) {
  const qc = useQueryClient();
  const roles = useQuery({ queryKey: keys.roles(server.id), queryFn: () => official.roles(server.id) });
  const list = (roles.data ?? []) as CommunityRole[];
  const everyone = list.find((r) => r.id === access.everyoneId);
  const ordered = rolesTopDown(list, access.everyoneId);
  const [selected, setSelected] = useState<string | null>(null);
  const [dragged, setDragged] = useState<string | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const current = list.find((r) => r.id === selected) ?? ordered[0] ?? everyone;

  const create = useMutation({
    mutationFn: () => community.createRole(server.id, { name: 'new role', permissions: '0' }),
    onSuccess: (r) => {
      qc.setQueryData<Role[]>(keys.roles(server.id), (l) => [...(l ?? []), r]);
      setSelected(r.id);
    },
  });

  const drop = (beforeId: string | null) => {
    const from = dragged;
    setDragged(null);
    setOver(null);
    if (!from) return;
    const moves = roleMoves(list, access.everyoneId, from, beforeId);
    if (moves.length === 0) return;
    // nobody may lift a role to or above their own highest
    if (!access.isOwner && moves.some((m) => m.id === from && m.position >= access.myHighest)) {
      showError(new Error('A role can only be moved below your highest role.'));
      return;
    }
    const before = qc.getQueryData<Role[]>(keys.roles(server.id));
    const pos = new Map(moves.map((m) => [m.id, m.position]));
    qc.setQueryData<Role[]>(keys.roles(server.id), (l) =>
      l?.map((r) => ({ ...r, position: pos.get(r.id) ?? r.position })),
    );
    community.reorderRoles(server.id, moves).catch((err: unknown) => {
      qc.setQueryData(keys.roles(server.id), before);
      showError(err);
    });
  };

  if (roles.isPending) return <p className="muted">Loading roles…</p>;
  return (
    <div className="roles-layout">
      <div className="role-list-pane">
        <button
          className="btn btn-block"
          onClick={() => create.mutate()}
          disabled={create.isPending}
          data-testid="role-create"
        >
          Create role
        </button>
        <p className="muted small">
          Drag to reorder. Members show in the colour of their highest coloured role.
        </p>
        <ol className="role-list" data-testid="role-list">
          {ordered.map((r) => {
            const locked = !access.manages(r);
            return (
              <li
                key={r.id}
                className={`${over === r.id ? 'drop-target' : ''}`}
                draggable={!locked}
                onDragStart={(e) => {
                  e.dataTransfer.setData('text/plain', r.id);
                  setDragged(r.id);
                }}
                onDragEnd={() => setDragged(null)}
                onDragOver={(e) => {
                  if (!dragged || dragged === r.id || locked) return;
                  e.preventDefault();
                  setOver(r.id);
                }}
                onDrop={(e) => {
                  e.preventDefault();
                  drop(r.id);
                }}
              >
                <button
                  className={`role-item${current?.id === r.id ? ' on' : ''}`}
                  aria-current={current?.id === r.id}
                  onClick={() => setSelected(r.id)}
                  data-testid="role-item"
                  data-role-name={r.name}
                  data-locked={locked || undefined}
                >
                  <span
                    className="role-dot"
                    style={{ background: colorHex(r.color) ?? 'var(--muted)' }}
                    aria-hidden="true"
                  />
                  <span className="role-name">{r.name}</span>
                  {locked && <span className="muted small">locked</span>}
                </button>
              </li>
            );
          })}
          {everyone && (
            <li
              onDragOver={(e) => {
                if (!dragged) return;
                e.preventDefault();
                setOver(everyone.id);
              }}
              onDrop={(e) => {
                e.preventDefault();
                drop(null);
              }}
              className={over === everyone.id ? 'drop-target' : ''}
            >
              <button
                className={`role-item${current?.id === everyone.id ? ' on' : ''}`}
                onClick={() => setSelected(everyone.id)}
                data-testid="role-item"
                data-role-name="@everyone"
              >
                <span className="role-dot" aria-hidden="true" />
                <span className="role-name">@everyone</span>
              </button>
            </li>
          )}
        </ol>
        {create.error != null && <p className="inline-error small">Could not create a role.</p>}
      </div>
      {current && (
        <RoleEditor
          key={current.id}
          server={server}
          role={current}
          isEveryone={current.id === access.everyoneId}
          editable={
            current.id === access.everyoneId
              ? access.isOwner || access.myHighest > 0
              : access.manages(current)
          }
          myPerms={access.isOwner ? null : access.perms}
          onDeleted={() => setSelected(null)}
        />
      )}
    </div>
  );
}
