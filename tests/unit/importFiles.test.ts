/**
 * A person's own RoverMitra files as a pool (src/core/import/importFiles.ts): what the page's
 * worker runs on the bytes of `users.json` and `matchmaker.json`.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importOriginalFiles } from '../../src/core/import/importFiles';
import type { Progress } from '../../src/core/progress';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/rovermitra/${name}`, import.meta.url)));
const bytes = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));

describe('importing the original files', () => {
  it('gives a packed pool with its embedding texts and the importer’s notices, without an e-mail anywhere', async () => {
    const progress: Progress[] = [];
    const r = await importOriginalFiles(fixture('users.json'), fixture('matchmaker.json'), (p) => progress.push(p));
    if (!r.ok) throw new Error(r.error.message);
    const { pool, texts, sha256, skipped, notices } = r.value;
    expect(pool.n).toBeGreaterThan(3);
    expect(texts).toHaveLength(pool.n);
    expect(sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(skipped).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify({ texts, notices })).not.toContain('@');
    expect(texts.every((t) => t.startsWith('Pace: '))).toBe(true);
    expect(progress.at(-1)).toEqual({ file: 'import', loaded: pool.n, total: pool.n });
  });

  it('refuses a file that is not JSON, not a list of records, or holds no importable record', async () => {
    const users = fixture('users.json');
    const cases: [Uint8Array, Uint8Array, RegExp][] = [
      [bytes('{"truncated": '), fixture('matchmaker.json'), /users\.json: not valid JSON at line 1/],
      [bytes({ users: [] }), fixture('matchmaker.json'), /users\.json: must be a list of user records, got an object/],
      [users, bytes('[1, 2, 3]'), /matchmaker\.json: must be a list of matchmaker profiles \(objects\)/],
      [bytes([{ name: 'No Email' }]), bytes([]), /none of its 1 user records could be imported; the current pool stays/],
      [bytes([]), bytes([]), /users\.json holds no records/],
    ];
    for (const [u, m, message] of cases) {
      const r = await importOriginalFiles(u, m);
      expect(r).toMatchObject({ ok: false, error: { code: 'import_failed', message: expect.stringMatching(message) } });
    }
  });
});
