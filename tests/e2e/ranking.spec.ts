import { expect, test, type Page } from '@playwright/test';

const FIXTURES = 'embed_model=fixtures/tiny-encoder&wasm_llm=fixtures/tiny-decoder&model_host=/models/';

async function searchAndSettle(page: Page, query: string) {
  await page.goto(`/?${query}`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  // The heuristic answer comes first …
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 30_000 });
  // … and the chain ends with the heuristic once both model engines have failed.
  await expect(page.locator('[data-testid="engine-step"][data-engine="heuristic"]')).toHaveAttribute('data-status', 'used', { timeout: 90_000 });
  const steps = await page.getByTestId('engine-step').evaluateAll((els) => els.map((e) => ({ engine: e.getAttribute('data-engine'), status: e.getAttribute('data-status'), text: e.textContent ?? '' })));
  return Object.fromEntries(steps.map((s) => [s.engine, s]));
}

test.describe('ranking chain, offline', () => {
  test('web-llm fails fast, the WASM engine’s output fails validation, the heuristic answers; nothing leaves the origin', async ({ page, baseURL }) => {
    test.setTimeout(180_000);
    const origin = new URL(baseURL!).origin;
    const foreign: string[] = [];
    page.on('request', (r) => { const u = r.url(); if (!u.startsWith(origin) && !u.startsWith(`blob:${origin}`) && !u.startsWith('data:')) foreign.push(u); });
    const steps = await searchAndSettle(page, `device=webgpu&${FIXTURES}`);
    expect(steps.webllm.status).toBe('failed');
    expect(steps.webllm.text).toMatch(/Llama-3\.2-1B-Instruct-q4f(16|32)_1-MLC/);
    expect(steps.transformers.status).toBe('failed');
    expect(steps.transformers.text).toMatch(/did not answer with a label/);
    await expect(page.getByTestId('engine-used')).toHaveAttribute('data-engine', 'heuristic');
    const cards = page.getByTestId('result-card');
    expect(await cards.count()).toBeGreaterThan(0);
    for (const t of await page.getByTestId('result-explanation').allInnerTexts()) expect(t.startsWith('For you,')).toBe(true);
    expect(foreign).toEqual([]);
  });

  test('on a software WebGPU adapter, auto skips web-llm and says why', async ({ page }) => {
    test.setTimeout(120_000);
    const steps = await searchAndSettle(page, `device=auto&${FIXTURES}`);
    expect(steps.webllm.status).toBe('skipped');
    expect(steps.webllm.text).toMatch(/software|fallback|no WebGPU adapter/);
    expect(steps.transformers.status).toBe('failed');
    // Sizes are shown before anything is loaded.
    expect(steps.webllm.text).toMatch(/download ≈ [\d.]+ (MB|GB)/);
  });
});
