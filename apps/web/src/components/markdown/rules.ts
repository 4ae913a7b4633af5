/** The markdown-it rules Discord has and CommonMark has not: spoilers and Discord's block quotes. */
import type { StateBlock, StateInline, Token } from 'markdown-it';

const PIPE = 0x7c;

/**
 * markdown-it's text rule, with `|` also ending a run of text, so the spoiler rule gets to see a
 * `||` in the middle of a line. The other stop characters are markdown-it's own.
 */
const STOPS = new Set('\n!#$%&*+-:<=>@[\\]^_`{}~|'.split('').map((c) => c.charCodeAt(0)));

export function textWithPipes(state: StateInline, silent: boolean): boolean {
  let pos = state.pos;
  while (pos < state.posMax && !STOPS.has(state.src.charCodeAt(pos))) pos++;
  if (pos === state.pos) return false;
  if (!silent) state.pending += state.src.slice(state.pos, pos);
  state.pos = pos;
  return true;
}

/**
 * `||hidden||`: up to the next `||`, with the markdown inside parsed as usual. A `||` without a
 * partner (or with nothing between) stays text; spoilers never nest (the next `||` closes).
 */
export function spoiler(state: StateInline, silent: boolean): boolean {
  const start = state.pos;
  const src = state.src;
  if (src.charCodeAt(start) !== PIPE || src.charCodeAt(start + 1) !== PIPE) return false;
  const end = src.indexOf('||', start + 2);
  if (end < 0 || end >= state.posMax || end === start + 2) {
    // the pair stays text (without this, the second `|` would start another try)
    if (!silent) state.pending += '||';
    state.pos = start + 2;
    return true;
  }
  if (silent) {
    state.pos = end + 2;
    return true;
  }
  state.push('spoiler_open', 'span', 1).markup = '||';
  // parsed on its own: a link or emphasis inside cannot reach past the closing `||`
  const inner: Token[] = [];
  state.md.inline.parse(src.slice(start + 2, end), state.md, state.env, inner);
  state.tokens.push(...inner);
  state.push('spoiler_close', 'span', -1).markup = '||';
  state.pos = end + 2;
  return true;
}

interface QuoteEnv {
  inQuote?: boolean;
}

/**
 * Discord's quotes: a run of lines that start with `> ` (or are just `>`), or `>>> ` and all the
 * message after it. The lines are parsed again as blocks inside the quote, where no quote opens.
 */
export function discordQuote(
  state: StateBlock,
  startLine: number,
  endLine: number,
  silent: boolean,
): boolean {
  const env = state.env as QuoteEnv;
  if (env.inQuote) return false;
  if (state.sCount[startLine]! - state.blkIndent >= 4) return false;
  const lineText = (line: number) =>
    state.src.slice(state.bMarks[line]! + state.tShift[line]!, state.eMarks[line]);
  const first = lineText(startLine);
  const lines: string[] = [];
  let next = startLine;
  if (first.startsWith('>>> ') || first === '>>>') {
    lines.push(first.slice(4));
    for (next = startLine + 1; next < endLine; next++)
      lines.push(state.src.slice(state.bMarks[next], state.eMarks[next]));
  } else {
    while (next < endLine) {
      const text = lineText(next);
      if (state.sCount[next]! - state.blkIndent >= 4) break;
      if (text.startsWith('> ')) lines.push(text.slice(2));
      else if (text === '>') lines.push('');
      else break;
      next++;
    }
    if (lines.length === 0) return false;
  }
  if (silent) return true;
  const open = state.push('blockquote_open', 'blockquote', 1);
  open.markup = '>';
  open.map = [startLine, next];
  env.inQuote = true;
  try {
    state.md.block.parse(lines.join('\n'), state.md, state.env, state.tokens);
  } finally {
    env.inQuote = false;
  }
  state.push('blockquote_close', 'blockquote', -1).markup = '>';
  state.line = next;
  return true;
}
