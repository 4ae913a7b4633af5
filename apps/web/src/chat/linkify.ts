/** Invite links: bare links in messages are the markdown renderer's (components/markdown). */
/** The invite code in "CODE" or a link like http://host/invite/CODE. */
export function parseInvite(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  const m = /\/invite\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(s);
  if (m) return m[1]!;
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : null;
}
