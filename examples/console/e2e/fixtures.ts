/**
 * The console under test: served from examples/console/dist/ on 127.0.0.1
 * (port 0, one server per worker, closed at the end), every page opened with
 * empty storage so it starts from the embedded example account, and every
 * test failing on any console error or uncaught exception in the page.
 */
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';
import { type ConsoleServer, serveConsole } from '../serve.js';

interface Fixtures {
  /** Opens a page of the console, such as `trunks`, and waits for its heading. */
  open: (route: string) => Promise<void>;
  /** Runs axe on the page as it is; fails on any violation. */
  axe: () => Promise<void>;
}

export const test = base.extend<Fixtures, { server: ConsoleServer }>({
  server: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright's fixture signature
    async ({}, use) => {
      const server = await serveConsole(0);
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],
  page: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') {
        problems.push(`console.${message.type()}: ${message.text()}`);
      }
    });
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
    await use(page);
    expect(problems, 'the page logged errors').toEqual([]);
  },
  open: async ({ page, server }, use) => {
    await use(async (route) => {
      await page.goto(`${server.url}#/${route}`);
      await shown(page, route);
    });
  },
  axe: async ({ page }, use) => {
    await use(async () => {
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map(
          (v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target).join(' ')})`,
        ),
      ).toEqual([]);
    });
  },
});

export { expect };

/**
 * Moves the open console to another page and waits until that page has
 * rendered: a hash change is a same-document navigation, so `goto` returns
 * before the new page replaces the old one.
 */
export async function goTo(page: Page, route: string): Promise<void> {
  await page.goto(page.url().replace(/#.*$/, `#/${route}`));
  await shown(page, route);
}

/** Waits until the page of `route` has replaced whatever was shown before. */
async function shown(page: Page, route: string): Promise<void> {
  await expect(page.locator(`main[data-page="${route}"] > h2`)).toBeVisible();
}

/** The trunk flags as the SIP Trunks page shows them, by trunk id. */
export async function trunkFlags(page: Page): Promise<Record<string, boolean>> {
  await goTo(page, 'trunks');
  const flags: Record<string, boolean> = {};
  for (const row of await page.locator('tbody tr[data-trunk]').all()) {
    const id = (await row.getAttribute('data-trunk')) ?? '';
    flags[id] = await row.getByRole('checkbox').isChecked();
  }
  return flags;
}

/** Places a call on the Try a call page. */
export async function dial(page: Page, trunk: string, dialed: string): Promise<void> {
  await page.getByLabel('Trunk').fill(trunk);
  await page.getByLabel('Dialed number').fill(dialed);
  await page.getByRole('button', { name: 'Place call' }).click();
  await expect(
    page.getByRole('heading', { level: 3, name: new RegExp(`${trunk} to`) }),
  ).toBeVisible();
}

/** Keys digits on the Try a call keypad. */
export async function keys(page: Page, digits: string): Promise<void> {
  for (const k of digits) await page.getByRole('button', { name: `Key ${k}`, exact: true }).click();
}
