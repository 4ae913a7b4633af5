/**
 * Message text: Discord-flavoured markdown (components/markdown) as React elements, with mention
 * pills in its text runs. A mention is a pill when the server resolved it (the message's
 * `mentions`, `mention_roles`, `mention_everyone`) or, for a message not sent yet, when the name
 * is known; raw HTML in a message always stays text.
 */
import type { Message } from '@twopointo/shared';
import type { ReactNode } from 'react';
import { parseContent, type MessagePart } from '../chat/mentions.ts';
import './conversations.css';
import { Markdown } from './markdown/Markdown.tsx';
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

export function MessageText({
  content,
  resolved,
  interactive = true,
}: {
  content: string;
  resolved?: Resolved;
  /** false where the text sits inside a button (a search result): no links or spoilers to operate */
  interactive?: boolean;
}) {
  const ctx = useMentions();
  const renderText = (text: string, key: string): ReactNode => (
    <span key={key}>
      {parseContent(text).map((part, i) => {
        if (part.kind === 'text') return part.text;
        const p = pill(part, ctx, resolved);
        if (!p) return part.raw;
        return (
          <span key={i} className={`mention${p.me ? ' me' : ''}`} data-testid="mention">
            {p.label}
          </span>
        );
      })}
    </span>
  );
  return <Markdown content={content} renderText={renderText} interactive={interactive} />;
}
