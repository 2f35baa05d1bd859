/**
 * Benchmark of the ranking engines (SPEC §5, §10): load, prefill and decode speed on a fixed job
 * (10 candidates scored in one forward pass, 5 explanations of ≤ 40 tokens). Node CPU and the
 * browser's WASM engine, with the generated fixture decoder by default; point `--model` and
 * `--model-host` at a real model to measure the real thing.
 *
 *   npm run bench:llm -- [--model ID] [--model-host URL|/path/] [--skip-browser] [--json FILE]
 */
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from './chromium';
import { configureTransformers } from '../src/core/engines/transformersEnv';
import { transformersLlmDtype } from '../src/core/models/catalog';
import { benchEngine } from '../src/testing/engineBench';
import { memoSlot } from '../src/core/rank/slot';
import { loadTransformersLlm } from '../src/core/rank/transformersEngine';
import { MODELS_DIR, TINY_DECODER } from './make-fixtures';
import { prepareAssets } from './prepare';
import type { TestHooksApi } from '../src/protocol';
import { registerFixtureModels } from '../src/testing/fixtureModels';

// A tool: the generated test models (fixtures/…) are known to it as well as the real ones.
registerFixtureModels();

const { values } = parseArgs({
  options: {
    model: { type: 'string', default: TINY_DECODER },
    'model-host': { type: 'string', default: '/models/' },
    'skip-browser': { type: 'boolean', default: false },
    port: { type: 'string', default: '4199' },
    json: { type: 'string', default: 'reports/bench-llm.json' },
  },
});

await prepareAssets();
const rows: Record<string, unknown>[] = [];

// Node, CPU (the CLI's engine).
{
  const { env } = await import('@huggingface/transformers');
  const host = values['model-host'] === '/models/' ? `${MODELS_DIR}/` : values['model-host'];
  configureTransformers(env as never, { modelHost: host });
  const slot = memoSlot({ name: 'transformers', modelId: values.model, device: 'cpu' }, null, () => loadTransformersLlm({ modelId: values.model, device: 'cpu', dtype: transformersLlmDtype(values.model) }));
  rows.push({ where: 'node (cpu)', ...(await benchEngine(slot)) });
}

// Browser, WASM engine in the worker.
if (!values['skip-browser']) {
  const port = Number(values.port);
  // A build made for tests: its worker has the benchmark hook (src/protocol.ts TestHooksApi).
  const outDir = '.tmp/bench-llm-dist';
  const server = spawn('npx', ['vite', 'preview', '--port', String(port), '--strictPort', '--outDir', outDir], { stdio: 'ignore', detached: true });
  const stop = () => { try { process.kill(-server.pid!, 'SIGTERM'); } catch { /* gone */ } };
  try {
    const build = spawn('npx', ['vite', 'build', '--mode', 'test', '--logLevel', 'error', '--outDir', outDir, '--emptyOutDir'], { stdio: 'inherit' });
    await new Promise((resolve, reject) => build.on('exit', (c) => (c === 0 ? resolve(c) : reject(new Error(`vite build exited ${c}`)))));
    const browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [...CHROMIUM_ARGS],
    });
    try {
      for (const threads of [1, 2]) {
        const page = await browser.newPage();
        const url = `http://localhost:${port}/?device=wasm&threads=${threads}&wasm_llm=${values.model}&model_host=${values['model-host']}`;
        for (let i = 0; i < 50; i++) {
          try { await page.goto(url, { timeout: 5000 }); break; } catch { await new Promise((r) => setTimeout(r, 500)); }
        }
        await page.waitForSelector('[data-testid=pool-status][data-ready=true]', { timeout: 60_000 });
        const r = await page.evaluate(() => (globalThis as unknown as { rovermitra: { matcher: Pick<TestHooksApi, 'benchRanker'> } }).rovermitra.matcher.benchRanker('transformers'));
        rows.push({ where: `browser wasm, ${threads} thread(s)`, ...(r.ok ? r.value : { error: r.error }) });
        await page.close();
      }
    } finally {
      await browser.close();
    }
  } finally {
    stop();
  }
}

mkdirSync(path.dirname(values.json), { recursive: true });
writeFileSync(values.json, `${JSON.stringify({ model: values.model, rows }, null, 2)}\n`);
console.log(`ranking engine benchmark, model ${values.model}`);
console.log('| where | load ms | scoring prompt tokens | prefill ms | prefill tok/s | explain prompt tokens | generated | decode ms | decode tok/s |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of rows as { where: string; load_ms?: number; scoring?: { prompt_tokens: number; prefill_ms: number; prefill_tokens_per_s: number }; explanations?: { prompt_tokens: number; generated_tokens: number; decode_ms: number; decode_tokens_per_s: number }; message?: string }[]) {
  if (!r.scoring || !r.explanations) { console.log(`| ${r.where} | failed: ${r.message ?? 'unknown'} |`); continue; }
  console.log(`| ${r.where} | ${r.load_ms} | ${r.scoring.prompt_tokens} | ${r.scoring.prefill_ms} | ${r.scoring.prefill_tokens_per_s} | ${r.explanations.prompt_tokens} | ${r.explanations.generated_tokens} | ${r.explanations.decode_ms} | ${r.explanations.decode_tokens_per_s} |`);
}
