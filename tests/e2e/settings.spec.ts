import { expect, test } from '@playwright/test';

test.describe('settings', () => {
  test('URL parameters set the settings for this visit; the panel shows them and the worker uses them', async ({ page }) => {
    await page.goto('/?device=wasm&llm=qwen2.5-0.5b&threads=1&embed_model=fixtures/tiny-encoder&model_host=/models/');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.getByTestId('settings-panel');
    await expect(panel.getByTestId('device-setting')).toHaveValue('wasm');
    await expect(panel.getByTestId('llm-setting')).toHaveValue('qwen2.5-0.5b');
    await expect(panel.getByLabel(/Embedding model/)).toHaveValue('fixtures/tiny-encoder');
    await expect(page.getByTestId('planned-backend')).toHaveAttribute('data-backend', 'wasm');
    await expect(page.getByTestId('wasm-threads')).toHaveText(/^1/);
    await expect(page.locator('[data-testid="engine-step"][data-engine="webllm"]')).toContainText('Qwen2.5-0.5B-Instruct');
  });

  test('the panel’s choices persist across reloads; invalid values are refused with a message', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.getByTestId('settings-panel');
    await panel.getByTestId('device-setting').selectOption('off');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const host = panel.getByLabel(/Model host/);
    await host.fill('javascript:alert(1)');
    await host.press('Enter');
    await expect(panel.getByRole('alert')).toContainText('model_host');
    await host.fill('/models/');
    await host.press('Enter');
    await expect(panel.getByRole('alert')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await expect(panel.getByTestId('device-setting')).toHaveValue('off');
    await expect(panel.getByLabel(/Model host/)).toHaveValue('/models/');
    await expect(page.getByTestId('planned-backend')).toHaveAttribute('data-backend', 'off');
  });

  test('clear model cache deletes the model libraries’ caches and keeps the app working', async ({ page }) => {
    await page.goto('/?device=off');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.evaluate(async () => {
      await (await caches.open('transformers-cache')).put('/x', new Response('model bytes'));
      await (await caches.open('webllm/model')).put('/y', new Response('model bytes'));
      await (await caches.open('unrelated')).put('/z', new Response('keep'));
    });
    await page.getByTestId('clear-cache').click();
    await expect(page.locator('[data-testid="notice"][data-code="cache_cleared"]')).toContainText('Cleared 2');
    const left = await page.evaluate(() => caches.keys());
    expect(left).toContain('unrelated');
    expect(left.filter((n) => /transformers|webllm/.test(n))).toEqual([]);
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.getByTestId('persona').first().click();
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('result-card').first()).toBeVisible();
  });

  test('a link cannot load a pool from another origin, and a link’s settings are never stored', async ({ page }) => {
    const foreign: string[] = [];
    page.on('request', (r) => { if (!r.url().startsWith(new URL(page.url() || 'http://localhost').origin) && /evil|example/.test(r.url())) foreign.push(r.url()); });
    await page.goto('/');
    await page.evaluate(() => localStorage.clear());
    // Protocol-relative, backslash and absolute spellings of another origin: each is refused by
    // resolving it, the app's own pool loads, and nothing is fetched from the other host.
    for (const pool of ['//evil.example/pool/', '/\\evil.example/pool/', 'https://evil.example/pool/', '/%2F%2Fevil.example/pool/']) {
      await page.goto(`/?device=off&pool=${encodeURIComponent(pool)}`);
      await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
      await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', '10000');
      await expect(page.locator('[data-testid="notice"][data-code="setting_invalid"]').first()).toContainText('pool');
    }
    // A model host on another origin is not taken from a link either (only from the panel).
    await page.goto('/?device=off&model_host=https%3A%2F%2Fevil.example%2F&custom_model=evil%2Fmodel');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    const panel = page.getByTestId('settings-panel');
    await expect(panel.getByLabel(/Model host/)).not.toHaveValue(/evil/);
    await expect(page.locator('[data-testid="notice"][data-code="setting_invalid"]').first()).toContainText('settings panel');
    // One change in the panel stores that change only: not the link's custom model or device.
    const before = await panel.getByTestId('llm-setting').inputValue();
    const other = await panel.getByTestId('llm-setting').locator('option').evaluateAll((os, cur) => os.map((o) => (o as HTMLOptionElement).value).find((v) => v !== cur), before);
    await panel.getByTestId('llm-setting').selectOption(other!);
    await expect.poll(() => page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('rovermitra.settings.v1') ?? '{}')))).toEqual(['llm']);
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
    await page.goto('/');
    await expect(panel.getByTestId('device-setting')).toHaveValue('auto');
    await expect(panel.getByLabel(/Custom \(fine-tuned\) model/)).toHaveValue('');
    expect(foreign).toEqual([]);
  });

  test('a foreign pool stored by an earlier version is ignored', async ({ page }) => {
    await page.goto('/');
    await page.evaluate(() => localStorage.setItem('rovermitra.settings.v1', JSON.stringify({ pool: '//evil.example/pool/', device: 'off' })));
    await page.reload();
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', '10000', { timeout: 30_000 });
    await expect(page.getByTestId('settings-panel').getByTestId('device-setting')).toHaveValue('off');
  });
});
