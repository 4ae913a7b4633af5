/** Message text as React text nodes and http(s) anchors only: markup in a message stays text. */
import { linkify } from '../chat/linkify.ts';

export function MessageText({ content }: { content: string }) {
  return (
    <>
      {linkify(content).map((part, i) =>
        part.kind === 'link' ? (
          <a key={i} href={part.href} target="_blank" rel="noopener noreferrer nofollow">
            {part.text}
          </a>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
    </>
  );
}
