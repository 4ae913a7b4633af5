/**
 * Message text as React text nodes, http(s) anchors and mention pills only: markup in a message
 * stays text. A mention is a pill when the server resolved it (the message's `mentions`,
 * `mention_roles`, `mention_everyone`) or, for a message not sent yet, when the name is known.
 */
import type { Message } from '@twopointo/shared';
import { parseContent, type MessagePart } from '../chat/mentions.ts';
import { useMentions, type MentionContextValue } from './mention-context.tsx';

type Resolved = Pick<Message, 'mentions' | 'mention_roles' | 'mention_everyone'>;

function pill(part: MessagePart, ctx: MentionContextValue, resolved: Resolved | undefined) {
  if (part.kind === 'user') {
    const name = ctx.users.find((u) => u.id === part.id)?.username;
    if (!name && !resolved?.mentions.includes(part.id)) return null;
    return { label: `@${name ?? 'unknown-user'}`, me: part.id === ctx.myId };
  }
  if (part.kind === 'role') {
    const name = ctx.roles.find((r) => r.id === part.id)?.name;
    if (!name && !resolved?.mention_roles.includes(part.id)) return null;
    return { label: `@${name ?? 'unknown-role'}`, me: !!ctx.myRoleIds?.includes(part.id) };
  }
  if (part.kind === 'everyone') {
    if (resolved && !resolved.mention_everyone) return null;
    return { label: part.raw, me: true };
  }
  return null;
}

export function MessageText({ content, resolved }: { content: string; resolved?: Resolved }) {
  const ctx = useMentions();
  return (
    <>
      {parseContent(content).map((part, i) => {
        if (part.kind === 'link')
          return (
            <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
              {part.text}
            </a>
          );
        if (part.kind === 'text') return <span key={i}>{part.text}</span>;
        const p = pill(part, ctx, resolved);
        if (!p) return <span key={i}>{part.raw}</span>;
        return (
          <span key={i} className={`mention${p.me ? ' me' : ''}`} data-testid="mention">
            {p.label}
          </span>
        );
      })}
    </>
  );
}
