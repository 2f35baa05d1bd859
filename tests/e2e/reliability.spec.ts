/**
 * Reliability (SPEC §11): a crashed or hung worker is restarted and the search retried once
 * (faults injected with the test-only `fault=` URL parameter, see src/workerSupervisor.ts); the
 * profile draft and the settings survive a reload; a corrupt stored draft is discarded with a
 * notice and the form still works. Synchronisation is on DOM states and storage, never on sleeps.
 */
import { expect, test, type Page } from '@playwright/test';

const DRAFT_KEY = 'rovermitra.draft.v1';
const SETTINGS_KEY = 'rovermitra.settings.v1';

async function openReady(page: Page, query = '?device=off') {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

const notice = (page: Page, code: string) => page.locator(`[data-testid="notice"][data-code="${code}"]`);
const nameField = (page: Page) => page.getByTestId('profile-form').getByLabel(/^name/i);

/** Pick the first persona, search, and expect result cards. Returns the persona's name as filled in. */
async function searchWithPersona(page: Page): Promise<string> {
  await page.getByTestId('persona').first().click();
  const name = await nameField(page).inputValue();
  expect(name.length).toBeGreaterThan(0);
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('result-card').first()).toBeVisible({ timeout: 30_000 });
  const n = await page.getByTestId('result-card').count();
  expect(n).toBeGreaterThanOrEqual(1);
  expect(n).toBeLessThanOrEqual(5);
  return name;
}

test('a worker that crashes during a search is restarted and the search retried', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openReady(page, '?device=off&fault=worker_crash_once');
  const name = await searchWithPersona(page);
  await expect(notice(page, 'worker_restarted')).toBeVisible();
  await expect(notice(page, 'worker_restarted')).toContainText(/crashed/);
  await expect(notice(page, 'worker_failed')).toHaveCount(0);
  await expect(page.locator('#results')).toHaveAttribute('aria-busy', 'false');
  // Nothing lost: the form still holds the profile, and the new worker answers the next search.
  await expect(nameField(page)).toHaveValue(name);
  const before = await page.getByTestId('funnel').getAttribute('data-search');
  await page.getByTestId('find-matches').click();
  await expect(page.getByTestId('funnel')).not.toHaveAttribute('data-search', before ?? '');
  await expect(notice(page, 'worker_restarted')).toHaveCount(1); // no second restart
  expect(errors).toEqual([]);
});

test('a worker that never answers a search is replaced after the watchdog and the search retried', async ({ page }) => {
  // watchdog_ms (honoured only together with fault=) shortens the 15 s search watchdog.
  await openReady(page, '?device=off&fault=worker_hang_once&watchdog_ms=2000');
  const name = await searchWithPersona(page);
  await expect(notice(page, 'worker_restarted')).toBeVisible();
  await expect(notice(page, 'worker_restarted')).toContainText(/stopped responding/);
  await expect(notice(page, 'worker_failed')).toHaveCount(0);
  await expect(page.locator('#results')).toHaveAttribute('aria-busy', 'false');
  await expect(nameField(page)).toHaveValue(name);
});

test('without a fault parameter no worker is restarted', async ({ page }) => {
  await openReady(page, '?device=off&watchdog_ms=1');
  await searchWithPersona(page);
  await expect(notice(page, 'worker_restarted')).toHaveCount(0);
});

test('the profile draft survives a reload', async ({ page }) => {
  await openReady(page);
  await nameField(page).fill('Reliability Rover');
  // Saved on every change: wait until the storage holds it, then reload.
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', DRAFT_KEY)).toContain('Reliability Rover');
  await page.reload();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(nameField(page)).toHaveValue('Reliability Rover');
  await expect(notice(page, 'draft_discarded')).toHaveCount(0);
});

test('the device setting survives a reload', async ({ page }) => {
  await openReady(page, '');
  const select = page.getByTestId('device-setting');
  await expect(select).toHaveValue('auto');
  await select.selectOption('off');
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', SETTINGS_KEY)).toContain('"device":"off"');
  // The new setting takes a fresh worker; it loads the pool again.
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await page.reload();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(page.getByTestId('device-setting')).toHaveValue('off');
  // And the worker really runs with it: models off, so the shortlist says why.
  await searchWithPersona(page);
  await expect(notice(page, 'similarity_off')).toBeVisible();
});

test('a corrupt stored draft is discarded with a notice, and the form works', async ({ page }) => {
  await openReady(page);
  await page.evaluate((key) => localStorage.setItem(key, '{not json'), DRAFT_KEY);
  await page.reload();
  await expect(notice(page, 'draft_discarded')).toBeVisible();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(nameField(page)).toHaveValue('');
  // The bad entry is gone (replaced by the empty form's draft).
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).not.toBe('{not json');
  await nameField(page).fill('Fresh Start');
  await expect(nameField(page)).toHaveValue('Fresh Start');
  await searchWithPersona(page);
});

test('one field that cannot be read back is dropped; the rest of the draft is restored', async ({ page }) => {
  await openReady(page);
  await searchWithPersona(page);
  const name = await nameField(page).inputValue();
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', DRAFT_KEY)).toContain(name);
  // A mistyped field and an over-long bio, as an older version or another tool might leave them.
  await page.evaluate((key) => {
    const box = JSON.parse(localStorage.getItem(key)!);
    box.draft.age = 'thirty';
    box.draft.bio = 'x'.repeat(10_001);
    localStorage.setItem(key, JSON.stringify(box));
  }, DRAFT_KEY);
  await page.reload();
  await expect(notice(page, 'draft_partly_restored')).toBeVisible();
  await expect(notice(page, 'draft_partly_restored')).toContainText('age, bio');
  await expect(notice(page, 'draft_discarded')).toHaveCount(0);
  await expect(nameField(page)).toHaveValue(name);
  await expect(page.locator('#f-age')).toHaveValue('');
  await expect(page.locator('#f-bio')).toHaveValue('');
});

test('the text inputs stop at the validation limits', async ({ page }) => {
  await openReady(page);
  const bio = page.locator('#f-bio');
  await bio.click();
  await page.keyboard.insertText('y'.repeat(600));
  await expect(bio).toHaveValue('y'.repeat(500));
  for (const [id, max] of [['#f-name', 80], ['#f-city', 80], ['#f-country', 80], ['#f-access', 200], ['#f-religion', 80]] as const) {
    await expect(page.locator(id)).toHaveAttribute('maxlength', String(max));
  }
});

test('when storage refuses the draft, the page says so and a reload does not bring back an older one', async ({ page }) => {
  await openReady(page);
  await nameField(page).fill('Older Draft');
  await expect.poll(() => page.evaluate((key) => localStorage.getItem(key) ?? '', DRAFT_KEY)).toContain('Older Draft');
  // Storage is now full: every write of the draft is refused.
  await page.evaluate((key) => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (k: string, v: string) {
      if (k === key) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, k, v);
    };
  }, DRAFT_KEY);
  await nameField(page).fill('Newer Draft');
  await expect(notice(page, 'draft_not_saved')).toBeVisible();
  expect(await page.evaluate((key) => localStorage.getItem(key), DRAFT_KEY)).toBeNull();
  await page.reload();
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
  await expect(nameField(page)).toHaveValue('');
});

test('two tabs keep one draft: an edit in one shows in the other', async ({ page, context }) => {
  await openReady(page);
  const other = await context.newPage();
  await openReady(other);
  await nameField(page).fill('Tab One');
  await expect(nameField(other)).toHaveValue('Tab One');
  await nameField(other).fill('Tab Two');
  await expect(nameField(page)).toHaveValue('Tab Two');
  await page.reload();
  await expect(nameField(page)).toHaveValue('Tab Two');
  await other.close();
});
