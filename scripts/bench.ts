/**
 * Benchmark of the core's stage 1 + stage 2 (rule scoring, no similarity) at several pool sizes
 * (SPEC §10). Reports median and p95 over repeated warm runs, as a table and as JSON.
 *
 *   npm run bench -- [--sizes 10000,100000] [--runs 200] [--json FILE]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { generatePool } from '../src/core/pool/generate';
import { packProfiles, packQuery } from '../src/core/pool/packed';
import type { Profile } from '../src/core/profile/types';
import { hardFilter } from '../src/core/stages/hardFilter';
import { shortlist } from '../src/core/stages/shortlist';

const { values } = parseArgs({
  options: {
    sizes: { type: 'string', default: '10000,100000' },
    runs: { type: 'string', default: '200' },
    json: { type: 'string' },
  },
});
const sizes = values.sizes.split(',').map(Number);
const runs = Number(values.runs);

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];

/** Bytes of the packed pool: typed arrays, string columns and the scratch buffers. */
function packedBytes(pool: ReturnType<typeof packProfiles>): number {
  let bytes = 0;
  for (const v of Object.values(pool)) if (ArrayBuffer.isView(v)) bytes += v.byteLength;
  for (const v of Object.values(pool.scratch)) bytes += v.byteLength;
  for (const col of [pool.id, pool.name]) bytes += col.bytes.byteLength + col.offsets.byteLength;
  for (const col of [pool.city, pool.country, pool.hiddenCity]) bytes += col.codes.byteLength;
  return bytes;
}

interface Row { size: number; runs: number; median_ms: number; p95_ms: number; survivors_median: number; pack_ms: number; bytes_per_candidate: number }
const rows: Row[] = [];

for (const size of sizes) {
  const profiles: Profile[] = [...generatePool(size, 77)];
  const t0 = performance.now();
  const pool = packProfiles(profiles);
  const packMs = performance.now() - t0;
  // Queries: 20 pool members under a query id, so they do not exclude themselves.
  const queries = profiles.slice(0, 20).map((p) => ({ ...p, id: 'u_query' }));
  const facts = queries.map((q) => packQuery(pool, q));
  const times: number[] = [];
  const survivors: number[] = [];
  for (let r = -Math.min(50, runs); r < runs; r++) {
    const qi = (r + 1000) % queries.length;
    const start = performance.now();
    const h = hardFilter(pool, facts[qi], 'u_query', queries[qi].companion.blocklist);
    shortlist(pool, facts[qi], h.survivors, h.count);
    const ms = performance.now() - start;
    if (r >= 0) { times.push(ms); survivors.push(h.count); }
  }
  times.sort((a, b) => a - b);
  survivors.sort((a, b) => a - b);
  rows.push({
    size, runs,
    median_ms: +quantile(times, 0.5).toFixed(3),
    p95_ms: +quantile(times, 0.95).toFixed(3),
    survivors_median: quantile(survivors, 0.5),
    pack_ms: +packMs.toFixed(1),
    bytes_per_candidate: Math.round(packedBytes(pool) / size),
  });
}

console.log('stage 1 + stage 2 rule scoring (no similarity), warm, Node', process.version);
console.log('| candidates | median ms | p95 ms | budget (SPEC §10) | survivors (median) | pack ms | packed bytes/candidate |');
console.log('|---:|---:|---:|---:|---:|---:|---:|');
const budget = (n: number) => (n <= 10_000 ? 1 : n <= 100_000 ? 10 : 100);
for (const r of rows) console.log(`| ${r.size} | ${r.median_ms} | ${r.p95_ms} | ≤ ${budget(r.size)} ms | ${r.survivors_median} | ${r.pack_ms} | ${r.bytes_per_candidate} |`);
if (values.json) writeFileSync(values.json, `${JSON.stringify({ node: process.version, rows }, null, 2)}\n`);
