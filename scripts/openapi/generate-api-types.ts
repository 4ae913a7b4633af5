/** `npm run gen:api-types`: writes apps/web/src/api/schema/{identity,official}.d.ts from the committed documents. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { API_TYPES_DIR, renderApiTypes } from './api-types.ts';

const types = await renderApiTypes();
mkdirSync(API_TYPES_DIR, { recursive: true });
for (const [name, text] of Object.entries(types)) {
  writeFileSync(`${API_TYPES_DIR}${name}.d.ts`, text);
  console.log(`wrote apps/web/src/api/schema/${name}.d.ts`);
}
