/** My account: display name, username, about me and the avatar (uploaded, previewed, then saved). */
import { useQueryClient } from '@tanstack/react-query';
import type { Me } from '@twopointo/shared';
import { useEffect, useState } from 'react';
import { keys } from '../api/query-keys.ts';
import { uploadFile } from '../chat/upload.ts';
import { Avatar } from '../components/Avatar.tsx';
import { Field } from '../components/Field.tsx';
import { FormError } from '../components/FormError.tsx';
import { SubmitButton } from '../components/SubmitButton.tsx';
import { useSubmit } from '../components/use-submit.ts';
import { account, type ProfileChange } from './account-api.ts';
import { applyUserUpdate } from './apply-user-update.ts';

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'];
export const AVATAR_MAX_BYTES = 8 * 1024 * 1024;
const MAX_DISPLAY_NAME = 32;
const MAX_ABOUT = 190;

/** Why a picked file cannot be an avatar, or null when it can. */
export function avatarProblem(file: File): string | null {
  if (!AVATAR_TYPES.includes(file.type)) return 'Choose a PNG, JPEG, WebP or GIF image.';
  if (file.size > AVATAR_MAX_BYTES) return 'The image is too large (8 MB at most).';
  return null;
}

export function MyAccountPanel({ me }: { me: Me }) {
  const qc = useQueryClient();
  const [displayName, setDisplayName] = useState(me.display_name ?? '');
  const [username, setUsername] = useState(me.username);
  const [about, setAbout] = useState(me.about ?? '');
  /** undefined: keep the avatar; null: remove it; a File: upload it */
  const [picked, setPicked] = useState<File | null | undefined>(undefined);
  const [preview, setPreview] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const { busy, error, setError, submit } = useSubmit();

  useEffect(() => {
    if (!(picked instanceof File)) {
      setPreview(null);
      return;
    }
    const url = URL.createObjectURL(picked);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [picked]);

  const onFile = (file: File | undefined) => {
    if (!file) return;
    const problem = avatarProblem(file);
    setError(problem);
    if (problem) return;
    setPicked(file);
  };

  const save = submit(async () => {
    setSaved(false);
    if ([...displayName.trim()].length > MAX_DISPLAY_NAME)
      throw new Error(`The display name is at most ${MAX_DISPLAY_NAME} characters.`);
    const change: ProfileChange = {};
    if (displayName.trim() !== (me.display_name ?? '')) change.display_name = displayName.trim() || null;
    if (username.trim() !== me.username) change.username = username.trim();
    if (about.trim() !== (me.about ?? '')) change.about = about.trim() || null;
    if (picked instanceof File) change.avatar_asset_id = (await uploadFile(picked, () => undefined)).id;
    else if (picked === null) change.avatar_asset_id = null;
    if (Object.keys(change).length === 0) {
      setSaved(true);
      return;
    }
    const updated = await account.updateMe(change);
    qc.setQueryData<Me>(keys.me, updated);
    applyUserUpdate(qc, updated);
    setPicked(undefined);
    setSaved(true);
  });

  const current = picked === null ? null : me.avatar;
  return (
    <form className="form settings-form" onSubmit={save} data-testid="my-account-form">
      <div className="avatar-edit">
        {preview ? (
          <img
            className="avatar-preview"
            src={preview}
            alt="New avatar preview"
            data-testid="avatar-preview"
          />
        ) : (
          <Avatar id={me.id} name={displayName || username} size={80} avatar={current} />
        )}
        <div className="avatar-actions">
          <label className="btn btn-secondary btn-small file-btn">
            Upload avatar
            <input
              type="file"
              accept={AVATAR_TYPES.join(',')}
              onChange={(e) => onFile(e.target.files?.[0])}
              data-testid="avatar-input"
            />
          </label>
          {(me.avatar || picked) && (
            <button
              type="button"
              className="link small"
              onClick={() => setPicked(picked instanceof File ? undefined : null)}
              data-testid="avatar-remove"
            >
              {picked instanceof File ? 'Cancel' : 'Remove avatar'}
            </button>
          )}
        </div>
      </div>
      <Field
        label="Display name"
        value={displayName}
        maxLength={MAX_DISPLAY_NAME}
        placeholder={username}
        onChange={setDisplayName}
        testid="display-name"
      />
      <Field
        label="Username"
        value={username}
        required
        pattern="[A-Za-z0-9_.]{2,32}"
        title="2-32 characters of a-z, 0-9, _ and ."
        onChange={setUsername}
        testid="username"
      />
      <label>
        About me
        <textarea
          value={about}
          maxLength={MAX_ABOUT}
          rows={3}
          onChange={(e) => setAbout(e.target.value)}
          data-testid="about"
        />
        <span className="muted small">
          {[...about].length}/{MAX_ABOUT}
        </span>
      </label>
      <FormError error={error} />
      {saved && !error && (
        <div className="notice" role="status" data-testid="profile-saved">
          Saved.
        </div>
      )}
      <SubmitButton busy={busy} label="Save changes" busyLabel="Saving…" testid="save-profile" />
    </form>
  );
}
