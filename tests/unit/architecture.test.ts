/**
 * The shape of the code (README "What runs where"): src/core is a layer of its own — it imports
 * nothing from the page, the workers, the test hooks or the tools — and has no import cycle, so
 * each module can be read (and loaded) on top of the ones it names. The page (src/ui, App.svelte,
 * main.ts) imports nothing from workers/: it only starts the matcher worker, by its URL.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CORE = path.join(ROOT, 'src', 'core');

function tsFiles(dir: string, ext = /\.ts$/): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? tsFiles(full, ext) : ext.test(full) && !full.endsWith('.d.ts') ? [full] : [];
  });
}

const under = (dir: string, file: string) => file.startsWith(dir + path.sep);

/**
 * Every path a module names in a string — an import of any kind (`from`, `import()`, a bare
 * `import '…'`) or a `new URL(…, import.meta.url)` — resolved against the module (or the
 * repository root for `/…`); package names stay as they are.
 */
function pathsNamed(file: string): { spec: string; target: string }[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\bnew\s+URL\s*\(\s*)['"`]([^'"`]+)['"`]/g)].map(([, spec]) => ({
    spec,
    target: spec.startsWith('.') ? path.resolve(path.dirname(file), spec) : spec.startsWith('/') ? path.join(ROOT, spec) : spec,
  }));
}

/** Relative imports of a module (static, dynamic and type-only), resolved to files. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*)'(\.[^']+)'/g)].map((m) => m[1]);
  return specs.map((s) => {
    const base = path.resolve(path.dirname(file), s);
    return [`${base}.ts`, path.join(base, 'index.ts'), base].find((f) => { try { return statSync(f).isFile(); } catch { return false; } }) ?? base;
  });
}

describe('src/core', () => {
  const files = tsFiles(CORE);
  const graph = new Map(files.map((f) => [f, importsOf(f)]));

  it('imports only from src/core (and packages)', () => {
    const outside = [...graph].flatMap(([f, deps]) => deps.filter((d) => !d.startsWith(CORE + path.sep)).map((d) => `${path.relative(ROOT, f)} → ${path.relative(ROOT, d)}`));
    expect(outside).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (f: string) => {
      if (state.get(f) === 'done') return;
      if (state.get(f) === 'open') {
        cycles.push(stack.slice(stack.indexOf(f)).concat(f).map((x) => path.relative(CORE, x)).join(' → '));
        return;
      }
      state.set(f, 'open');
      stack.push(f);
      for (const d of graph.get(f) ?? []) if (graph.has(d)) visit(d);
      stack.pop();
      state.set(f, 'done');
    };
    for (const f of files) visit(f);
    expect(cycles).toEqual([]);
  });

  it('imports nothing from src/testing or scripts, by any path', () => {
    const banned = [path.join(ROOT, 'src', 'testing'), path.join(ROOT, 'scripts')];
    const found = files.flatMap((f) => pathsNamed(f).filter(({ spec, target }) => banned.some((b) => under(b, target)) || /^(src\/testing|scripts)\//.test(spec))
      .map(({ spec }) => `${path.relative(ROOT, f)} → ${spec}`));
    expect(found).toEqual([]);
  });
});

describe('the page', () => {
  it('imports nothing from workers/: it only starts the matcher worker, by its URL', () => {
    const page = [...tsFiles(path.join(ROOT, 'src', 'ui'), /\.(ts|svelte)$/), path.join(ROOT, 'src', 'App.svelte'), path.join(ROOT, 'src', 'main.ts')];
    const workers = path.join(ROOT, 'workers');
    const named = page.flatMap((f) => pathsNamed(f).filter(({ spec, target }) => under(workers, target) || /^workers\//.test(spec))
      .map(({ spec }) => `${path.relative(ROOT, f)} → ${spec}`));
    expect(named).toEqual([`${path.join('src', 'ui', 'matcher.svelte.ts')} → ../../workers/matcher.worker.ts`]);
    expect(readFileSync(path.join(ROOT, 'src', 'ui', 'matcher.svelte.ts'), 'utf8')).toContain("new Worker(new URL('../../workers/matcher.worker.ts', import.meta.url)");
  });
});
