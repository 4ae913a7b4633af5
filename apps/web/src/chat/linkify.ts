/** Finds http(s) links in plain text; the renderer turns them into anchors, everything else stays text. */
export type TextPart = { kind: 'text'; text: string } | { kind: 'link'; text: string; href: string };

const URL_RE = /\bhttps?:\/\/[^\s<>"']+/gi;
const TRAILING = /[.,;:!?'"]+$/;

function trimLink(raw: string): string {
  let link = raw.replace(TRAILING, '');
  // a closing parenthesis belongs to the link only if it opened one: "(see http://x.y/a)"
  while (link.endsWith(')') && (link.match(/\(/g)?.length ?? 0) < (link.match(/\)/g)?.length ?? 0)) {
    link = link.slice(0, -1).replace(TRAILING, '');
  }
  return link;
}

export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const m of text.matchAll(URL_RE)) {
    const start = m.index;
    const link = trimLink(m[0]);
    let href: string;
    try {
      const url = new URL(link);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
      href = url.toString();
    } catch {
      continue;
    }
    if (start > last) parts.push({ kind: 'text', text: text.slice(last, start) });
    parts.push({ kind: 'link', text: link, href });
    last = start + link.length;
  }
  if (last < text.length) parts.push({ kind: 'text', text: text.slice(last) });
  return parts;
}

/** The invite code in "CODE" or a link like http://host/invite/CODE. */
export function parseInvite(input: string): string | null {
  const s = input.trim();
  if (!s) return null;
  const m = /\/invite\/([A-Za-z0-9_-]+)\/?(?:[?#].*)?$/.exec(s);
  if (m) return m[1]!;
  return /^[A-Za-z0-9_-]+$/.test(s) ? s : null;
}
