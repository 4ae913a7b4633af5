import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generatedPath, renderPermissions } from '../../../../packages/shared/scripts/render-permissions.ts';

describe('permission constants', () => {
  it('packages/shared/src/permissions.generated.ts is what `make gen-permissions` renders from permissions.json', () => {
    expect(readFileSync(generatedPath, 'utf8')).toBe(renderPermissions());
  });
});
