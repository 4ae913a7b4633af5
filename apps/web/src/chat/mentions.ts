/**
 * Mention tokens: `<@USER_ID>` (or `<@!USER_ID>`), `<@&ROLE_ID>`, `@everyone`, `@here`.
 * Parsing message content into text, links and mentions for rendering; turning what the
 * composer shows (`@alice`) into tokens on send and back for editing; the `@` autocomplete.
 */
export type MessagePart =
  | { kind: 'text'; text: string }
  | { kind: 'user'; id: string; raw: string }
  | { kind: 'role'; id: string; raw: string }
  | { kind: 'everyone'; raw: string };

// @everyone is not a mention inside a word or an address ("a@everyone.org")
const TOKEN_RE = /<@!?(\d+)>|<@&(\d+)>|(?<![\w@.])@(?:everyone|here)(?![\w@])/g;

/** A run of message text as text and mention parts, in order (links and markdown are the renderer's). */
export function parseContent(content: string): MessagePart[] {
  const parts: MessagePart[] = [];
  let last = 0;
  const pushText = (text: string) => {
    if (text) parts.push({ kind: 'text', text });
  };
  for (const m of content.matchAll(TOKEN_RE)) {
    pushText(content.slice(last, m.index));
    if (m[1]) parts.push({ kind: 'user', id: m[1], raw: m[0] });
    else if (m[2]) parts.push({ kind: 'role', id: m[2], raw: m[0] });
    else parts.push({ kind: 'everyone', raw: m[0] });
    last = m.index + m[0].length;
  }
  pushText(content.slice(last));
  return parts;
}

export interface Mentionable {
  users: { id: string; username: string }[];
  roles: { id: string; name: string }[];
}

const WORD = /[\w.-]/;

/**
 * What the composer shows → what is sent: `@name` of a member (first) or of a role becomes
 * its token, matched case-insensitively and only as a whole name; anything else stays text.
 */
export function toWire(text: string, { users, roles }: Mentionable): string {
  const names = [
    ...users.map((u) => ({ name: u.username, token: `<@${u.id}>` })),
    ...roles.map((r) => ({ name: r.name, token: `<@&${r.id}>` })),
  ]
    .filter((n) => n.name && n.name !== '@everyone')
    // longest first so "@al" never takes the start of "@alice"; users before roles of the same length
    .sort((a, b) => b.name.length - a.name.length);
  let out = '';
  let i = 0;
  while (i < text.length) {
    const at = text.indexOf('@', i);
    if (at < 0) break;
    out += text.slice(i, at);
    const before = at > 0 ? text[at - 1]! : '';
    const rest = text.slice(at + 1);
    const hit =
      before && /[\w@<&]/.test(before)
        ? undefined
        : names.find(
            (n) =>
              rest.slice(0, n.name.length).toLowerCase() === n.name.toLowerCase() &&
              !WORD.test(rest[n.name.length] ?? ''),
          );
    if (hit) {
      out += hit.token;
      i = at + 1 + hit.name.length;
    } else {
      out += '@';
      i = at + 1;
    }
  }
  return out + text.slice(i);
}

/** Content → what an edit box shows: known mentions as `@name`, unknown ones left as tokens. */
export function toDisplay(content: string, { users, roles }: Mentionable): string {
  return content.replace(/<@!?(\d+)>|<@&(\d+)>/g, (raw, uid?: string, rid?: string) => {
    if (uid) {
      const u = users.find((x) => x.id === uid);
      return u ? `@${u.username}` : raw;
    }
    const r = roles.find((x) => x.id === rid);
    return r ? `@${r.name}` : raw;
  });
}

/** The `@word` being typed just before the caret, if any. */
export function mentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(?:^|[^\w@<&])@([^\s@<>]{0,32})$/.exec(text.slice(0, caret));
  if (!m) return null;
  const query = m[1]!;
  return { start: caret - query.length - 1, query };
}

export type Suggestion =
  | { kind: 'user'; id: string; label: string }
  | { kind: 'role'; id: string; label: string }
  | { kind: 'everyone'; id: 'everyone' | 'here'; label: string };

const SPECIAL = [
  { id: 'everyone', hint: 'Notify everyone who can see this channel' },
  { id: 'here', hint: 'Notify everyone online who can see this channel' },
] as const;

export const specialHint = (id: 'everyone' | 'here') => SPECIAL.find((s) => s.id === id)!.hint;

/** Members, then roles, then @everyone/@here matching the query: prefix matches first, at most `max`. */
export function suggest(
  query: string,
  { users, roles }: Mentionable,
  opts: { everyone: boolean; max?: number },
): Suggestion[] {
  const q = query.toLowerCase();
  const rank = (name: string) => {
    const n = name.toLowerCase();
    return n.startsWith(q) ? 0 : n.includes(q) ? 1 : 2;
  };
  const pick = <T>(list: T[], name: (x: T) => string) =>
    list
      .filter((x) => rank(name(x)) < 2)
      .sort((a, b) => rank(name(a)) - rank(name(b)) || name(a).localeCompare(name(b)));
  const out: Suggestion[] = [
    ...pick(users, (u) => u.username).map((u) => ({ kind: 'user' as const, id: u.id, label: u.username })),
    ...pick(
      roles.filter((r) => r.name !== '@everyone'),
      (r) => r.name,
    ).map((r) => ({ kind: 'role' as const, id: r.id, label: r.name })),
    ...(opts.everyone
      ? SPECIAL.filter((s) => s.id.startsWith(q)).map((s) => ({
          kind: 'everyone' as const,
          id: s.id,
          label: s.id,
        }))
      : []),
  ];
  return out.slice(0, opts.max ?? 8);
}

/** Replaces the `@query` at `start..caret` with the chosen `@name ` and says where the caret goes. */
export function applySuggestion(
  text: string,
  start: number,
  caret: number,
  s: Suggestion,
): { text: string; caret: number } {
  const insert = `@${s.label} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + insert + after, caret: start + insert.length };
}
