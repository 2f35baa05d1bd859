import { expect, test, type Page } from '@playwright/test';
import { FIXTURE_MODELS as FIXTURES, searchFirstPersona } from '../support/page';

/**
 * Honest timings (issue 15): a stage that did not run says "skipped" (never "0.00 ms"), each
 * stage names what did it, model attempts are listed with their time, and the total is the sum
 * of the rows shown (the "Other" row holds the difference).
 */

const stage = (page: Page, name: string) => page.locator(`[data-testid="stage-timing"][data-stage="${name}"]`);

test('rule-only search: the embedding is skipped, the heuristic and the template are named, the rows add up to the total', async ({ page }) => {
  await searchFirstPersona(page, 'device=off');

  const embed = stage(page, 'embed');
  await expect(embed).toBeVisible();
  await expect(embed).toHaveAttribute('data-skipped', 'true');
  await expect(embed).toHaveAttribute('data-ms', '0');
  await expect(embed).toContainText(/skipped/);
  await expect(embed).toContainText(/no similarity.*rule-only shortlist/);
  await expect(page.locator('ol.timeline')).not.toContainText('0.00 ms');

  await expect(stage(page, 'rank')).toHaveAttribute('data-engine', 'heuristic');
  await expect(stage(page, 'rank')).toContainText('heuristic');
  await expect(stage(page, 'explain')).toHaveAttribute('data-engine', 'template');
  await expect(stage(page, 'explain')).toContainText('template');
  for (const s of ['hard', 'shortlist', 'rank', 'explain']) await expect(stage(page, s)).not.toHaveAttribute('data-skipped', 'true');

  // No model engine ran: no attempt rows.
  await expect(page.getByTestId('stage-attempt')).toHaveCount(0);

  // The total is the sum of the stage rows shown, plus the "Other" row when there is one.
  const parts = await page.locator('ol.timeline > [data-testid="stage-timing"]:not([data-stage="total"]), ol.timeline > [data-testid="stage-other"]')
    .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ms'))));
  const total = Number(await stage(page, 'total').getAttribute('data-ms'));
  expect(parts.every(Number.isFinite)).toBe(true);
  expect(total).toBeGreaterThan(0);
  expect(Math.abs(parts.reduce((a, b) => a + b, 0) - total)).toBeLessThanOrEqual(0.1);
  const other = page.getByTestId('stage-other');
  if (await other.count()) {
    await expect(other).toContainText(/^Other/);
    expect(Number(await other.getAttribute('data-ms'))).toBeGreaterThan(0.05);
  }
});

test('model attempts are listed with their time: web-llm failed, the WASM engine ranked', async ({ page }) => {
  test.setTimeout(180_000);
  await searchFirstPersona(page, `device=webgpu&${FIXTURES}`);
  await expect(page.locator('[data-testid="engine-step"][data-engine="transformers"]')).toHaveAttribute('data-status', /used|failed/, { timeout: 90_000 });
  await expect(page.getByTestId('engine-used')).not.toContainText('still working', { timeout: 90_000 });

  const webllm = page.locator('[data-testid="stage-attempt"][data-engine="webllm"]');
  await expect(webllm).toHaveAttribute('data-status', 'failed');
  await expect(webllm).toContainText(/web-llm — failed after [\d.,<\s]+(ms|s)/);
  // A failed attempt took time (the library loaded, the model's files were asked for).
  expect(Number(await webllm.getAttribute('data-ms'))).toBeGreaterThan(0);

  const wasm = page.locator('[data-testid="stage-attempt"][data-engine="transformers"]');
  await expect(wasm).toHaveAttribute('data-status', 'used');
  await expect(wasm).toContainText(/transformers\.js — (loaded in [^,]+, )?ranked/);
  expect(Number(await wasm.getAttribute('data-ms'))).toBeGreaterThan(0);

  // The stage rows stay the first answer's: the heuristic's ranking, named as such.
  await expect(stage(page, 'rank')).toHaveAttribute('data-engine', 'heuristic');
  await expect(page.getByTestId('stage-attempt').filter({ hasText: 'heuristic' })).toHaveCount(0);
});
