/** The system line a pin writes: "Alice pinned a message. See all pinned messages." */
import type { Message } from '@twopointo/shared';
import { ConvIcon } from '../conv-icons.tsx';
import { formatTime } from '../MessageItem.tsx';

export function PinLine({
  message: m,
  onJump,
  onOpenPins,
}: {
  message: Message;
  onJump: (messageId: string) => void;
  onOpenPins: () => void;
}) {
  return (
    <div
      id={`msg-${m.id}`}
      className="message system-line"
      data-testid="pin-line"
      data-message-id={m.id}
      data-author={m.author.username}
    >
      <span className="system-icon" aria-hidden="true">
        <ConvIcon name="pin" size={16} />
      </span>
      <span className="system-text">
        <strong className="author">{m.author.username}</strong> pinned{' '}
        {m.reference_id ? (
          <button className="link" onClick={() => onJump(m.reference_id!)} data-testid="pin-line-message">
            a message
          </button>
        ) : (
          'a message'
        )}{' '}
        to this channel. See all{' '}
        <button className="link" onClick={onOpenPins} data-testid="pin-line-open">
          pinned messages
        </button>
        .
      </span>
      <time className="system-time" dateTime={m.created_at} title={new Date(m.created_at).toLocaleString()}>
        {formatTime(m.created_at)}
      </time>
    </div>
  );
}
