/**
 * `npm run build` builds the pool embeddings ahead when the model can be had, and skips with one
 * line when it cannot (SPEC §4): the reachability check and the command as the build runs it.
 */
import { spawnSync } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelUnreachableReason } from '../../scripts/build-embeddings';
import { MODELS_DIR, TINY_ENCODER } from '../../scripts/make-fixtures';

describe('is the embedding model reachable for a build', () => {
  let server: Server;
  let base = '';
  beforeAll(async () => {
    // A hub that has one model: 200 for its config, 404 for anything else.
    server = createServer((req, res) => {
      res.statusCode = req.url === '/org/model/resolve/main/config.json' ? 200 : 404;
      res.end();
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it('a local folder that holds the model', async () => {
    expect(await modelUnreachableReason(TINY_ENCODER, MODELS_DIR)).toBeNull();
    expect(await modelUnreachableReason('org/absent', MODELS_DIR)).toMatch(/no org\/absent\/config\.json/);
  });

  it('a hub that answers, one that has no such model, and one that is not there', async () => {
    expect(await modelUnreachableReason('org/model', base)).toBeNull();
    expect(await modelUnreachableReason('org/other', base)).toMatch(/answered 404/);
    const closed = 'http://127.0.0.1:9/';
    expect(await modelUnreachableReason('org/model', closed)).toMatch(/127\.0\.0\.1:9 not reachable/);
  });

  it('a hub that never answers is given up on after the timeout', async () => {
    const silent = createServer(() => undefined); // accepts, never responds
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const host = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/`;
    const t0 = performance.now();
    expect(await modelUnreachableReason('org/model', host, 300)).toMatch(/no answer in 0\.3 s/);
    expect(performance.now() - t0).toBeLessThan(5000);
    silent.closeAllConnections();
    await new Promise<void>((r) => silent.close(() => r()));
  });

  it('the build step skips an unreachable model with one line and succeeds', () => {
    const run = spawnSync('npx', ['tsx', 'scripts/build-embeddings.ts', '--if-reachable', '--model', 'org/absent', '--model-host', MODELS_DIR], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toEqual([
      `embeddings: skipped — org/absent is not reachable (no org/absent/config.json in ${MODELS_DIR}); the browser will index the pool itself`,
    ]);
  });
});
