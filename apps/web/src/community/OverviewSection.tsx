/** Server overview: name, icon (with a preview as the rail shows it), transfer of ownership, deletion. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Server } from '@twopointo/shared';
import { useEffect, useState, type FormEvent } from 'react';
import { official } from '../api/endpoints.ts';
import { keys } from '../api/query-keys.ts';
import { upsertById } from '../chat/list-cache.ts';
import { PREVIEWABLE } from '../chat/attachment-blob.ts';
import { uploadFile } from '../chat/upload.ts';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { Modal } from '../components/Modal.tsx';
import { community, type CommunityServer } from './community-api.ts';
import type { ServerAccess } from './server-access.ts';
import { ServerIcon } from './ServerIcon.tsx';

const MAX_ICON_BYTES = 2 * 1024 * 1024;

export function OverviewSection({
  server,
  me,
  access,
  onGone,
}: {
  server: CommunityServer;
  me: { id: string };
  access: ServerAccess;
  onGone: () => void;
}) {
  const qc = useQueryClient();
  const stored = (s: Server) => qc.setQueryData<Server[]>(keys.servers, (l) => upsertById(l, s));
  const [name, setName] = useState(server.name);
  const rename = useMutation({
    mutationFn: () => community.updateServer(server.id, { name: name.trim() }),
    onSuccess: stored,
  });
  const [dialog, setDialog] = useState<'delete' | 'transfer' | null>(null);

  return (
    <div className="settings-stack">
      <form
        className="form settings-form"
        onSubmit={(e: FormEvent) => {
          e.preventDefault();
          if (name.trim()) rename.mutate();
        }}
      >
        <Field
          label="Server name"
          required
          maxLength={100}
          value={name}
          onChange={setName}
          testid="settings-server-name"
        />
        <FormError error={rename.error} />
        {rename.isSuccess && (
          <p className="ok-text small" role="status">
            Saved.
          </p>
        )}
        <div className="row end">
          <button
            className="btn"
            disabled={rename.isPending || name.trim() === server.name}
            data-testid="server-name-save"
          >
            Save name
          </button>
        </div>
      </form>
      <IconEditor server={server} onSaved={stored} />
      {access.isOwner && (
        <div className="danger-zone">
          <h3>Owner only</h3>
          <div className="row">
            <button
              className="btn btn-secondary"
              onClick={() => setDialog('transfer')}
              data-testid="transfer-ownership"
            >
              Transfer ownership
            </button>
            <button
              className="btn btn-danger"
              onClick={() => setDialog('delete')}
              data-testid="delete-server"
            >
              Delete server
            </button>
          </div>
        </div>
      )}
      {dialog === 'delete' && (
        <DeleteServerDialog server={server} onClose={() => setDialog(null)} onGone={onGone} />
      )}
      {dialog === 'transfer' && (
        <TransferDialog server={server} myId={me.id} onClose={() => setDialog(null)} onDone={stored} />
      )}
    </div>
  );
}

function IconEditor({ server, onSaved }: { server: CommunityServer; onSaved: (s: Server) => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => {
    if (!file) return setPreview(null);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);
  const save = useMutation({
    mutationFn: async (f: File | null) => {
      const asset = f ? await uploadFile(f, () => undefined) : null;
      return community.updateServer(server.id, { icon_asset_id: asset?.id ?? null });
    },
    onSuccess: (s) => {
      onSaved(s);
      setFile(null);
    },
  });
  const hasIcon = !!server.icon_asset_id;
  return (
    <div className="form settings-form">
      <span className="label-text">Icon</span>
      <div className="icon-editor">
        <span
          className="server-icon active icon-preview"
          aria-label="Icon preview as shown on the server list"
          role="img"
        >
          <ServerIcon server={server} override={preview} />
        </span>
        <div className="icon-actions">
          <label className="btn btn-secondary btn-small file-btn">
            Choose image
            <input
              type="file"
              accept="image/png,image/jpeg,image/gif,image/webp"
              className="visually-hidden"
              onChange={(e) => {
                const f = e.target.files?.[0] ?? null;
                e.target.value = '';
                setProblem(null);
                if (!f) return;
                if (!PREVIEWABLE.has(f.type)) return setProblem('Choose a PNG, JPEG, GIF or WebP picture.');
                if (f.size > MAX_ICON_BYTES) return setProblem('The picture must be 2 MB or smaller.');
                setFile(f);
              }}
              data-testid="server-icon-input"
            />
          </label>
          {file && (
            <button
              className="btn btn-small"
              onClick={() => save.mutate(file)}
              disabled={save.isPending}
              data-testid="server-icon-save"
            >
              {save.isPending ? 'Uploading…' : 'Save icon'}
            </button>
          )}
          {!file && hasIcon && (
            <button
              className="btn btn-secondary btn-small"
              onClick={() => save.mutate(null)}
              disabled={save.isPending}
            >
              Remove icon
            </button>
          )}
          <span className="muted small">Square pictures look best; at most 2 MB.</span>
        </div>
      </div>
      {problem && <p className="inline-error small">{problem}</p>}
      <FormError error={save.error} />
    </div>
  );
}

function DeleteServerDialog({
  server,
  onClose,
  onGone,
}: {
  server: Server;
  onClose: () => void;
  onGone: () => void;
}) {
  const qc = useQueryClient();
  const [typed, setTyped] = useState('');
  const del = useMutation({
    mutationFn: () => community.deleteServer(server.id),
    onSuccess: () => {
      qc.setQueryData<Server[]>(keys.servers, (l) => l?.filter((s) => s.id !== server.id));
      onGone();
    },
  });
  return (
    <Modal title={`Delete ${server.name}`} onClose={onClose} testid="delete-server-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (typed === server.name) del.mutate();
        }}
      >
        <p>Every channel, message and role of this server is deleted for everyone. This cannot be undone.</p>
        <Field
          label={
            <>
              Type <strong>{server.name}</strong> to confirm
            </>
          }
          autoFocus
          value={typed}
          onChange={setTyped}
          testid="delete-server-confirm-input"
        />
        <FormError error={del.error} />
        <div className="row end">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn btn-danger"
            disabled={typed !== server.name || del.isPending}
            data-testid="delete-server-confirm"
          >
            Delete server
          </button>
        </div>
      </form>
    </Modal>
  );
}

function TransferDialog({
  server,
  myId,
  onClose,
  onDone,
}: {
  server: Server;
  myId: string;
  onClose: () => void;
  onDone: (s: Server) => void;
}) {
  const members = useQuery({ queryKey: keys.members(server.id), queryFn: () => official.members(server.id) });
  const [to, setTo] = useState('');
  const transfer = useMutation({
    mutationFn: () => community.updateServer(server.id, { owner_id: to }),
    onSuccess: (s) => {
      onDone(s);
      onClose();
    },
  });
  const others = (members.data ?? []).filter((m) => m.user.id !== myId);
  return (
    <Modal title="Transfer ownership" onClose={onClose} testid="transfer-dialog">
      <form
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          if (to) transfer.mutate();
        }}
      >
        <p>The new owner can do everything here, including deleting the server. You keep your roles.</p>
        <label>
          New owner
          <select value={to} onChange={(e) => setTo(e.target.value)} autoFocus data-testid="transfer-to">
            <option value="">Choose a member…</option>
            {others.map((m) => (
              <option key={m.user.id} value={m.user.id}>
                {m.user.username}
              </option>
            ))}
          </select>
        </label>
        <FormError error={transfer.error} />
        <div className="row end">
          <button type="button" className="btn btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button
            className="btn btn-danger"
            disabled={!to || transfer.isPending}
            data-testid="transfer-confirm"
          >
            Transfer
          </button>
        </div>
      </form>
    </Modal>
  );
}
