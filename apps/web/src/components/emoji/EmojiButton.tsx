/** A button that opens the emoji picker in a popover; `onPick` gets the chosen emoji, focus comes back. */
import { useRef, useState } from 'react';
import { ConvIcon } from '../conv-icons.tsx';
import { EmojiPicker } from './EmojiPicker.tsx';
import { Popover } from './Popover.tsx';

/** The button that opens the picker; `onPick` gets the chosen emoji. */
export function EmojiButton({
  onPick,
  className = 'icon-btn',
  testid = 'add-reaction',
  label = 'Add reaction',
}: {
  onPick: (emoji: string) => void;
  className?: string;
  testid?: string;
  label?: string;
}) {
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  return (
    <>
      <button
        ref={button}
        className={className}
        title={label}
        aria-label={label}
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
        data-testid={testid}
      >
        <ConvIcon name="smile" />
      </button>
      {open && (
        <Popover anchor={button.current} onClose={() => setOpen(false)}>
          <EmojiPicker
            onPick={(emoji) => {
              setOpen(false);
              // back to the button first: `onPick` may move the focus on (the composer does)
              button.current?.focus();
              onPick(emoji);
            }}
          />
        </Popover>
      )}
    </>
  );
}
