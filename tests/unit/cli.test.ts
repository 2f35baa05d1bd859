import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writePool } from '../../scripts/generate-pool';
import { main } from '../../scripts/match';
import { BASE } from './profiles';

const FIX = 'tests/fixtures/rovermitra';
const ORIGINAL = ['--query', `${FIX}/query.json`, '--query-format', 'rovermitra', '--users', `${FIX}/users.json`, '--matchmaker', `${FIX}/matchmaker.json`, '--engine', 'heuristic'];

async function run(args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

function tmpFile(content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'rm-cli-'));
  const file = join(dir, 'q.json');
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

describe('CLI (SPEC §9)', () => {
  const poolDir = mkdtempSync(join(tmpdir(), 'rm-pool-'));
  writePool({ count: 500, seed: 3, outDir: poolDir });

  it('runs the original-format import with ids as JSON', async () => {
    const r = await run([...ORIGINAL, '--with-ids', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(Object.keys(json)).toEqual(['results', 'funnel', 'removed_by_rule', 'timings_ms', 'notices', 'hard_ids', 'shortlist_ids']);
    expect(json.results.length).toBeGreaterThan(0);
    for (const m of json.results) {
      expect(Object.keys(m)).toEqual(['id', 'name', 'score', 'explanation', 'chips', 'engine']);
      expect(m.id).toMatch(/^u_[0-9a-f]{12}$/);
    }
    expect(json.hard_ids).toEqual([...json.hard_ids].sort());
    expect(json.shortlist_ids.slice(0, json.results.length).sort()).toEqual(json.results.map((m: { id: string }) => m.id).sort());
    expect(json.funnel.pool).toBeGreaterThan(0);
    expect(json.notices.map((n: { code: string }) => n.code)).toContain('similarity_off');
    expect(r.out).not.toContain('@');
  });

  it('reads a canonical query against a pool folder, with --top and --repeat', async () => {
    const r = await run(['--query', tmpFile({ ...BASE, id: 'u_query' }), '--pool', poolDir, '--top', '3', '--repeat', '5', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.funnel.pool).toBe(500);
    expect(json.results.length).toBeLessThanOrEqual(3);
    expect(json).not.toHaveProperty('hard_ids');
    expect(json.timings_ms.total).toBeGreaterThan(0);
  });

  it('prints a readable table without --json', async () => {
    const r = await run(['--query', tmpFile({ ...BASE, id: 'u_query' }), '--pool', poolDir]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/funnel: pool 500 → hard \d+/);
  });

  it('exits 2 with every validation problem as JSON on stderr', async () => {
    const r = await run(['--query', tmpFile({ ...BASE, age: -56, languages: ['xx'], interests: [] }), '--pool', poolDir, '--json']);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    const err = JSON.parse(r.err);
    expect(err.error.code).toBe('invalid_profile');
    expect(err.error.problems.map((p: { path: string }) => p.path)).toEqual(['age', 'languages.0', 'interests']);
    expect(err.error.problems[0].message).toBe('age: must be 18–99, got -56');
  });

  it('exits 2 for bad flags, unreadable or non-JSON query files', async () => {
    expect((await run(['--bogus'])).code).toBe(2);
    expect((await run(['--query', '/nonexistent.json'])).code).toBe(2);
    expect((await run(['--query', tmpFile('{not json'), '--pool', poolDir])).code).toBe(2);
    expect((await run(['--query', tmpFile(BASE), '--top', '0', '--pool', poolDir])).code).toBe(2);
    expect((await run(['--query', tmpFile(BASE), '--engine', 'gpt', '--pool', poolDir])).code).toBe(2);
    expect((await run(['--query', tmpFile(BASE), '--users', `${FIX}/users.json`])).code).toBe(2);
  });

  it('exits 1 for a missing or corrupt pool', async () => {
    expect((await run(['--query', tmpFile(BASE), '--pool', '/nonexistent-pool'])).code).toBe(1);
    const bad = mkdtempSync(join(tmpdir(), 'rm-bad-'));
    writePool({ count: 50, seed: 1, outDir: bad });
    const file = join(bad, 'pool.bin');
    const bytes = readFileSync(file);
    bytes[100] = bytes[100] === 0x61 ? 0x62 : 0x61;
    writeFileSync(file, bytes);
    const r = await run(['--query', tmpFile(BASE), '--pool', bad]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.err).error.code).toBe('pool_mismatch');
  });

  it('ranks with the transformers.js engine and a local model (the fixture decoder)', async () => {
    const r = await run(['--query', tmpFile({ ...BASE, id: 'u_query' }), '--pool', poolDir, '--engine', 'transformers', '--llm-model', 'fixtures/tiny-decoder', '--model-host', '.fixtures/serve/models', '--json']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.out);
    expect(json.results.length).toBeGreaterThan(0);
    // The fixture's noise still orders the labels (renormalised over them, SPEC §5); its
    // explanations fail the validator, so every sentence is the template.
    expect(json.results.every((m: { engine: string }) => m.engine === 'transformers')).toBe(true);
    expect(json.results.every((m: { explanation: string }) => m.explanation.startsWith('For you,'))).toBe(true);
    expect(json.notices.map((n: { code: string }) => n.code)).not.toContain('engine_failed');
    const missing = await run(['--query', tmpFile({ ...BASE, id: 'u_query' }), '--pool', poolDir, '--engine', 'transformers', '--llm-model', 'fixtures/no-such-model', '--model-host', '.fixtures/serve/models', '--json']);
    expect(missing.code).toBe(0);
    expect(JSON.parse(missing.out).notices.map((n: { code: string }) => n.code)).toContain('engine_failed');
  });

  it('runs as `npm run --silent match` with the exit codes and no stack trace', async () => {
    const ok = execFileSync('npm', ['run', '--silent', 'match', '--', ...ORIGINAL, '--with-ids', '--json'], { encoding: 'utf8' });
    expect(JSON.parse(ok).results.length).toBeGreaterThan(0);
    const bad = spawnSync('npm', ['run', '--silent', 'match', '--', '--query', tmpFile({ age: 'old' }), '--pool', poolDir, '--json'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    const lastLine = bad.stderr.trim().split('\n').pop() ?? '';
    expect(JSON.parse(lastLine).error.problems.length).toBeGreaterThan(1);
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });
});
