/** One role: name, colour, hoist, mentionable and every permission (with its description); save or delete. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Permissions, type Role, type Server } from '@twopointo/shared';
import { useState } from 'react';
import { keys } from '../api/query-keys.ts';
import { ConfirmDialog } from '../components/dialogs/ConfirmDialog.tsx';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { community, type CommunityRole, type RoleBody } from './community-api.ts';
import { PERMISSION_LIST } from './permission-list.ts';
import { colorHex, hexColor } from './role-order.ts';

const SWATCHES = [
  '#1abc9c',
  '#2ecc71',
  '#3498db',
  '#9b59b6',
  '#e91e63',
  '#f1c40f',
  '#e67e22',
  '#e74c3c',
  '#95a5a6',
];

export function RoleEditor({
  server,
  role,
  isEveryone,
  editable,
  myPerms,
  onDeleted,
}: {
  server: Server;
  role: CommunityRole;
  isEveryone: boolean;
  editable: boolean;
  /** what the editor holds itself (null: the owner); nobody grants a permission they lack */
  myPerms: bigint | null;
  onDeleted: () => void;
}) {
  const qc = useQueryClient();
  const [name, setName] = useState(role.name);
  const [color, setColor] = useState(role.color ?? 0);
  const [hoist, setHoist] = useState(!!role.hoist);
  const [mentionable, setMentionable] = useState(!!role.mentionable);
  const [perms, setPerms] = useState(BigInt(role.permissions));
  const [confirm, setConfirm] = useState(false);
  const dirty =
    name !== role.name ||
    color !== (role.color ?? 0) ||
    hoist !== !!role.hoist ||
    mentionable !== !!role.mentionable ||
    perms !== BigInt(role.permissions);

  const save = useMutation({
    mutationFn: () => {
      const body: RoleBody = { permissions: perms.toString() };
      if (!isEveryone) Object.assign(body, { name: name.trim(), color, hoist, mentionable });
      return community.updateRole(role.id, body);
    },
    onSuccess: (r) =>
      qc.setQueryData<Role[]>(keys.roles(server.id), (l) => l?.map((x) => (x.id === r.id ? r : x))),
  });
  const del = useMutation({
    mutationFn: () => community.deleteRole(role.id),
    onSuccess: () => {
      qc.setQueryData<Role[]>(keys.roles(server.id), (l) => l?.filter((x) => x.id !== role.id));
      onDeleted();
    },
  });
  const grantable = (bit: bigint) =>
    myPerms === null || (myPerms & Permissions.ADMINISTRATOR) !== 0n || (myPerms & bit) === bit;

  return (
    <div className="role-editor" data-testid="role-editor">
      <h3>
        Edit role —{' '}
        <span style={{ color: colorHex(color) ?? undefined }}>{isEveryone ? '@everyone' : role.name}</span>
      </h3>
      {!editable && (
        <p className="muted small">
          This role is at or above your highest role; you can look but not change it.
        </p>
      )}
      <fieldset disabled={!editable} className="role-fields">
        {!isEveryone && (
          <>
            <Field
              label="Role name"
              required
              maxLength={100}
              value={name}
              onChange={setName}
              testid="role-name"
            />
            <div>
              <span className="label-text" id="role-color-label">
                Colour
              </span>
              <div className="swatches" role="group" aria-labelledby="role-color-label">
                <button
                  type="button"
                  className={`swatch none${color === 0 ? ' on' : ''}`}
                  aria-label="No colour"
                  aria-pressed={color === 0}
                  onClick={() => setColor(0)}
                />
                {SWATCHES.map((hex) => (
                  <button
                    type="button"
                    key={hex}
                    className={`swatch${colorHex(color) === hex ? ' on' : ''}`}
                    style={{ background: hex }}
                    aria-label={`Colour ${hex}`}
                    aria-pressed={colorHex(color) === hex}
                    onClick={() => setColor(hexColor(hex))}
                  />
                ))}
                <label className="swatch-custom">
                  <span className="visually-hidden">Custom colour</span>
                  <input
                    type="color"
                    value={colorHex(color) ?? '#99aab5'}
                    onChange={(e) => setColor(hexColor(e.target.value))}
                    data-testid="role-color"
                  />
                </label>
              </div>
            </div>
            <label className="switch-row">
              <input
                type="checkbox"
                checked={hoist}
                onChange={(e) => setHoist(e.target.checked)}
                data-testid="role-hoist"
              />
              <span>
                <strong>Show separately</strong>
                <span className="muted small">Members with this role are listed in their own group.</span>
              </span>
            </label>
            <label className="switch-row">
              <input
                type="checkbox"
                checked={mentionable}
                onChange={(e) => setMentionable(e.target.checked)}
                data-testid="role-mentionable"
              />
              <span>
                <strong>Allow anyone to @mention this role</strong>
                <span className="muted small">Members with MENTION_EVERYONE can always mention it.</span>
              </span>
            </label>
          </>
        )}
        <h4>Permissions</h4>
        <ul className="perm-list">
          {PERMISSION_LIST.map((p) => {
            const on = (perms & p.bit) === p.bit;
            const allowed = grantable(p.bit);
            return (
              <li key={p.name} className="perm-row">
                <label className="perm-toggle" data-testid="role-perm" data-permission={p.name}>
                  <span className="perm-text">
                    <strong>{p.label}</strong>
                    <span className="muted small">
                      {p.description}
                      {!allowed && ' — you do not have this permission yourself'}
                    </span>
                  </span>
                  <input
                    type="checkbox"
                    role="switch"
                    checked={on}
                    disabled={!allowed}
                    onChange={(e) => setPerms((x) => (e.target.checked ? x | p.bit : x & ~p.bit))}
                    data-testid={`perm-${p.name}`}
                  />
                </label>
              </li>
            );
          })}
        </ul>
      </fieldset>
      <FormError error={save.error} />
      {editable && (
        <div className="row end sticky-actions">
          {!isEveryone && (
            <button className="btn btn-danger" onClick={() => setConfirm(true)} data-testid="role-delete">
              Delete role
            </button>
          )}
          <span className="spacer" />
          <button
            className="btn"
            disabled={!dirty || save.isPending || !name.trim()}
            onClick={() => save.mutate()}
            data-testid="role-save"
          >
            {save.isPending ? 'Saving…' : 'Save changes'}
          </button>
        </div>
      )}
      {confirm && (
        <ConfirmDialog
          title={`Delete ${role.name}`}
          testid="role-delete-dialog"
          action={del}
          confirmLabel="Delete role"
          confirmTestid="role-delete-confirm"
          onClose={() => setConfirm(false)}
        >
          Members who have this role lose it and what it allows.
        </ConfirmDialog>
      )}
    </div>
  );
}
