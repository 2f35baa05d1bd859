import { expect, test, type Page } from '@playwright/test';
import { FIXTURE_MODELS as FIXTURES, searchFirstPersona } from '../support/page';

async function searchAndSettle(page: Page, query: string) {
  // The heuristic answer comes first …
  await searchFirstPersona(page, query, 30_000);
  // … and the chain settles: the WASM engine (the fixture decoder) ranks.
  await expect(page.locator('[data-testid="engine-step"][data-engine="transformers"]')).toHaveAttribute('data-status', /used|failed/, { timeout: 90_000 });
  await expect(page.getByTestId('engine-used')).not.toContainText('still working', { timeout: 90_000 });
  const steps = await page.getByTestId('engine-step').evaluateAll((els) => els.map((e) => ({ engine: e.getAttribute('data-engine'), status: e.getAttribute('data-status'), text: e.textContent ?? '' })));
  return Object.fromEntries(steps.map((s) => [s.engine, s]));
}

test.describe('ranking chain, offline', () => {
  test('web-llm fails fast, the WASM engine ranks and its noise fails validation (template sentences); nothing leaves the origin', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin) && !u.startsWith(`blob:${origin}`) && !u.startsWith('data:')) foreign.push(u); });
    const steps = await searchAndSettle(page, `device=webgpu&${FIXTURES}`);
    expect(steps.webllm.status).toBe('failed');
    expect(steps.webllm.text).toMatch(/Llama-3\.2-1B-Instruct-q4f(16|32)_1-MLC/);
    expect(steps.transformers.status).toBe('used');
    // The noise model orders the labels (renormalised over them) and says how little of its
    // probability was on them; none of its sentences passes the validator.
    expect(steps.transformers.text).toMatch(/ranked 10 candidates from label probabilities .* on the labels.*template sentences/);
    await expect(page.getByTestId('engine-used')).toHaveAttribute('data-engine', 'transformers');
    const cards = page.getByTestId('result-card');
    expect(await cards.count()).toBeGreaterThan(0);
    for (const card of await cards.all()) await expect(card).toHaveAttribute('data-explanation-engine', 'template');
    for (const t of await page.getByTestId('result-explanation').allInnerTexts()) expect(t.startsWith('For you,')).toBe(true);
    expect(foreign).toEqual([]);
  });

  test('on a software WebGPU adapter, auto skips web-llm and says why', async ({ page }) => {
    test.setTimeout(120_000);
    const steps = await searchAndSettle(page, `device=auto&${FIXTURES}`);
    expect(steps.webllm.status).toBe('skipped');
    expect(steps.webllm.text).toMatch(/software|fallback|no WebGPU adapter/);
    expect(steps.transformers.status).toBe('used');
    // Sizes are shown before anything is loaded.
    expect(steps.webllm.text).toMatch(/download ≈ [\d.]+ (MB|GB)/);
  });
});
