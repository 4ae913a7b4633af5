/** A channel's pinned messages, newest pin first; "Jump" opens one in the channel. Live via CHANNEL_PINS_UPDATE. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { Channel, Message } from '@twopointo/shared';
import { useState } from 'react';
import { errorMessage } from '../../api/api-error.ts';
import { conversations } from '../../api/conversations.ts';
import { keys } from '../../api/query-keys.ts';
import { Avatar } from '../Avatar.tsx';
import { Icon } from '../Icon.tsx';
import { formatTime } from '../MessageItem.tsx';
import { MessageText } from '../MessageText.tsx';

function PinnedMessage({
  message: m,
  canUnpin,
  onJump,
}: {
  message: Message;
  canUnpin: boolean;
  onJump: (messageId: string) => void;
}) {
  const qc = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const unpin = () =>
    conversations
      .unpin(m.channel_id, m.id)
      .then(() => qc.invalidateQueries({ queryKey: keys.pins(m.channel_id) }))
      .catch((err: unknown) => setError(errorMessage(err)));
  return (
    <article className="pinned-message" data-testid="pinned-message" data-message-id={m.id}>
      <Avatar id={m.author.id} name={m.author.username} size={32} />
      <div className="pinned-main">
        <div className="message-head">
          <span className="author">{m.author.username}</span>
          <time dateTime={m.created_at}>
            {new Date(m.created_at).toLocaleDateString()} {formatTime(m.created_at)}
          </time>
        </div>
        <div className="pinned-text">
          <MessageText content={m.content} resolved={m} />
          {m.attachments.length > 0 && (
            <span className="muted small"> · {m.attachments.length} attachment(s)</span>
          )}
        </div>
        {error && (
          <div className="inline-error small" role="alert">
            {error}
          </div>
        )}
      </div>
      <div className="pinned-actions">
        <button className="btn btn-secondary btn-small" onClick={() => onJump(m.id)} data-testid="pin-jump">
          Jump
        </button>
        {canUnpin && (
          <button
            className="icon-btn"
            aria-label="Unpin message"
            title="Unpin"
            onClick={() => void unpin()}
            data-testid="pin-remove"
          >
            <Icon name="close" size={14} />
          </button>
        )}
      </div>
    </article>
  );
}

export function PinsPanel({
  channel,
  canUnpin,
  onJump,
  onClose,
}: {
  channel: Channel;
  canUnpin: boolean;
  onJump: (messageId: string) => void;
  onClose: () => void;
}) {
  const pins = useQuery({
    queryKey: keys.pins(channel.id),
    queryFn: () => conversations.pins(channel.id),
    retry: false,
  });
  return (
    <aside
      className="search-panel pins-panel"
      aria-label={`Pinned messages in #${channel.name}`}
      data-testid="pins-panel"
    >
      <div className="search-head">
        <strong>Pinned messages</strong>
        <button
          className="icon-btn"
          onClick={onClose}
          aria-label="Close pinned messages"
          data-testid="pins-close"
        >
          <Icon name="close" />
        </button>
      </div>
      {pins.isPending && <p className="muted pad">Loading…</p>}
      {pins.isError && (
        <div className="inline-error pad" role="alert">
          Could not load the pinned messages: {errorMessage(pins.error)}
        </div>
      )}
      {pins.isSuccess && pins.data.length === 0 && (
        <p className="muted pad" data-testid="pins-empty">
          This channel has no pinned messages yet.
        </p>
      )}
      {pins.data?.map((m) => (
        <PinnedMessage key={m.id} message={m} canUnpin={canUnpin} onJump={onJump} />
      ))}
    </aside>
  );
}
