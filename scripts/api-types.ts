// `npm run api:types`: writes packages/web/src/api/generated.ts from the server's OpenAPI document.
import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generatedTypes, GENERATED_TYPES_PATH } from '../packages/server/src/api/openapi.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, GENERATED_TYPES_PATH), await generatedTypes());
console.log(`wrote ${GENERATED_TYPES_PATH}`);
