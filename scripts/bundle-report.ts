/**
 * What is in the production bundle: a `vite build` with the project's own config (into
 * `.tmp/bundle-report/`, never `dist/`) and, for every emitted JS file — the main bundle, the
 * matcher worker, the LLM worker, and every lazy chunk of each — its size (bytes and gzip bytes,
 * node:zlib at its default level) and the source modules in it (project files by repository-relative
 * path, node_modules grouped by package) with the length each one rendered to. A Markdown report on
 * stdout (and in FILE with `--out`). A report, not a check: it measures, it does not fail.
 *
 *   npm run bundle:report -- [--out FILE]
 *
 * The modules come from a small plugin's `generateBundle` hook (`chunk.modules`), added both to the
 * main build and to `worker.plugins`: the workers (and the LLM worker nested inside the matcher
 * worker) are bundled by Vite's worker pipeline, a separate build the main plugins never see.
 * Sizes are read from the files written to disk, after every plugin ran. JS files that no bundler
 * chunk produced (the workbox service worker, a library's loader copied as an asset) are listed
 * with their sizes only.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { build, type Plugin } from 'vite';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, '.tmp', 'bundle-report');

const { values } = parseArgs({ options: { out: { type: 'string' } } });

interface ChunkInfo {
  fileName: string;
  /** 'main' for the app's own build, 'worker' for a chunk of a worker build. */
  build: 'main' | 'worker';
  /** The entry of the build that emitted this chunk (repository-relative; `index.html` for the main one). */
  buildEntry: string;
  isEntry: boolean;
  isDynamicEntry: boolean;
  facadeModuleId: string | null;
  modules: Array<{ id: string; renderedLength: number }>;
}

/** Every chunk of every build (the main one and each worker's), by output file name. */
const chunks = new Map<string, ChunkInfo>();

function collector(kind: ChunkInfo['build']): Plugin {
  return {
    name: `rovermitra-bundle-report:${kind}`,
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const entries = Object.values(bundle).flatMap((o) => (o.type === 'chunk' && o.isEntry && o.facadeModuleId ? [displayId(o.facadeModuleId)] : []));
      for (const out of Object.values(bundle)) {
        if (out.type !== 'chunk') continue;
        chunks.set(out.fileName, {
          fileName: out.fileName,
          build: kind,
          buildEntry: entries.join(', ') || '?',
          isEntry: out.isEntry,
          isDynamicEntry: out.isDynamicEntry,
          facadeModuleId: out.facadeModuleId,
          modules: Object.entries(out.modules).map(([id, m]) => ({ id, renderedLength: m.renderedLength })),
        });
      }
    },
  };
}

rmSync(OUT_DIR, { recursive: true, force: true });
await build({
  root: ROOT,
  configFile: path.join(ROOT, 'vite.config.ts'),
  mode: 'production',
  logLevel: 'error',
  plugins: [collector('main')],
  worker: { plugins: () => [collector('worker')] },
  build: { outDir: OUT_DIR, emptyOutDir: true },
});

// ---- the modules: project paths and package names ------------------------------------------

/** A module id without its query (`?worker_file&type=module`, `?commonjs-…`) nor Rollup's `\0`. */
function cleanId(id: string): string {
  return id.replace(/^\0/, '').replace(/\?.*$/, '');
}

/** `@scope/name` or `name` for a file under node_modules (the innermost one), else null. */
function packageOf(id: string): string | null {
  const parts = cleanId(id).split(/[\\/]/);
  const at = parts.lastIndexOf('node_modules');
  if (at < 0 || at + 1 >= parts.length) return null;
  const first = parts[at + 1];
  return first.startsWith('@') && at + 2 < parts.length ? `${first}/${parts[at + 2]}` : first;
}

type Origin = { kind: 'project'; path: string } | { kind: 'package'; name: string } | { kind: 'virtual'; name: string };

function originOf(id: string): Origin {
  const pkg = packageOf(id);
  if (pkg) return { kind: 'package', name: pkg };
  const clean = cleanId(id);
  if (path.isAbsolute(clean) && !id.startsWith('\0')) {
    const rel = path.relative(ROOT, clean);
    if (!rel.startsWith('..')) return { kind: 'project', path: rel.split(path.sep).join('/') };
  }
  return { kind: 'virtual', name: clean };
}

// ---- the files on disk ----------------------------------------------------------------------

function jsFiles(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) found.push(...jsFiles(path.join(dir, entry.name), rel));
    else if (/\.(?:m?js)$/.test(entry.name)) found.push(rel);
  }
  return found.sort();
}

interface Row {
  fileName: string;
  role: string;
  bytes: number;
  gzip: number;
  chunk: ChunkInfo | undefined;
}

/** A module id as the report shows it: a project path, a package name or a generated module's name. */
function displayId(id: string): string {
  const o = originOf(id);
  return o.kind === 'project' ? o.path : o.name;
}

function roleOf(fileName: string, chunk: ChunkInfo | undefined): string {
  if (!chunk) return fileName === 'sw.js' || /^workbox-/.test(fileName) ? 'service worker (workbox, not bundled)' : 'asset (copied, not bundled)';
  const facade = chunk.facadeModuleId ? originOf(chunk.facadeModuleId) : null;
  const facadePath = facade?.kind === 'project' ? facade.path : null;
  if (chunk.build === 'worker' && chunk.isEntry) return facadePath ? `worker entry (${facadePath})` : 'worker entry';
  if (chunk.isEntry) return facadePath ? `main entry (${facadePath})` : 'main entry';
  const where = chunk.build === 'worker' ? `the worker build of ${chunk.buildEntry}` : 'the main build';
  if (chunk.isDynamicEntry) return `lazy chunk of ${where} (${chunk.facadeModuleId ? displayId(chunk.facadeModuleId) : '?'})`;
  return `shared chunk of ${where}`;
}

const rows: Row[] = jsFiles(OUT_DIR).map((fileName) => {
  const code = readFileSync(path.join(OUT_DIR, fileName));
  const chunk = chunks.get(fileName);
  return { fileName, role: roleOf(fileName, chunk), bytes: code.length, gzip: gzipSync(code).length, chunk };
});

// Every chunk the plugins saw must be a file on disk (else the file names drifted, e.g. a hash
// placeholder, and the module lists would be silently lost).
const missing = [...chunks.keys()].filter((f) => !rows.some((r) => r.fileName === f));
if (missing.length > 0) throw new Error(`bundle-report: chunks not found in ${OUT_DIR}: ${missing.join(', ')}`);
for (const needed of ['workers/matcher.worker.ts', 'workers/llm.worker.ts']) {
  const found = [...chunks.values()].some((c) => c.modules.some((m) => { const o = originOf(m.id); return o.kind === 'project' && o.path === needed; }));
  if (!found) throw new Error(`bundle-report: no chunk contains ${needed}: the worker builds were not captured`);
}

// ---- the report -----------------------------------------------------------------------------

const n = (x: number) => x.toLocaleString('en-US');
const kb = (x: number) => `${(x / 1024).toFixed(1)} KiB`;
const cell = (s: string) => s.replace(/\|/g, '\\|');

rows.sort((a, b) => b.bytes - a.bytes || a.fileName.localeCompare(b.fileName));
const lines: string[] = [];
lines.push('# Bundle report', '');
lines.push(`Production \`vite build\` (project config, \`worker.format: 'es'\`), written to \`${path.relative(ROOT, OUT_DIR)}/\`; gzip: node:zlib, default level. Rendered lengths are after tree-shaking and before minification, so they rank the modules but do not add up to the chunk size.`, '');
lines.push('## Summary', '');
lines.push('| chunk | role | bytes | gzip |', '|---|---|---:|---:|');
for (const r of rows) lines.push(`| \`${cell(r.fileName)}\` | ${cell(r.role)} | ${n(r.bytes)} | ${n(r.gzip)} |`);
const total = rows.reduce((s, r) => s + r.bytes, 0);
const totalGz = rows.reduce((s, r) => s + r.gzip, 0);
lines.push(`| **total** | | **${n(total)}** | **${n(totalGz)}** |`, '');

for (const r of rows) {
  lines.push(`## \`${r.fileName}\``, '');
  lines.push(`${r.role}: ${n(r.bytes)} bytes (${kb(r.bytes)}), gzip ${n(r.gzip)} bytes (${kb(r.gzip)}).`, '');
  if (!r.chunk) {
    lines.push('Not a bundler chunk: no module list.', '');
    continue;
  }
  const project: Array<{ path: string; len: number }> = [];
  const packages = new Map<string, { len: number; modules: number }>();
  const virtual: Array<{ name: string; len: number }> = [];
  let empty = 0;
  for (const m of r.chunk.modules) {
    if (m.renderedLength === 0) { empty++; continue; }
    const o = originOf(m.id);
    if (o.kind === 'project') {
      const prev = project.find((p) => p.path === o.path); // `?svelte&type=…` parts of one file add up
      if (prev) prev.len += m.renderedLength;
      else project.push({ path: o.path, len: m.renderedLength });
    } else if (o.kind === 'package') {
      const p = packages.get(o.name) ?? { len: 0, modules: 0 };
      p.len += m.renderedLength;
      p.modules++;
      packages.set(o.name, p);
    } else virtual.push({ name: o.name, len: m.renderedLength });
  }
  project.sort((a, b) => b.len - a.len || a.path.localeCompare(b.path));
  const pkgs = [...packages].sort((a, b) => b[1].len - a[1].len || a[0].localeCompare(b[0]));
  const projectLen = project.reduce((s, p) => s + p.len, 0);
  const pkgLen = pkgs.reduce((s, [, p]) => s + p.len, 0);

  lines.push(`### Project modules (${project.length}, ${n(projectLen)} rendered bytes)`, '');
  if (project.length === 0) lines.push('None.', '');
  else {
    lines.push('| module | rendered |', '|---|---:|');
    for (const p of project) lines.push(`| \`${cell(p.path)}\` | ${n(p.len)} |`);
    lines.push('');
  }
  lines.push(`### Packages (${pkgs.length}, ${n(pkgLen)} rendered bytes)`, '');
  if (pkgs.length === 0) lines.push('None.', '');
  else {
    lines.push('| package | modules | rendered |', '|---|---:|---:|');
    for (const [name, p] of pkgs) lines.push(`| \`${cell(name)}\` | ${p.modules} | ${n(p.len)} |`);
    lines.push('');
  }
  if (virtual.length > 0) {
    lines.push('### Generated modules', '', '| module | rendered |', '|---|---:|');
    for (const v of virtual) lines.push(`| \`${cell(v.name)}\` | ${n(v.len)} |`);
    lines.push('');
  }
  if (empty > 0) lines.push(`(${empty} module${empty === 1 ? '' : 's'} rendered to nothing, tree-shaken away, not listed.)`, '');
}

const report = lines.join('\n');
process.stdout.write(report);
if (values.out) {
  mkdirSync(path.dirname(path.resolve(values.out)), { recursive: true });
  writeFileSync(values.out, report);
  process.stderr.write(`bundle-report: written to ${values.out}\n`);
}
