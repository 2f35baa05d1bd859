/**
 * A person's own RoverMitra data in the page (SPEC §2.4): the original `users.json` and
 * `matchmaker.json` opened with the file picker (or dropped), imported in the worker, searched,
 * kept on the device across a reload until removed. Nothing is uploaded. Fresh browser profile
 * per test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { writeOriginalPool } from '../support/originalFiles';
import { watchLongTasks } from '../support/page';

const FIXTURES = fileURLToPath(new URL('../fixtures/rovermitra/', import.meta.url));
const TMP = fileURLToPath(new URL('../../.tmp/import-files/', import.meta.url));

async function open(page: Page) {
  await page.goto('/?device=off');
  await expect(page.getByTestId('pool-status')).toHaveAttribute('data-ready', 'true', { timeout: 30_000 });
}

async function importFiles(page: Page, users: string, matchmaker: string) {
  await page.getByTestId('import-users').setInputFiles(users);
  await page.getByTestId('import-matchmaker').setInputFiles(matchmaker);
  await page.getByTestId('import-start').click();
}

test.describe('your own RoverMitra data', () => {
  test('the original files are imported, searched, kept across a reload, and can be switched away from and removed', async ({ page, baseURL }) => {
    const sent: string[] = [];
    page.on('request', (r) => { if (r.method() !== 'GET' || !r.url().startsWith(new URL(baseURL!).origin)) sent.push(`${r.method()} ${r.url()}`); });
    await open(page);
    await importFiles(page, path.join(FIXTURES, 'users.json'), path.join(FIXTURES, 'matchmaker.json'));
    const status = page.getByTestId('pool-status');
    await expect(status).toHaveAttribute('data-source', 'imported', { timeout: 30_000 });
    const count = Number(await status.getAttribute('data-count'));
    expect(count).toBeGreaterThan(3);
    await expect(page.getByTestId('import-summary')).toHaveAttribute('data-count', String(count));
    // Search: results and the funnel come from that pool.
    await page.getByTestId('persona').first().click();
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('funnel')).toHaveAttribute('data-pool', String(count), { timeout: 30_000 });
    // Nothing about the data left the page, and no e-mail is shown.
    expect(sent).toEqual([]);
    expect(await page.content()).not.toMatch(/@rovermitra\.example/);

    await page.reload();
    await expect(status).toHaveAttribute('data-source', 'imported', { timeout: 30_000 });
    await expect(status).toHaveAttribute('data-count', String(count));

    await page.getByTestId('use-builtin').click();
    await expect(status).toHaveAttribute('data-source', 'builtin');
    await expect(status).toHaveAttribute('data-count', '10000');
    await page.getByTestId('use-imported').click();
    await expect(status).toHaveAttribute('data-source', 'imported');
    await page.getByTestId('remove-imported').click();
    await expect(status).toHaveAttribute('data-source', 'builtin');
    await expect(page.getByTestId('import-summary')).toHaveCount(0);
    await page.reload();
    await expect(status).toHaveAttribute('data-count', '10000', { timeout: 30_000 });
    await expect(page.getByTestId('import-summary')).toHaveCount(0);
  });

  test('a file that is not the original format is refused with a clear error; the pool in use stays', async ({ page }) => {
    mkdirSync(TMP, { recursive: true });
    const bad = path.join(TMP, 'users-not-a-list.json');
    writeFileSync(bad, JSON.stringify({ users: [{ email: 'a@b.example' }] }));
    await open(page);
    await importFiles(page, bad, path.join(FIXTURES, 'matchmaker.json'));
    const error = page.getByTestId('import-error');
    await expect(error).toBeVisible({ timeout: 30_000 });
    await expect(error).toHaveAttribute('data-code', 'import_failed');
    await expect(error).toContainText('users.json: must be a list of user records');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-source', 'builtin');
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', '10000');
    await page.getByTestId('persona').first().click();
    await page.getByTestId('find-matches').click();
    await expect(page.getByTestId('funnel')).toHaveAttribute('data-pool', '10000', { timeout: 30_000 });
  });

  test('a large original pool imports with progress, without a long task on the main thread', async ({ page }) => {
    test.setTimeout(180_000);
    const COUNT = 20_000;
    const files = writeOriginalPool(TMP, COUNT, 3);
    const longTasks = await watchLongTasks(page);
    await open(page);
    const before = await longTasks.count();
    await importFiles(page, files.users, files.matchmaker);
    await expect(page.getByTestId('import-progress')).toBeVisible();
    await expect(page.getByTestId('import-progress')).toContainText('records', { timeout: 60_000 });
    await expect(page.getByTestId('pool-status')).toHaveAttribute('data-count', String(COUNT), { timeout: 150_000 });
    const long = await longTasks.since(before);
    expect(long.filter((d) => d > 50)).toEqual([]);
  });
});
