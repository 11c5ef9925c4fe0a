// The web's API types are generated from this server's OpenAPI document (one source for both):
// the committed file must be what `npm run api:types` writes now.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generatedTypes, GENERATED_TYPES_PATH } from '../src/api/openapi.ts';

describe('API types of the web', () => {
  it('packages/web/src/api/generated.ts is up to date with the server\'s routes (run `npm run api:types`)', async () => {
    const committed = readFileSync(join(import.meta.dirname, '../../..', GENERATED_TYPES_PATH), 'utf8');
    expect(committed === await generatedTypes(), 'generated.ts is stale: run `npm run api:types`').toBe(true);
  });
});
