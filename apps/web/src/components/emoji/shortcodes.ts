/** The `:shortcode` being typed in the composer, and putting the chosen emoji in its place. */

/** `:xy…` (two characters at least) just before the caret, after the start or a space. */
export function shortcodeQuery(text: string, caret: number): { start: number; query: string } | null {
  const m = /(?:^|[\s([{])(:([a-z0-9_+-]{2,32}))$/i.exec(text.slice(0, caret));
  if (!m) return null;
  return { start: caret - m[1]!.length, query: m[2]!.toLowerCase() };
}

/** Replaces `start..caret` with the emoji and a space; says where the caret goes. */
export function insertEmoji(
  text: string,
  start: number,
  caret: number,
  emoji: string,
): { text: string; caret: number } {
  const insert = `${emoji} `;
  const after = text.slice(caret).replace(/^ /, '');
  return { text: text.slice(0, start) + insert + after, caret: start + insert.length };
}

/**
 * A whole `:shortcode:` just typed (the caret after its closing colon) and known: the text with
 * the emoji in its place, as Discord turns it, else null.
 */
export function completeShortcode(
  text: string,
  caret: number,
  lookup: (code: string) => string | undefined,
): { text: string; caret: number } | null {
  const m = /(?:^|[\s([{])(:([a-z0-9_+-]{2,32}):)$/i.exec(text.slice(0, caret));
  if (!m) return null;
  const emoji = lookup(m[2]!.toLowerCase());
  if (!emoji) return null;
  const start = caret - m[1]!.length;
  return { text: text.slice(0, start) + emoji + text.slice(caret), caret: start + emoji.length };
}
