import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePool } from '../../scripts/generate-pool';
import { FILE_LIMITS, MiB, readFileBounded } from '../../scripts/lib/readFile';
import { type MainOptions, formatTable, interruptOnSignals, main } from '../../scripts/match';
import type { SearchResult } from '../../src/core/result';
import { BASE } from './profiles';

const FIX = 'tests/fixtures/rovermitra';
const ORIGINAL = ['--query', `${FIX}/query.json`, '--query-format', 'rovermitra', '--users', `${FIX}/users.json`, '--matchmaker', `${FIX}/matchmaker.json`, '--engine', 'heuristic'];

async function run(args: string[], options?: MainOptions) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s) }, options);
  return { code, out: out.join('\n'), err: err.join('\n') };
}

const CLI = 'scripts/match.ts';

/**
 * The CLI in a process of its own, for inputs that could hang or exhaust the process running
 * it: SIGKILLed if it outlives `timeout`, so a test can tell "exited by itself" (signal null).
 */
function spawnCli(args: string[], { timeout = 20_000, node = [] as string[] } = {}) {
  const r = spawnSync(process.execPath, [...node, '--import', 'tsx', CLI, ...args], { encoding: 'utf8', timeout, killSignal: 'SIGKILL' });
  return { status: r.status, signal: r.signal, out: r.stdout, err: r.stderr };
}

/** Folders made by the tests below (FIFOs, sparse files, pools), removed when they end. */
const made: string[] = [];
afterAll(() => { for (const dir of made) rmSync(dir, { recursive: true, force: true }); });

function tmpDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rm-cli-'));
  made.push(dir);
  return dir;
}

function fifo(dir: string, name: string): string {
  const file = join(dir, name);
  execFileSync('mkfifo', [file]);
  return file;
}

/** Every problem of a JSON error line, as `path code`. */
function problemsOf(err: string): string[] {
  return (JSON.parse(err) as { error: { problems?: { path: string; code: string }[] } }).error.problems?.map((p) => `${p.path} ${p.code}`) ?? [];
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
    expect(err.error.problems[0].message).toBe('Age: enter a whole number from 18 to 99.');
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

// ---------------------------------------------------------------------------------------------
// Hostile and broken input (SPEC §9, §11): each test below pins one hole of the CLI.

describe('CLI with hostile input (SPEC §9, §11)', () => {
  const poolDir = join(tmpDir(), 'pool');
  writePool({ count: 500, seed: 3, outDir: poolDir });
  const query = tmpFile({ ...BASE, id: 'u_query' });
  const users = JSON.parse(readFileSync(`${FIX}/users.json`, 'utf8')) as Record<string, unknown>[];
  const ORIGINAL_FILES = (u: string, m = `${FIX}/matchmaker.json`) => ['--query', `${FIX}/query.json`, '--query-format', 'rovermitra', '--users', u, '--matchmaker', m, '--engine', 'heuristic'];

  // Finding 1: text from data reached the terminal raw (colours, screen clears, a window title,
  // forged lines, reordered text).
  const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u00ad\u061c\u200b\u200e\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;

  it('the table shows every string from data inertly: escape sequences, OSC titles, CR/LF, C1, bidi and format characters', () => {
    const result = {
      results: [{
        id: 'c_\u202e1', name: 'Ana\u001b[2J\u001b[31mRed\u001b]0;owned title\u0007', score: 0.8, weaker: false,
        chips: ['Old\r\nTowns', 'Mu\u009b31mseums'], explanation: 'For you,\u2028 fine\u200b\ufeff\u2066.',
      }],
      funnel: { pool: 1, hard: 1, shortlist: 1, ranked: 1, final: 1 },
      removed_by_rule: { self_or_blocked: 0 },
      timings_ms: { validate: 0, hard: 0, embed: 0, embed_load_wait: 0, shortlist: 0, rank: 0, explain: 0, total: 0 },
      notices: [{ code: 'x\u001b[0m', message: 'dropped "\u0085\u202e" and "\u007f"' }],
    } as unknown as SearchResult;
    const out = formatTable(result);
    expect(out).not.toMatch(UNSAFE);
    expect(out.split('\n')).toHaveLength(2 + 3 + 1);
    expect(out).toContain('1. Ana␛[2J␛[31mRed␛]0;owned title␇ (c_<U+202E>1)  80%  [Old␍␊Towns, Mu<U+009B>31mseums]');
    expect(out).toContain('For you,<U+2028> fine<U+200B><U+FEFF><U+2066>.');
    expect(out).toContain('notice [x␛[0m]: dropped "<U+0085><U+202E>" and "␡"');
  });

  it('prints imported data safely in the table and exactly (escaped) in --json; errors on stderr too', async () => {
    // What passes validation may still carry format characters (an Arabic letter mark in a
    // name); words the import drops are quoted in a notice, whatever they hold.
    const file = tmpFile(users.map((u) => ({ ...u, name: `${String(u.name)}\u061c`, interests: [...(u.interests as string[]), '\u202eevil\u200f', 'x\u009b[2Jy'] })));
    const json = await run([...ORIGINAL_FILES(file), '--json']);
    expect(json.code).toBe(0);
    expect(json.out).not.toMatch(UNSAFE);
    const parsed = JSON.parse(json.out) as { results: { name: string }[]; notices: { message: string }[] };
    expect(parsed.results.length).toBeGreaterThan(0);
    expect(parsed.results.every((m) => m.name.endsWith('\u061c'))).toBe(true);
    expect(parsed.notices.some((n) => n.message.includes('\u202eevil') && n.message.includes('\u009b'))).toBe(true);

    const table = await run(ORIGINAL_FILES(file));
    expect(table.code).toBe(0);
    expect(table.out).not.toMatch(UNSAFE);
    expect(table.out).toContain('<U+061C> (u_');
    expect(table.out.split('\n')).toHaveLength(parsed.results.length * 2 + 3 + parsed.notices.length);

    const badPath = join(tmpDir(), 'q\u202e\u009b.json');
    const bad = await run(['--query', badPath, '--pool', poolDir, '--json']);
    expect(bad.code).toBe(2);
    expect(bad.err).not.toMatch(UNSAFE);
    expect(JSON.parse(bad.err).error.message).toContain(badPath);
  });

  // Finding 2: /dev/zero grew without end, a FIFO hung forever, any size was read.
  it('refuses devices and FIFOs as the query, pool manifest, packed pool or users file without reading them (exit 2, by itself)', () => {
    const dir = tmpDir();
    const fifoPool = join(dir, 'fifo-pool');
    writePool({ count: 20, seed: 1, outDir: fifoPool });
    rmSync(join(fifoPool, 'manifest.json'));
    fifo(fifoPool, 'manifest.json');
    const zeroPool = join(dir, 'zero-pool');
    writePool({ count: 20, seed: 1, outDir: zeroPool });
    rmSync(join(zeroPool, 'pool.bin'));
    symlinkSync('/dev/zero', join(zeroPool, 'pool.bin'));

    const cases: [string[], string][] = [
      [['--query', '/dev/zero', '--pool', poolDir], 'a character device, not a regular file'],
      [['--query', fifo(dir, 'q.json'), '--pool', poolDir], 'a named pipe (FIFO), not a regular file'],
      [['--query', query, '--pool', fifoPool], 'a named pipe (FIFO), not a regular file'],
      [['--query', query, '--pool', zeroPool], 'a character device, not a regular file'],
      [['--query', query, '--users', fifo(dir, 'users.json'), '--matchmaker', '/dev/zero'], 'a named pipe (FIFO), not a regular file'],
      [['--query', query, '--users', `${FIX}/users.json`, '--matchmaker', '/dev/zero'], 'a character device, not a regular file'],
    ];
    for (const [args, message] of cases) {
      const r = spawnCli([...args, '--json']);
      expect({ args, status: r.status, signal: r.signal, out: r.out }).toEqual({ args, status: 2, signal: null, out: '' });
      const error = JSON.parse(r.err).error;
      expect(error.code).toBe('invalid_options');
      expect(error.message).toContain(message);
    }
  });

  it('refuses a file over the cap for its kind without reading it (a 2 MiB query, a 1.1 GB users file)', () => {
    const dir = tmpDir();
    const bigQuery = join(dir, 'big-query.json');
    // A valid profile, padded with whitespace to 2 MiB: valid JSON, but no query is that big.
    const text = JSON.stringify({ ...BASE, id: 'u_query' });
    writeFileSync(bigQuery, `${text}${' '.repeat(2 * MiB - text.length)}`);
    const q = spawnCli(['--query', bigQuery, '--pool', poolDir, '--json']);
    expect({ status: q.status, signal: q.signal, out: q.out }).toEqual({ status: 2, signal: null, out: '' });
    expect(JSON.parse(q.err).error.message).toContain('over the 1 MiB limit');

    const hugeUsers = join(dir, 'users.json');
    writeFileSync(hugeUsers, '');
    truncateSync(hugeUsers, 1_100_000_000); // sparse: takes no disk space
    const u = spawnCli(['--query', query, '--users', hugeUsers, '--matchmaker', `${FIX}/matchmaker.json`, '--json']);
    expect({ status: u.status, signal: u.signal, out: u.out }).toEqual({ status: 2, signal: null, out: '' });
    expect(JSON.parse(u.err).error.message).toContain('over the 64 MiB limit');
  });

  it('reads files within a time limit and stops on an interrupt', async () => {
    const dir = tmpDir();
    const file = join(dir, 'big.bin');
    writeFileSync(file, '');
    truncateSync(file, 256 * MiB);
    // 256 MiB cannot be read in 1 ms: the limit ends the read, whatever the disk.
    const slow = await readFileBounded(file, { maxBytes: 512 * MiB, timeoutMs: 1 }, { label: 'big' });
    expect(slow).toEqual({ ok: false, reason: 'timeout', message: 'big: reading took longer than 0 s; stopped' });
    const controller = new AbortController();
    controller.abort('SIGINT');
    expect(await readFileBounded(file, FILE_LIMITS.pool, { signal: controller.signal })).toMatchObject({ ok: false, reason: 'interrupted' });
    const small = join(dir, 'small.json');
    writeFileSync(small, '{"a":1}');
    const read = await readFileBounded(small, FILE_LIMITS.query);
    expect(read.ok && Buffer.from(read.bytes).toString('utf8')).toBe('{"a":1}');
    expect(await readFileBounded(join(dir, 'missing.json'), FILE_LIMITS.query)).toMatchObject({ ok: false, reason: 'not_found' });
  });

  it('stops mid --repeat when interrupted: 143 for SIGTERM, 130 for SIGINT, no result printed', async () => {
    for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const controller = new AbortController();
      const done: number[] = [];
      const r = await run(['--query', query, '--pool', poolDir, '--repeat', '20000', '--with-ids', '--json'], {
        signal: controller.signal,
        onRepeat: (n) => { done.push(n); if (n === 3) controller.abort(sig); },
      });
      expect(r.code).toBe(code);
      expect(done).toEqual([1, 2, 3]);
      expect(r.out).toBe('');
      expect(JSON.parse(r.err)).toEqual({ error: { code: 'interrupted', message: `stopped by ${sig}` } });
    }
  });

  it('a real signal stops a running CLI process by itself: 143 for SIGTERM, 130 for SIGINT, the reason on stderr', async () => {
    for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const child = spawn(process.execPath, ['--import', './tests/support/signalProbe.mjs', '--import', 'tsx', CLI, '--query', query, '--pool', poolDir, '--repeat', '100000', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (d) => { out += d; });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (c, s) => resolve({ code: c, signal: s })));
      // Signal once the CLI's handlers are in place (before that, Node's default would kill it);
      // a process that ends before that fails here, with what it said.
      const guard = setTimeout(() => child.kill('SIGKILL'), 60_000);
      const ready = new Promise<'ready'>((resolve) => child.stderr.on('data', (d) => {
        err += d;
        if (err.includes('signal-probe: handlers in place')) resolve('ready');
      }));
      const first = await Promise.race([ready, exited]);
      expect(first, err).toBe('ready');
      child.kill(sig);
      const end = await exited;
      clearTimeout(guard);
      expect(end).toEqual({ code, signal: null });
      expect(out).toBe('');
      expect(JSON.parse(err.trim().split('\n').pop() ?? '')).toEqual({ error: { code: 'interrupted', message: `stopped by ${sig}` } });
    }
  }, 90_000);

  it('turns SIGINT and SIGTERM into that interrupt; a second signal, or a run that does not stop in time, exits', async () => {
    for (const [sig, code] of [['SIGTERM', 143], ['SIGINT', 130]] as const) {
      const controller = new AbortController();
      const signals = new EventEmitter();
      const exits: number[] = [];
      const stop = interruptOnSignals(controller, signals, (c) => exits.push(c), 10_000);
      signals.emit(sig);
      expect(controller.signal.reason).toBe(sig);
      expect(exits).toEqual([]);
      signals.emit(sig);
      expect(exits).toEqual([code]);
      stop();
      expect(signals.listenerCount('SIGINT') + signals.listenerCount('SIGTERM')).toBe(0);
    }
    // The grace period: main did not finish, so the process is stopped anyway.
    const controller = new AbortController();
    const signals = new EventEmitter();
    const exited = new Promise<number>((resolve) => { interruptOnSignals(controller, signals, resolve, 1); });
    signals.emit('SIGTERM');
    expect(await exited).toBe(143);
  });

  // Finding 3: text that is not JSON got no field-level problem; duplicate keys were taken silently.
  it('gives text that is not JSON one problem at path "" with line and column; accepts a UTF-8 BOM; refuses UTF-16', async () => {
    const cases: [string | Uint8Array, string, RegExp][] = [
      ['{"name": "Ana",\n  "age": ', 'invalid_json', /line 2, column 10/],
      ['', 'invalid_json', /line 1, column 1/],
      ['NaN', 'invalid_json', /line 1, column 1/],
      ['\uFEFF\uFEFF{}', 'invalid_json', /line 1, column 1/],
      [new Uint8Array([0xff, 0xfe, ...Buffer.from(JSON.stringify(BASE), 'utf16le')]), 'not_utf8', /UTF-16/],
      [new Uint8Array(Buffer.from(JSON.stringify(BASE), 'utf16le')), 'not_utf8', /UTF-16/],
    ];
    for (const [content, code, where] of cases) {
      const file = join(tmpDir(), 'q.json');
      writeFileSync(file, content);
      const r = await run(['--query', file, '--pool', poolDir, '--json']);
      expect(r.code).toBe(2);
      const error = JSON.parse(r.err).error;
      expect(error.code).toBe('invalid_profile');
      expect(error.problems).toHaveLength(1);
      expect(error.problems[0]).toMatchObject({ path: '', code });
      expect(error.problems[0].message).toMatch(where);
    }
    const bom = join(tmpDir(), 'q.json');
    writeFileSync(bom, `\uFEFF${JSON.stringify({ ...BASE, id: 'u_query' })}`);
    expect((await run(['--query', bom, '--pool', poolDir, '--json'])).code).toBe(0);
  });

  it('refuses duplicate and prototype keys in every JSON file, by path and without the value', async () => {
    const text = JSON.stringify({ ...BASE, id: 'u_query' });
    const dupQuery = tmpFile(`${text.slice(0, -1)},"age":99}`);
    const q = await run(['--query', dupQuery, '--pool', poolDir, '--json']);
    expect(q.code).toBe(2);
    expect(problemsOf(q.err)).toEqual(['age duplicate_key']);
    expect(q.err).not.toContain('99');

    const usersText = readFileSync(`${FIX}/users.json`, 'utf8').replace('"email"', '"nickname": "x", "nickname": "y", "email"');
    const u = await run([...ORIGINAL_FILES(tmpFile(usersText)), '--json']);
    expect(u.code).toBe(2);
    expect(JSON.parse(u.err).error.code).toBe('import_failed');
    expect(problemsOf(u.err)).toEqual(['0.nickname duplicate_key']);

    const mm = await run([...ORIGINAL_FILES(`${FIX}/users.json`, tmpFile('[{"email": "a@b.c", "visibility": {"__proto__": {"polluted": true}}}]')), '--json']);
    expect(mm.code).toBe(2);
    expect(problemsOf(mm.err)).toEqual(['0.visibility.__proto__ forbidden_key']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();

    const manifestDir = join(tmpDir(), 'pool');
    writePool({ count: 20, seed: 1, outDir: manifestDir });
    const manifest = readFileSync(join(manifestDir, 'manifest.json'), 'utf8');
    writeFileSync(join(manifestDir, 'manifest.json'), manifest.replace('{', '{"count": 1,'));
    const p = await run(['--query', query, '--pool', manifestDir, '--json']);
    expect(p.code).toBe(1);
    expect(JSON.parse(p.err).error.code).toBe('pool_manifest_invalid');
    expect(problemsOf(p.err)).toEqual(['count duplicate_key']);
  });

  // Finding 4: a users file that was not a list imported nothing and exited 0.
  it('exits 2 when a users or matchmaker file is not a list of records', async () => {
    const cases: [string, string, string][] = [
      [tmpFile({ users }), `${FIX}/matchmaker.json`, 'must be a list of user records, got an object'],
      [tmpFile('"users"'), `${FIX}/matchmaker.json`, 'must be a list of user records, got a string'],
      [tmpFile([1, 2, 3]), `${FIX}/matchmaker.json`, 'must be a list of user records (objects), but none of its 3 items is one'],
      [`${FIX}/users.json`, tmpFile({ profiles: [] }), 'must be a list of matchmaker profiles, got an object'],
      [`${FIX}/users.json`, tmpFile('null'), 'must be a list of matchmaker profiles, got null'],
    ];
    for (const [u, m, message] of cases) {
      const r = await run([...ORIGINAL_FILES(u, m), '--json']);
      expect(r.code).toBe(2);
      expect(r.out).toBe('');
      const error = JSON.parse(r.err).error;
      expect(error.code).toBe('import_failed');
      expect(error.problems).toEqual([{ path: '', code: 'invalid_type', message }]);
    }
    // An empty list is a valid (empty) file.
    expect((await run([...ORIGINAL_FILES(tmpFile([])), '--json'])).code).toBe(0);
  });

  // Finding 5: --repeat kept every run (with ids, ~13 KB each here; 100 000 runs → gigabytes).
  it('--repeat keeps only what it reports: 2 500 runs with --with-ids fit in a 40 MB heap', () => {
    // Keeping every run needs more than 30 MB on top of the CLI's own ~20 MB here.
    const r = spawnCli(['--query', query, '--pool', poolDir, '--repeat', '2500', '--with-ids', '--json'], { node: ['--max-old-space-size=40'], timeout: 80_000 });
    expect({ status: r.status, signal: r.signal }).toEqual({ status: 0, signal: null });
    const json = JSON.parse(r.out);
    expect(json.funnel.pool).toBe(500);
    expect(json.timings_ms.total).toBeGreaterThan(0);
  }, 90_000);

  // Finding 6: with --with-ids, a query that requires the same faith got back exactly the people
  // of its religion (and any query saw who requires the same faith).
  it('--with-ids leaves the id lists out, with a notice, whenever faith took part in the search', async () => {
    const faithQueries = [
      { ...BASE, id: 'u_query', faith: { consider_in_matching: true, religion: 'christianity', policy: 'same_only' } },
      { ...BASE, id: 'u_query', faith: { consider_in_matching: true, religion: 'islam', policy: 'open' }, companion: { ...BASE.companion, dealbreakers: ['same_faith_required'] } },
      { ...BASE, id: 'u_query', faith: { consider_in_matching: true, religion: 'hinduism', policy: 'prefer_same' } },
      { ...BASE, id: 'u_query' }, // no faith of its own, but candidates in this pool require the same faith
    ];
    for (const q of faithQueries) {
      const r = await run(['--query', tmpFile(q), '--pool', poolDir, '--with-ids', '--json']);
      expect(r.code).toBe(0);
      const json = JSON.parse(r.out);
      expect(json).not.toHaveProperty('hard_ids');
      expect(json).not.toHaveProperty('shortlist_ids');
      expect(json.notices.map((n: { code: string }) => n.code)).toContain('ids_withheld');
      expect(json.results.length).toBeGreaterThan(0);
    }
    // Where faith decided nothing (the original-format fixtures), the lists are there.
    const plain = JSON.parse((await run([...ORIGINAL, '--with-ids', '--json'])).out);
    expect(plain.removed_by_rule.faith).toBe(0);
    expect(plain.hard_ids.length).toBeGreaterThan(0);
    expect(plain.notices.map((n: { code: string }) => n.code)).not.toContain('ids_withheld');
  });
});
