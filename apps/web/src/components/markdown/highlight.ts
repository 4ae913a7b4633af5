/**
 * Code block highlighting, loaded when a block with a known language is first shown: the
 * highlight.js core and each language are their own chunks. The result is a tree of text and
 * class names (read from highlight.js's output by DOMParser, keeping only <span class>), so the
 * renderer builds React elements and never sets HTML.
 */
import type { HLJSApi, LanguageFn } from 'highlight.js';

type Loader = () => Promise<{ default: LanguageFn }>;

const LANGUAGES: Record<string, Loader> = {
  bash: () => import('highlight.js/lib/languages/bash'),
  c: () => import('highlight.js/lib/languages/c'),
  cpp: () => import('highlight.js/lib/languages/cpp'),
  csharp: () => import('highlight.js/lib/languages/csharp'),
  css: () => import('highlight.js/lib/languages/css'),
  diff: () => import('highlight.js/lib/languages/diff'),
  go: () => import('highlight.js/lib/languages/go'),
  java: () => import('highlight.js/lib/languages/java'),
  javascript: () => import('highlight.js/lib/languages/javascript'),
  json: () => import('highlight.js/lib/languages/json'),
  kotlin: () => import('highlight.js/lib/languages/kotlin'),
  lua: () => import('highlight.js/lib/languages/lua'),
  markdown: () => import('highlight.js/lib/languages/markdown'),
  php: () => import('highlight.js/lib/languages/php'),
  python: () => import('highlight.js/lib/languages/python'),
  ruby: () => import('highlight.js/lib/languages/ruby'),
  rust: () => import('highlight.js/lib/languages/rust'),
  sql: () => import('highlight.js/lib/languages/sql'),
  typescript: () => import('highlight.js/lib/languages/typescript'),
  xml: () => import('highlight.js/lib/languages/xml'),
  yaml: () => import('highlight.js/lib/languages/yaml'),
};

const ALIASES: Record<string, string> = {
  sh: 'bash',
  shell: 'bash',
  zsh: 'bash',
  'c++': 'cpp',
  cs: 'csharp',
  golang: 'go',
  js: 'javascript',
  jsx: 'javascript',
  kt: 'kotlin',
  md: 'markdown',
  py: 'python',
  rb: 'ruby',
  rs: 'rust',
  ts: 'typescript',
  tsx: 'typescript',
  html: 'xml',
  svg: 'xml',
  yml: 'yaml',
};

/** The highlight.js name of a fence's language, or null when it is not one we load. */
export function languageOf(info: string): string | null {
  const word = info.trim().split(/\s+/)[0]?.toLowerCase() ?? '';
  const name = ALIASES[word] ?? word;
  return Object.hasOwn(LANGUAGES, name) ? name : null;
}

export type HighlightNode = string | { className: string; children: HighlightNode[] };

let core: Promise<HLJSApi> | null = null;
const loaded = new Map<string, Promise<void>>();

async function withLanguage(name: string): Promise<HLJSApi> {
  core ??= import('highlight.js/lib/core').then((m) => m.default);
  const hljs = await core;
  let ready = loaded.get(name);
  if (!ready) {
    ready = LANGUAGES[name]!().then((lang) => hljs.registerLanguage(name, lang.default));
    loaded.set(name, ready);
  }
  await ready;
  return hljs;
}

function toTree(node: Node): HighlightNode[] {
  const out: HighlightNode[] = [];
  for (const child of Array.from(node.childNodes)) {
    if (child.nodeType === Node.TEXT_NODE) out.push(child.textContent ?? '');
    else if (child instanceof Element && child.tagName === 'SPAN')
      out.push({ className: child.getAttribute('class') ?? '', children: toTree(child) });
    else out.push(child.textContent ?? '');
  }
  return out;
}

/** The code as highlighted text spans; null when the language is unknown. */
export async function highlight(code: string, info: string): Promise<HighlightNode[] | null> {
  const name = languageOf(info);
  if (!name) return null;
  const hljs = await withLanguage(name);
  const html = hljs.highlight(code, { language: name, ignoreIllegals: true }).value;
  const doc = new DOMParser().parseFromString(`<pre>${html}</pre>`, 'text/html');
  const pre = doc.querySelector('pre');
  return pre ? toTree(pre) : null;
}
