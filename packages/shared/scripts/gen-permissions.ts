/** Writes src/permissions.generated.ts from permissions.json (`make gen-permissions`). */
import { writeFileSync } from 'node:fs';
import { renderPermissions, generatedPath } from './render-permissions.ts';

writeFileSync(generatedPath, renderPermissions());
console.log(`wrote ${generatedPath}`);
