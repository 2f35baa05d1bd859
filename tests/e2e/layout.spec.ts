import { expect, test, type Page } from '@playwright/test';

/**
 * The layout from a 360 px phone to a desktop: no horizontal scroll, and screenshots of the
 * page after a persona search with the rules-only engines (`?device=off`: the same results every
 * run). Timings, the pool status and the device panel vary between runs and are masked.
 */
const VIEWPORTS = [
  { name: 'phone', width: 360, height: 800 },
  { name: 'desktop', width: 1280, height: 900 },
] as const;

async function searchFirstPersona(page: Page) {
  await page.goto('/?device=off');
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.getByTestId('persona').first().click();
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible();
  await expect(page.getByTestId('funnel')).toBeVisible();
  await expect(page.getByTestId('find-matches')).toHaveText('Find matches');
}

async function horizontalOverflow(page: Page): Promise<{ scroll: number; client: number; wide: string[] }> {
  return page.evaluate(() => {
    const client = document.documentElement.clientWidth;
    const wide = [...document.querySelectorAll<HTMLElement>('body *')]
      .filter((el) => el.getBoundingClientRect().right > client + 1 && el.offsetParent !== null)
      .slice(0, 5)
      .map((el) => `${el.tagName.toLowerCase()}.${el.className}`);
    return { scroll: document.documentElement.scrollWidth, client, wide };
  });
}

for (const vp of VIEWPORTS) {
  test.describe(`${vp.name} ${vp.width}×${vp.height}`, () => {
    test.use({ viewport: { width: vp.width, height: vp.height } });

    test('no horizontal scroll, before and after a search', async ({ page }) => {
      await page.goto('/?device=off');
      await expect(page.getByTestId('profile-form')).toBeVisible();
      let o = await horizontalOverflow(page);
      expect(o.scroll, `too wide: ${o.wide.join(', ')}`).toBeLessThanOrEqual(vp.width);
      await searchFirstPersona(page);
      o = await horizontalOverflow(page);
      expect(o.scroll, `too wide: ${o.wide.join(', ')}`).toBeLessThanOrEqual(vp.width);
      // The open "removed by rule" table must fit too.
      await page.getByTestId('funnel').locator('summary').click();
      o = await horizontalOverflow(page);
      expect(o.scroll, `too wide: ${o.wide.join(', ')}`).toBeLessThanOrEqual(vp.width);
    });

    test('screenshots of the form and the results', async ({ page }) => {
      await searchFirstPersona(page);
      const mask = [
        page.getByTestId('stage-timing'),
        page.getByTestId('pool-status'),
        page.getByTestId('device-panel'),
        page.locator('.timeline-panel .once'),
      ];
      const opts = { animations: 'disabled' as const, caret: 'hide' as const, mask, maxDiffPixelRatio: 0.02 };
      await page.evaluate(() => window.scrollTo(0, 0));
      await expect(page).toHaveScreenshot(`${vp.name}-top.png`, opts);
      await page.getByTestId('result-card').first().scrollIntoViewIfNeeded();
      await expect(page.getByTestId('result-card').first()).toHaveScreenshot(`${vp.name}-card.png`, opts);
    });
  });
}
