/**
 * A message's reactions as chips: the count, the user's own highlighted; a click adds or removes
 * the user's; hovering (or focusing) one shows who reacted, read once and kept. The last button
 * opens the picker for a new emoji, shown only to those allowed to add one (ADD_REACTIONS).
 */
import { useQuery } from '@tanstack/react-query';
import type { Message, Reaction } from '@twopointo/shared';
import { useId, useState } from 'react';
import { conversations } from '../../api/conversations.ts';
import { keys } from '../../api/query-keys.ts';
import { reactorsText } from '../../chat/reactions.ts';
import { EmojiButton } from '../emoji/EmojiButton.tsx';

function ReactionChip({
  message,
  reaction: r,
  onToggle,
}: {
  message: Message;
  reaction: Reaction;
  onToggle: (emoji: string, add: boolean) => void;
}) {
  const [hovered, setHovered] = useState(false);
  const tip = useId();
  const who = useQuery({
    queryKey: keys.reactors(message.id, r.emoji),
    queryFn: () => conversations.reactors(message.channel_id, message.id, r.emoji),
    enabled: hovered,
    staleTime: Infinity,
    retry: false,
  });
  const text = who.data
    ? reactorsText(
        who.data.map((u) => u.username),
        r.count,
        r.emoji,
      )
    : who.isError
      ? `${r.count} reacted with ${r.emoji}`
      : 'Loading…';
  return (
    <span
      className="reaction-wrap"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
    >
      <button
        className={`reaction-chip${r.me ? ' me' : ''}`}
        aria-pressed={r.me}
        aria-label={`${r.emoji} ${r.count} ${r.count === 1 ? 'reaction' : 'reactions'}, ${r.me ? 'remove yours' : 'add yours'}`}
        aria-describedby={hovered ? tip : undefined}
        onClick={() => onToggle(r.emoji, !r.me)}
        onFocus={() => setHovered(true)}
        onBlur={() => setHovered(false)}
        data-testid="reaction-chip"
        data-emoji={r.emoji}
        data-me={r.me || undefined}
      >
        <span className="reaction-emoji">{r.emoji}</span>
        <span className="reaction-count" data-testid="reaction-count">
          {r.count}
        </span>
      </button>
      {hovered && (
        <span className="reaction-tip" role="tooltip" id={tip} data-testid="reaction-tooltip">
          {text}
        </span>
      )}
    </span>
  );
}

export function ReactionBar({
  message,
  canAddNew,
  onToggle,
}: {
  message: Message;
  canAddNew: boolean;
  onToggle: (emoji: string, add: boolean) => void;
}) {
  if (message.reactions.length === 0) return null;
  return (
    <div className="reactions" data-testid="reactions">
      {message.reactions.map((r) => (
        <ReactionChip key={r.emoji} message={message} reaction={r} onToggle={onToggle} />
      ))}
      {canAddNew && (
        <EmojiButton
          className="reaction-chip reaction-add"
          testid="reaction-add"
          onPick={(emoji) => {
            const existing = message.reactions.find((r) => r.emoji === emoji);
            if (!existing?.me) onToggle(emoji, true);
          }}
        />
      )}
    </div>
  );
}
