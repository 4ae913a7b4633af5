/**
 * A user's picture: their avatar (the 64 px public image) when they set one, else a coloured
 * initial (stable colour per id), which also stands in while the image fails to load.
 */
import { useState } from 'react';
import { imageUrl } from '../settings/account-api.ts';
import '../settings/settings.css';

const COLORS = ['#5865f2', '#3ba55c', '#faa61a', '#ed4245', '#eb459e', '#9b59b6', '#1abc9c', '#e67e22'];

export function colorFor(id: string): string {
  let h = 0;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return COLORS[h % COLORS.length]!;
}

export function Avatar({
  id,
  name,
  size = 40,
  status,
  avatar,
}: {
  id: string;
  name: string;
  size?: number;
  status?: 'online' | 'offline';
  /** the avatar's asset id (null or absent: the initial) */
  avatar?: string | null;
}) {
  const [failed, setFailed] = useState<string | null>(null);
  const picture = avatar && failed !== avatar ? avatar : null;
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, background: colorFor(id), fontSize: size * 0.42 }}
      aria-hidden="true"
    >
      {picture ? (
        <img
          className="avatar-img"
          src={imageUrl(picture, size > 64 ? 128 : 64)}
          alt=""
          width={size}
          height={size}
          loading="lazy"
          onError={() => setFailed(picture)}
          data-testid="avatar-img"
        />
      ) : (
        (name.trim()[0] ?? '?').toUpperCase()
      )}
      {status && <span className={`status-dot ${status}`} />}
    </span>
  );
}
