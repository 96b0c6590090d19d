/**
 * The screenshots in docs/images/, taken from the current build:
 * `npm run console:screenshots`. Tagged so `npm run test:e2e` skips them.
 */
import { fileURLToPath } from 'node:url';
import { test } from './fixtures.js';

const images = fileURLToPath(new URL('../../../docs/images/', import.meta.url));

test('screenshots of every page @screenshots', async ({ page, open }) => {
  await open('account');
  await page.screenshot({ path: `${images}console-account.png`, fullPage: true });

  await open('trunks');
  await page.getByRole('button', { name: /on legal: show settings/ }).click();
  await page.screenshot({ path: `${images}console-trunks.png`, fullPage: true });

  await open('codes');
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
  for (const key of '9999') await page.getByRole('button', { name: `Key ${key}` }).click();
  for (const key of '12') await page.getByRole('button', { name: `Key ${key}` }).click();
  await page.screenshot({ path: `${images}console-try-a-call.png`, fullPage: true });
});
