import { env } from '@huggingface/transformers';
import { expect, test, type Page } from '@playwright/test';
import { MODELS_DIR, TINY_ENCODER } from '../../scripts/make-fixtures';
import { loadTransformersEmbedder } from '../../src/core/engines/transformersEmbedder';
import { configureTransformers } from '../../src/core/engines/transformersEnv';
import type { TestHooksApi } from '../../src/protocol';

const FIXTURE = `embed_model=${TINY_ENCODER}&model_host=/models/`;

function foreignRequests(page: Page, origin: string): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith(`blob:${origin}`) && !u.startsWith('data:')) urls.push(u);
  });
  return urls;
}

async function searchWith(page: Page, query: string, persona = 0) {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('persona').nth(persona).click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
  const funnel = page.getByTestId('funnel');
  return {
    ranked: (await funnel.getAttribute('data-ranked-ids'))?.split(' ') ?? [],
    backend: await page.getByTestId('similarity-backend').getAttribute('data-backend'),
    notices: await page.getByTestId('notice').evaluateAll((els) => els.map((e) => e.getAttribute('data-code'))),
  };
}

test.describe('stage 2 similarity with the fixture encoder', () => {
  test('device=wasm and device=webgpu embed the query, report the backend and reorder the shortlist', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const foreign = foreignRequests(page, origin);
    const ruleOnly = await searchWith(page, `device=off&${FIXTURE}`);
    expect(ruleOnly.backend).toBe('none');
    expect(ruleOnly.notices).toContain('similarity_off');

    for (const device of ['wasm', 'webgpu']) {
      const r = await searchWith(page, `device=${device}&${FIXTURE}`);
      expect(r.backend).toBe(device);
      expect(r.notices).not.toContain('similarity_off');
      expect(r.notices.filter((c) => c?.startsWith('embed'))).toEqual([]);
      expect(r.ranked).toHaveLength(ruleOnly.ranked.length);
      expect(r.ranked).not.toEqual(ruleOnly.ranked);
      // The embed stage ran: its measure has a duration and is not marked skipped.
      const embed = await page.evaluate(() => {
        const m = performance.getEntriesByName('rm:embed', 'measure')[0] as PerformanceMeasure | undefined;
        return m && { duration: m.duration, skipped: Boolean((m.detail as { skipped?: boolean } | null)?.skipped) };
      });
      expect(embed?.skipped).toBe(false);
      expect(embed?.duration).toBeGreaterThan(0);
      await expect(page.getByTestId('planned-backend')).toHaveAttribute('data-backend', device);
      if (device === 'webgpu') await expect(page.getByTestId('fallback-adapter')).toHaveText('yes');
    }
    expect(foreign).toEqual([]);
  });

  test('the browser’s vectors equal Node’s for the same texts (within 1e-5)', async ({ page }) => {
    test.setTimeout(120_000);
    const texts = ['Pace: relaxed. Budget: mid. Interests: museums, old towns.', 'Pace: packed. Budget: lux. Interests: surfing, diving, nightlife. About: sunsets.'];
    configureTransformers(env as never, { modelHost: `${MODELS_DIR}/` });
    const node = await (await loadTransformersEmbedder({ modelId: TINY_ENCODER, device: 'cpu' })).embed(texts);
    for (const device of ['wasm', 'webgpu']) {
      await page.goto(`/?device=${device}&${FIXTURE}`);
      await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      const browser = await page.evaluate(async (t) => {
        const out = await (globalThis as unknown as { rovermitra: { matcher: Pick<TestHooksApi, 'embed'> } }).rovermitra.matcher.embed(t);
        return out.ok ? out.value.map((v) => Array.from(v)) : out.error;
      }, texts);
      expect(Array.isArray(browser), JSON.stringify(browser)).toBe(true);
      (browser as number[][]).forEach((v, i) => {
        expect(v).toHaveLength(node[i].length);
        const maxDiff = Math.max(...v.map((x, j) => Math.abs(x - node[i][j])));
        expect(maxDiff, `${device} text ${i}`).toBeLessThan(1e-5);
      });
    }
  });

  test('with the model host unreachable, results still appear with a notice, and the load is not retried', async ({ page }) => {
    let modelRequests = 0;
    // The default model host (the hub), unreachable: this machine is offline.
    await page.route('https://huggingface.co/**', (route) => { modelRequests++; return route.abort('internetdisconnected'); });
    const r = await searchWith(page, `device=wasm&embed_model=${TINY_ENCODER}`);
    expect(r.backend).toBe('none');
    expect(r.notices).toContain('embedder_unavailable');
    expect(modelRequests).toBeGreaterThan(0);
    const before = modelRequests;
    const search = Number(await page.getByTestId('funnel').getAttribute('data-search'));
    await page.getByTestId('persona').nth(1).click();
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('funnel')).toHaveAttribute('data-search', String(search + 1));
    await expect(page.getByTestId('result-card').first()).toBeVisible();
    expect(modelRequests).toBe(before);
    await expect(page.getByTestId('embedder-state')).toHaveAttribute('data-state', 'failed');
  });

  test('by default (real model, no pool embeddings for it) the model is fetched to index the pool; offline, the search stays rule-only and says why', async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    const origin = new URL(baseURL!).origin;
    // Offline here: the configured model host (the hub) is unreachable; ranking models may try it.
    await page.route('https://huggingface.co/**', (route) => route.abort('internetdisconnected'));
    const foreign = foreignRequests(page, origin);
    const first = await searchWith(page, '');
    expect(first.backend).toBe('none');
    // The pool ships its texts, so the embedder is asked for (to index them) — from the hub only.
    await expect.poll(() => foreign.filter((u) => /bge-small/i.test(u)).length, { timeout: 30_000 }).toBeGreaterThan(0);
    expect(foreign.filter((u) => !u.startsWith('https://huggingface.co/'))).toEqual([]);
    await expect(page.getByTestId('embedder-state')).toHaveAttribute('data-state', 'failed', { timeout: 30_000 });
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('funnel')).toHaveAttribute('data-search', '2');
    const notices = await page.getByTestId('notice').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')));
    expect(notices).toContain('embedder_unavailable');
    expect(notices).not.toContain('index_building');
  });
});
