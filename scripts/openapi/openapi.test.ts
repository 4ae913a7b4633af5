import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OPENAPI_DIR, renderOpenApi } from './render.ts';

describe('generated OpenAPI documents', () => {
  it('are committed and current (run `npm run gen:openapi` after changing a route schema)', async () => {
    const docs = await renderOpenApi();
    for (const [name, json] of Object.entries(docs)) {
      expect(readFileSync(`${OPENAPI_DIR}${name}.json`, 'utf8'), `docs/openapi/${name}.json is stale`).toBe(
        json,
      );
    }
  });
});
