/** "Copy message link" in a message's actions: its full address, and "Copied" once it is. */
import { useEffect, useState } from 'react';
import { useCopy } from '../components/use-copy.ts';
import { messageLink } from './places.ts';

export function CopyMessageLink({
  message,
}: {
  message: { id: string; channel_id: string; server_id: string | null };
}) {
  const { copied, copy } = useCopy();
  const [shown, setShown] = useState(false);
  useEffect(() => {
    if (!copied) return;
    setShown(true);
    const t = setTimeout(() => setShown(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  const label = shown ? 'Copied' : 'Copy message link';
  return (
    <button
      className={`icon-btn${shown ? ' on' : ''}`}
      title={label}
      aria-label={label}
      onClick={() =>
        copy(messageLink(window.location.origin, message.server_id, message.channel_id, message.id))
      }
      data-testid="message-copy-link"
      data-copied={shown || undefined}
    >
      {shown ? (
        <span className="small">Copied</span>
      ) : (
        <svg
          width={18}
          height={18}
          viewBox="0 0 24 24"
          fill="currentColor"
          aria-hidden="true"
          focusable="false"
        >
          <path d="M3.9 12a3.1 3.1 0 0 1 3.1-3.1h4V7H7a5 5 0 0 0 0 10h4v-1.9H7A3.1 3.1 0 0 1 3.9 12zM8 13h8v-2H8v2zm9-6h-4v1.9h4a3.1 3.1 0 0 1 0 6.2h-4V17h4a5 5 0 0 0 0-10z" />
        </svg>
      )}
    </button>
  );
}
