/** Copies text to the clipboard and remembers that it did, for a "Copied" label. */
import { useState } from 'react';

export function useCopy(): { copied: boolean; copy: (text: string) => void } {
  const [copied, setCopied] = useState(false);
  // no clipboard (plain http) or a refusal: the text is still on screen to select by hand
  const copy = (text: string) =>
    void navigator.clipboard?.writeText(text).then(
      () => setCopied(true),
      () => undefined,
    );
  return { copied, copy };
}
