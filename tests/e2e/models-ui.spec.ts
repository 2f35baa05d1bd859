/**
 * Models in the page (SPEC §6, §8): a model's load is one progress row per model (role, id,
 * phase, bytes over all its files), the pickers say which models are cached on this device, and
 * a setting a link sets says so in the settings panel, with "Use my choice" to drop it.
 */
import { expect, test } from '@playwright/test';

const ENCODER = 'fixtures/tiny-encoder';
const LINK = `/?device=wasm&embed_model=${ENCODER}&model_host=/models/`;

test.describe('models in the page', () => {
  test('the embedder’s load is one row of its own, and once loaded the picker says it is cached on this device', async ({ page }) => {
    test.setTimeout(120_000);
    // A fresh start: no stored choices, no model in Cache Storage.
    await page.goto('/?device=off');
    await page.evaluate(async () => {
      localStorage.clear();
      for (const name of await caches.keys()) if (/transformers|webllm/.test(name)) await caches.delete(name);
    });
    await page.goto(LINK);
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.getByTestId('settings-panel');
    const picker = panel.getByTestId('embed-model-setting');
    await expect(picker).toHaveValue(ENCODER);
    const option = picker.locator(`option[value="${ENCODER}"]`);
    await expect(option).not.toContainText('cached on this device');
    // Every catalog option carries its download size.
    await expect(picker.locator('option[value="Xenova/bge-small-en-v1.5"]')).toContainText('34.7 MB');
    await expect(panel.getByTestId('wasm-llm-setting').locator('option[value="onnx-community/Qwen2.5-0.5B-Instruct"]')).toContainText('793.2 MB');

    await page.getByTestId('persona').first().click();
    await page.getByTestId('find-matches').click();
    // Storage was cleared: the download question comes first.
    await page.getByTestId('consent-accept').click();
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });

    // One row for the model (its files together), named by role and id.
    const row = page.locator(`[data-testid="model-progress"][data-model="${ENCODER}"]`).first();
    await expect(row).toHaveAttribute('data-role', 'embedder', { timeout: 60_000 });
    await expect(row).toContainText(`Embedder: ${ENCODER}`);
    // Nothing was cached: its files were downloaded.
    await expect(row).toHaveAttribute('data-phase', 'download');
    expect(Number(await row.getAttribute('data-loaded'))).toBeGreaterThan(0);
    await expect(page.locator(`[data-testid="model-progress"][data-model="${ENCODER}"][data-role="embedder"]`)).not.toHaveCount(0);
    // Its files are listed under it, each named with the model (two models' config.json stay apart).
    await expect(page.locator(`[data-testid="download"][data-model="${ENCODER}"][data-file="config.json"]`)).toHaveCount(1);

    // The panel looks Cache Storage up again when it gets focus: the loaded encoder is cached now.
    await expect(async () => {
      await picker.blur();
      await picker.focus();
      await expect(option).toContainText('cached on this device', { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });

    // The next visit reads the model from this device: its row says so, not "downloading".
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.getByTestId('persona').first().click();
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 60_000 });
    await expect(row).toHaveAttribute('data-phase', 'cache', { timeout: 60_000 });
    await expect(row).not.toContainText('download');
  });

  test('a setting the link sets says so, and “Use my choice” drops it from the address and applies the stored choice', async ({ page }) => {
    await page.goto('/?device=off');
    // The panel's stored choice for threads is 2; the link says 1.
    await page.evaluate(() => localStorage.setItem('rovermitra.settings.v1', JSON.stringify({ threads: 2 })));
    await page.goto('/?device=off&threads=1&embed_model=fixtures/tiny-encoder');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.getByTestId('settings-panel');
    const threads = panel.locator('[data-testid="url-override"][data-key="threads"]');
    await expect(threads).toContainText(/set by the link for this visit/i);
    await expect(threads).toContainText('threads=1');
    await expect(panel.locator('[data-testid="url-override"][data-key="device"]')).toHaveCount(1);
    await expect(panel.locator('[data-testid="url-override"][data-key="embedModel"]')).toHaveCount(1);
    // Settings the link does not set have no marker.
    await expect(panel.locator('[data-testid="url-override"][data-key="llm"]')).toHaveCount(0);
    await expect(panel.getByLabel(/WASM threads/)).toHaveValue('1');

    await threads.getByRole('button', { name: 'Use my choice' }).click();
    await expect(threads).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => location.search)).not.toContain('threads');
    // The rest of the link stays, and still applies.
    const params = new URLSearchParams(await page.evaluate(() => location.search));
    expect(params.get('device')).toBe('off');
    expect(params.get('embed_model')).toBe('fixtures/tiny-encoder');
    await expect(panel.locator('[data-testid="url-override"][data-key="device"]')).toHaveCount(1);
    // The stored choice applies (not the default), and the worker restarted with it.
    await expect(panel.getByLabel(/WASM threads/)).toHaveValue('2');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });

    // A reload keeps it: the address no longer carries the link's value.
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(panel.getByLabel(/WASM threads/)).toHaveValue('2');
    await expect(panel.locator('[data-testid="url-override"][data-key="threads"]')).toHaveCount(0);

    // Changing a linked setting in the panel replaces the link's value for good too.
    await panel.getByTestId('embed-model-setting').selectOption('Xenova/bge-small-en-v1.5');
    await expect(panel.locator('[data-testid="url-override"][data-key="embedModel"]')).toHaveCount(0);
    await expect.poll(() => page.evaluate(() => location.search)).toBe('?device=off');
  });
});
