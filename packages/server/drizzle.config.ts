// drizzle-kit reads the TypeScript schema and writes SQL migrations into ./drizzle, which are
// committed and applied at startup by drizzle-orm's migrator (src/db/migrate.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './src/db/schema.ts',
  out: './drizzle',
});
