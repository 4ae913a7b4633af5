/** `npm run gen:openapi`: writes docs/openapi/{identity,official}.json. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { OPENAPI_DIR, renderOpenApi } from './render.ts';

const docs = await renderOpenApi();
mkdirSync(OPENAPI_DIR, { recursive: true });
for (const [name, json] of Object.entries(docs)) {
  writeFileSync(`${OPENAPI_DIR}${name}.json`, json);
  console.log(`wrote docs/openapi/${name}.json`);
}
