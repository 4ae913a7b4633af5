/**
 * Message markdown, Discord's subset, on markdown-it with raw HTML off: bold, italic, `__underline__`
 * (strong written with underscores), `~~strike~~`, `||spoiler||`, inline code, fenced code, block
 * quotes (`> ` per line, `>>> ` for the rest of the message, never nested), lists, headings 1–3,
 * masked links `[text](url)` and bare http(s) or `www.` links. No tables, images, rules, indented
 * code, entities or reference links. Only http(s) link targets survive (validateLink).
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import { discordQuote, spoiler, textWithPipes } from './rules.ts';

export type { Token };

const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
md.disable(['table', 'code', 'hr', 'lheading', 'reference', 'html_block', 'blockquote']);
md.disable(['image', 'html_inline', 'entity']);
md.linkify.set({ fuzzyLink: true, fuzzyEmail: false, fuzzyIP: false });
for (const schema of ['//', 'ftp:', 'mailto:']) md.linkify.add(schema, null);
md.block.ruler.before('fence', 'discord_quote', discordQuote, { alt: ['paragraph', 'list'] });
md.inline.ruler.at('text', textWithPipes);
md.inline.ruler.after('text', 'spoiler', spoiler);

const SAFE_URL = /^https?:\/\//i;
md.validateLink = (url) => SAFE_URL.test(url.trim());

/** Bare links Discord shows as links: with a scheme or starting with www. ("example.com" stays text). */
export const isLinkableText = (text: string): boolean => /^(?:https?:\/\/|www\.)/i.test(text);

/** The href to open, or null when it is not an http(s) URL (checked again after markdown-it). */
export function safeHref(href: string | null | undefined): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null;
  } catch {
    return null;
  }
}

/** The block tokens of a message (inline tokens carry their children). */
export function parseMarkdown(content: string): Token[] {
  return md.parse(content, {});
}
