/** A coloured initial standing in for a profile picture (stable colour per id). */
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
}: {
  id: string;
  name: string;
  size?: number;
  status?: 'online' | 'offline';
}) {
  return (
    <span
      className="avatar"
      style={{ width: size, height: size, background: colorFor(id), fontSize: size * 0.42 }}
      aria-hidden="true"
    >
      {(name.trim()[0] ?? '?').toUpperCase()}
      {status && <span className={`status-dot ${status}`} />}
    </span>
  );
}
