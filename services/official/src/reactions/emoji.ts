/**
 * What a reaction's `:emoji` may be: one Unicode emoji sequence of at most 32 UTF-8 bytes. Kept
 * simple but safe: only pictographs, regional indicators (flags), skin-tone modifiers, ZWJ,
 * variation selector 16 and tag characters (subdivision flags); ASCII only as the base of a keycap
 * (`1️⃣`, `#️⃣`). No custom emoji yet.
 */
const KEYCAP = '[0-9#*]\\uFE0F?\\u20E3';
const BASE = `${KEYCAP}|\\p{Extended_Pictographic}|\\p{Regional_Indicator}`;
const PART = `${BASE}|\\p{Emoji_Modifier}|[\\u200D\\uFE0F\\u{E0020}-\\u{E007F}]`;
const SEQUENCE = new RegExp(`^(?:${PART})+$`, 'u');
const HAS_BASE = new RegExp(BASE, 'u');

export const MAX_EMOJI_BYTES = 32;

export function isEmoji(s: string): boolean {
  const bytes = Buffer.byteLength(s, 'utf8');
  return bytes >= 1 && bytes <= MAX_EMOJI_BYTES && SEQUENCE.test(s) && HAS_BASE.test(s);
}
