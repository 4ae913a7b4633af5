import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_TYPES_DIR, renderApiTypes } from './api-types.ts';

describe("the web client's generated API types", () => {
  it('are committed and current (run `npm run gen:api-types` after `npm run gen:openapi`)', async () => {
    for (const [name, text] of Object.entries(await renderApiTypes())) {
      expect(
        readFileSync(`${API_TYPES_DIR}${name}.d.ts`, 'utf8'),
        `apps/web/src/api/schema/${name}.d.ts is stale`,
      ).toBe(text);
    }
  });
});
