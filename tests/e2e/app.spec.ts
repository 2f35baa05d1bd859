import { expect, test, type Page } from '@playwright/test';

const STAGES = ['hard', 'embed', 'shortlist', 'rank', 'explain', 'total'];

/** Every request the page makes, to prove nothing leaves the origin. */
function trackRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** The always-available path: models off, so the heuristic and rule-only shortlist answer. */
async function openReady(page: Page) {
  await page.goto('/?device=off');
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

test('the page is cross-origin isolated and shows the device panel', async ({ page }) => {
  await openReady(page);
  expect(await page.evaluate(() => crossOriginIsolated)).toBe(true);
  await expect(page.getByTestId('device-panel')).toBeVisible();
  await expect(page.getByTestId('device-panel')).toContainText(/heuristic/i);
});

test('each persona finds 1–5 matches with explanations, a funnel and per-stage timings', async ({ page, baseURL }) => {
  const requests = trackRequests(page);
  await openReady(page);
  const personas = page.getByTestId('persona');
  const count = await personas.count();
  expect(count).toBeGreaterThanOrEqual(4);

  for (let p = 0; p < count; p++) {
    await personas.nth(p).click();
    const previous = await page.getByTestId('funnel').getAttribute('data-search', { timeout: 100 }).catch(() => null);
    await page.getByTestId('find-matches').click();
    const funnel = page.getByTestId('funnel');
    await expect(funnel).toBeVisible();
    if (previous !== null) await expect(funnel).not.toHaveAttribute('data-search', previous);

    const cards = page.getByTestId('result-card');
    await expect(cards.first()).toBeVisible();
    const n = await cards.count();
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(5);
    for (const text of await page.getByTestId('result-explanation').allInnerTexts()) {
      expect(text.trim().startsWith('For you,')).toBe(true);
    }
    const scores = await cards.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-score'))));
    expect(scores.every((s) => s >= 0 && s <= 1)).toBe(true);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    expect(await funnel.getAttribute('data-pool')).toBe('10000');
    const hard = Number(await funnel.getAttribute('data-hard'));
    const final = Number(await funnel.getAttribute('data-final'));
    expect(hard).toBeGreaterThanOrEqual(final);
    expect(final).toBe(n);

    for (const stage of STAGES) {
      const row = page.locator(`[data-testid="stage-timing"][data-stage="${stage}"]`);
      await expect(row).toBeVisible();
      expect(Number(await row.getAttribute('data-ms'))).toBeGreaterThanOrEqual(0);
    }
    await expect(page.locator('[data-testid="notice"][data-code="similarity_off"]')).toBeVisible();
    // With models off every model engine is skipped: the heuristic's answer is final at once.
    await expect(page.locator('[data-testid="engine-step"][data-engine="heuristic"]')).toHaveAttribute('data-status', 'used');
    await expect(page.getByTestId('engine-used')).not.toContainText('still working');
  }

  const origin = new URL(baseURL!).origin;
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});

test('search timings are recorded as rm:<stage> performance measures', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible();
  // Every stage has its measure: a positive duration when it ran, marked skipped when it did not
  // (embed: models are off here, so the shortlist is rule-only).
  const measures = await page.evaluate((stages) => stages.map((s) => {
    const m = performance.getEntriesByName(`rm:${s}`, 'measure')[0] as PerformanceMeasure | undefined;
    return m ? { stage: s, duration: m.duration, skipped: Boolean((m.detail as { skipped?: boolean } | null)?.skipped) } : { stage: s, missing: true };
  }), STAGES);
  for (const m of measures) {
    expect(m, m.stage).not.toHaveProperty('missing');
    if (m.stage === 'embed') expect(m).toMatchObject({ skipped: true, duration: 0 });
    else expect(m, m.stage).toMatchObject({ skipped: false, duration: expect.any(Number) });
    if (m.stage !== 'embed') expect(m.duration, m.stage).toBeGreaterThan(0);
  }
  // Each search replaces the last one's measures: the timeline does not grow with the session.
  for (let k = 0; k < 2; k++) {
    const shown = await page.getByTestId('funnel').getAttribute('data-search');
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', shown ?? '');
  }
  await expect.poll(() => page.evaluate(() => performance.getEntriesByName('rm:total').length)).toBe(1);
  expect(await page.evaluate(() => performance.getEntriesByType('measure').filter((m) => m.name.startsWith('rm:')).length)).toBe(STAGES.length + 1);
});

test('invalid input gets inline, field-level messages and no search', async ({ page }) => {
  await openReady(page);
  await page.getByTestId('persona').first().click();
  const form = page.getByTestId('profile-form');
  await form.getByLabel(/^age/i).fill('7');
  await expect(page.locator('[data-testid="field-error"][data-path="age"]')).toContainText('from 18 to 99');
  await form.getByLabel(/^name/i).fill('');
  await expect(page.locator('[data-testid="field-error"][data-path="name"]')).toBeVisible();
  const button = page.getByTestId('find-matches');
  if (await button.isEnabled()) await button.click();
  await expect(page.getByTestId('result-card')).toHaveCount(0);
  await form.getByLabel(/^age/i).fill('30');
  await expect(page.locator('[data-testid="field-error"][data-path="age"]')).toHaveCount(0);
});
