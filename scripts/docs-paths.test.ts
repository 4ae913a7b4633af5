import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The docs name files (docs/ARCHITECTURE.md's "Where things are" map above all): a file that
// moves or goes must take its mention along, or this fails.
const ROOT = join(import.meta.dirname, '..');
const DOCS = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .map((f) => `docs/${f}`),
];
const PATH = /`((?:services|packages|apps|scripts|test|bench)\/[\w./-]+\.(?:ts|tsx|json|sql|md))`/g;

describe('file paths named in the docs', () => {
  it.each(DOCS)('%s names only files that exist', (doc) => {
    const text = readFileSync(join(ROOT, doc), 'utf8');
    const missing = [...text.matchAll(PATH)].map((m) => m[1]!).filter((p) => !existsSync(join(ROOT, p)));
    expect(missing).toEqual([]);
  });
});
