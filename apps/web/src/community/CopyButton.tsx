/** A copy button that says "Copied" for a moment once the text is on the clipboard. */
import { useEffect, useState } from 'react';

export function CopyButton({
  text,
  label = 'Copy',
  testid,
}: {
  text: string;
  label?: string;
  testid?: string;
}) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 2000);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <button
      type="button"
      className={`btn btn-small${copied ? ' btn-ok' : ''}`}
      // no clipboard (plain http) or a refusal: the text stays on screen to select by hand
      onClick={() =>
        void navigator.clipboard?.writeText(text).then(
          () => setCopied(true),
          () => undefined,
        )
      }
      data-testid={testid}
    >
      <span aria-live="polite">{copied ? 'Copied' : label}</span>
    </button>
  );
}
