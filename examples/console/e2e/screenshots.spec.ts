/**
 * The screenshots in docs/images/, taken from the current build:
 * `npm run console:screenshots`. Tagged so `npm run test:e2e` skips them.
 */
import { fileURLToPath } from 'node:url';
import { expect, test } from './fixtures.js';

const images = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

test('screenshots of every page @screenshots', async ({ page, open }) => {
  await open('account');
  await page.screenshot({ path: `${images}console-account.png`, fullPage: true });

  await open('trunks');
  await page.getByRole('button', { name: /on legal: show settings/ }).click();
  await page.screenshot({ path: `${images}console-trunks.png`, fullPage: true });

  // The Codes page with code 2001 scoped to domestic calls on hq, and a CSV with bad rows.
  await open('codes');
  await page.getByRole('button', { name: 'Edit scope of code 2001' }).click();
  const scope = page.getByRole('form', { name: 'Scope of code 2001' });
  await scope.getByLabel('Only some call types').check();
  await scope.getByLabel('Domestic calls').check();
  await scope.getByLabel('Only some trunks').check();
  await scope.getByLabel('hq').check();
  await scope.getByLabel('Valid until').fill('2027-12-31T23:59:59Z');
  await scope.getByRole('button', { name: 'Save scope' }).click();
  await page
    .getByLabel('CSV text')
    .fill('code,name\n5001,Umbrella\n501,Too short\n1234,Duplicate\n');
  await page.getByRole('button', { name: 'Import codes' }).click();
  await page.screenshot({ path: `${images}console-codes.png`, fullPage: true });

  await open('disable');
  await page.screenshot({ path: `${images}console-disable.png`, fullPage: true });

  await open('try');
  await page.getByLabel('Dialed number').fill('9 011 44 20 7946 0958');
  await page.getByRole('button', { name: 'Place call' }).click();
  // 2001 is on the list but scoped to domestic calls: a wrong code to the caller, and the reason shown.
  for (const key of '2001') await page.getByRole('button', { name: `Key ${key}` }).click();
  for (const key of '12') await page.getByRole('button', { name: `Key ${key}` }).click();
  await page.screenshot({ path: `${images}console-try-a-call.png`, fullPage: true });

  // The Lockout page with a trunk locked by wrong codes in Try a call, and one still counting.
  await open('account');
  await page.getByLabel('Wrong codes allowed (1–100)').fill('3');
  await page.getByRole('button', { name: 'Save lockout settings' }).click();
  await open('try');
  for (const [trunk, codes] of [
    ['hq', '88887777'],
    ['legal', '5555'],
  ] as const) {
    await page.getByLabel('Trunk').fill(trunk);
    await page.getByLabel('Dialed number').fill('9 011 44 20 7946 0958');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(
      page.getByRole('heading', { name: `Call on ${trunk} to 9 011 44 20 7946 0958` }),
    ).toBeVisible();
    for (const key of codes) await page.getByRole('button', { name: `Key ${key}` }).click();
  }
  await open('lockout');
  await expect(page.locator('tr[data-locked="true"]')).toHaveCount(1);
  await page.screenshot({ path: `${images}console-lockout.png`, fullPage: true });
});
