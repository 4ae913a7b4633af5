/**
 * A channel's permission overwrites: pick a role or member, then set each permission to allow,
 * inherit (the server's roles decide) or deny; saving an overwrite that sets nothing removes it.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '@twopointo/shared';
import { useState } from 'react';
import { FormError } from '../components/FormError.tsx';
import {
  community,
  communityKeys,
  type CommunityMember,
  type CommunityRole,
  type OverwriteWire,
} from './community-api.ts';
import { isEmptyOverwrite, triStateOf, withTriState, type TriState } from './overwrite-state.ts';
import { CHANNEL_PERMISSION_LIST } from './permission-list.ts';

const STATES: { state: TriState; label: string; glyph: string }[] = [
  { state: 'deny', label: 'Deny', glyph: '✕' },
  { state: 'inherit', label: 'Inherit', glyph: '/' },
  { state: 'allow', label: 'Allow', glyph: '✓' },
];

export function OverwriteEditor({
  channel,
  roles,
  members,
  everyoneId,
  canEditRole,
}: {
  channel: Channel;
  roles: CommunityRole[];
  members: CommunityMember[];
  everyoneId: string;
  canEditRole: (role: CommunityRole) => boolean;
}) {
  const qc = useQueryClient();
  const fromChannel = (channel as Channel & { permission_overwrites?: OverwriteWire[] })
    .permission_overwrites;
  const list = useQuery({
    queryKey: communityKeys.overwrites(channel.id),
    queryFn: () => community.overwrites(channel.id),
    retry: false,
  });
  const saved = list.data ?? fromChannel ?? [];
  const [selected, setSelected] = useState<string>(everyoneId);
  const [drafts, setDrafts] = useState<Record<string, OverwriteWire>>({});
  const [adding, setAdding] = useState('');

  const targetOf = (id: string): OverwriteWire =>
    drafts[id] ??
    saved.find((o) => o.target_id === id) ?? {
      target_id: id,
      type: roles.some((r) => r.id === id) ? 'role' : 'member',
      allow: '0',
      deny: '0',
    };
  const current = targetOf(selected);
  const shown = [everyoneId, ...saved.map((o) => o.target_id), ...Object.keys(drafts)].filter(
    (id, i, a) => a.indexOf(id) === i,
  );
  const nameOf = (id: string) =>
    id === everyoneId
      ? '@everyone'
      : (roles.find((r) => r.id === id)?.name ?? members.find((m) => m.user.id === id)?.user.username ?? id);
  const roleOf = (id: string) => roles.find((r) => r.id === id);
  const editable = (() => {
    const r = roleOf(selected);
    return r ? r.id === everyoneId || canEditRole(r) : true;
  })();
  const dirty = !!drafts[selected];

  const save = useMutation({
    mutationFn: async (o: OverwriteWire) => {
      if (isEmptyOverwrite(o)) await community.deleteOverwrite(channel.id, o.target_id);
      else await community.putOverwrite(channel.id, o);
      return o;
    },
    onSuccess: (o) => {
      qc.setQueryData<OverwriteWire[]>(communityKeys.overwrites(channel.id), (l) => {
        const rest = (l ?? saved).filter((x) => x.target_id !== o.target_id);
        return isEmptyOverwrite(o) ? rest : [...rest, o];
      });
      setDrafts(({ [o.target_id]: _, ...rest }) => rest);
    },
  });

  const set = (bit: bigint, state: TriState) =>
    setDrafts((d) => ({ ...d, [selected]: withTriState(targetOf(selected), bit, state) }));

  const candidates = [
    ...roles
      .filter((r) => r.id !== everyoneId && !shown.includes(r.id))
      .map((r) => ({ id: r.id, name: `@${r.name}` })),
    ...members
      .filter((m) => !shown.includes(m.user.id))
      .map((m) => ({ id: m.user.id, name: m.user.username })),
  ];

  return (
    <div className="overwrite-editor" data-testid="overwrite-editor">
      <div className="overwrite-targets">
        <h3>Roles and members</h3>
        <ul>
          {shown.map((id) => (
            <li key={id}>
              <button
                className={`target${id === selected ? ' on' : ''}`}
                aria-current={id === selected}
                onClick={() => setSelected(id)}
                data-testid="overwrite-target"
              >
                {roleOf(id) ? '' : '👤 '}
                {nameOf(id)}
                {drafts[id] && <span className="muted small"> (unsaved)</span>}
              </button>
            </li>
          ))}
        </ul>
        {candidates.length > 0 && (
          <label className="small">
            Add a role or member
            <select
              value={adding}
              onChange={(e) => {
                const id = e.target.value;
                setAdding('');
                if (!id) return;
                setDrafts((d) => ({ ...d, [id]: targetOf(id) }));
                setSelected(id);
              }}
              data-testid="overwrite-add"
            >
              <option value="">Choose…</option>
              {candidates.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="overwrite-perms">
        <h3>
          {nameOf(selected)} in #{channel.name}
        </h3>
        {list.isError && !fromChannel && (
          <p className="muted small">
            The saved overwrites could not be read; what you save here replaces them.
          </p>
        )}
        {!editable && <p className="muted small">This role is at or above your highest role.</p>}
        <ul className="perm-list">
          {CHANNEL_PERMISSION_LIST.map((p) => {
            const state = triStateOf(current, p.bit);
            return (
              <li
                key={p.name}
                className="perm-row"
                data-testid="overwrite-perm"
                data-permission={p.name}
                data-state={state}
              >
                <div className="perm-text">
                  <strong id={`ow-${p.name}`}>{p.label}</strong>
                  <span className="muted small">{p.description}</span>
                </div>
                <div className="tri" role="radiogroup" aria-labelledby={`ow-${p.name}`}>
                  {STATES.map((s) => (
                    <label
                      key={s.state}
                      className={`tri-${s.state}${state === s.state ? ' on' : ''}`}
                      title={s.label}
                    >
                      <input
                        type="radio"
                        name={`ow-${p.name}`}
                        checked={state === s.state}
                        disabled={!editable}
                        onChange={() => set(p.bit, s.state)}
                        aria-label={`${s.label} ${p.label}`}
                        data-testid={`tri-${s.state}`}
                      />
                      <span aria-hidden="true">{s.glyph}</span>
                    </label>
                  ))}
                </div>
              </li>
            );
          })}
        </ul>
        <FormError error={save.error} />
        <div className="row end sticky-actions">
          {dirty && (
            <button
              className="btn btn-secondary"
              onClick={() => setDrafts(({ [selected]: _, ...rest }) => rest)}
            >
              Reset
            </button>
          )}
          <button
            className="btn"
            disabled={!dirty || save.isPending || !editable}
            onClick={() => save.mutate(current)}
            data-testid="overwrite-save"
          >
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      </div>
    </div>
  );
}
