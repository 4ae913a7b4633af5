/** `||hidden||`: covered until clicked (or Enter/Space); a link inside only opens once revealed. */
import { useState, type ReactNode } from 'react';

export function Spoiler({ children }: { children: ReactNode }) {
  const [shown, setShown] = useState(false);
  if (shown)
    return (
      <span className="spoiler revealed" data-testid="spoiler" data-revealed="true">
        {children}
      </span>
    );
  return (
    <span
      className="spoiler"
      role="button"
      tabIndex={0}
      aria-label="Spoiler, reveal"
      aria-expanded={false}
      data-testid="spoiler"
      onClickCapture={(e) => {
        e.preventDefault();
        e.stopPropagation();
        setShown(true);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          setShown(true);
        }
      }}
    >
      <span className="spoiler-content" aria-hidden="true">
        {children}
      </span>
    </span>
  );
}
