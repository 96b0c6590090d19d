import { dial, expect, keys, test } from './fixtures.js';

test.describe('Lockout', () => {
  test('lockout settings: a bad value is refused at its field; the exposure and warnings follow the draft', async ({
    page,
    open,
    axe,
  }) => {
    await open('account');
    const exposure = page.getByTestId('exposure');
    // The example account: 4-digit codes, 6 of them, 2 validating trunks, the defaults (10 per 60 minutes).
    await expect(exposure).toContainText(
      'An attacker who can place calls finds a valid code in about 24 days: 1,429 guesses on average at 2.5 guesses an hour (30 a day on each of 2 trunks, the daily budget).',
    );
    const exposureWarnings = page.getByRole('list', { name: 'Warnings about the exposure' });
    await expect(exposureWarnings.locator('[data-code="short-exposure"]')).toHaveCount(1);
    await expect(exposureWarnings.locator('[data-code="weak-code"]')).toContainText('"1234"');

    const max = page.getByLabel('Wrong codes allowed (1–100)');
    await max.fill('0');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    const error = page.locator('[data-field="settings.lockout.maxFailures"]');
    await expect(error).toHaveAttribute('data-code', 'out-of-range');
    await expect(error).toContainText('settings.lockout.maxFailures must be');
    await expect(max).toHaveAttribute('aria-invalid', 'true');
    await expect(max).toHaveAccessibleDescription(/got 0/);
    await axe();

    // A lock shorter than the window is refused at unlockAfterMinutes.
    await max.fill('3');
    await page.getByLabel('Counted over the last … minutes (1–10080)').fill('120');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    const unlock = page.getByLabel(/Unlock after … minutes/);
    await expect(
      page.locator('[data-field="settings.lockout.unlockAfterMinutes"]'),
    ).toHaveAttribute('data-code', 'unlock-shorter-than-window');
    await expect(unlock).toHaveAttribute('aria-invalid', 'true');
    await expect(error).toHaveCount(0);

    // Only an administrator unlocks, with scope trunk: a warning; saved, it survives a reload.
    await page.getByLabel('Only an administrator unlocks (on the Lockout page)').check();
    await expect(unlock).toBeDisabled();
    const lockoutWarnings = page.getByRole('list', { name: 'Warnings about the lockout settings' });
    await expect(lockoutWarnings.locator('li')).toHaveAttribute(
      'data-code',
      'lockout-admin-unlock-only',
    );
    await page.getByLabel('What one count covers').selectOption('account');
    await expect(lockoutWarnings.locator('[data-code="lockout-account-scope"]')).toHaveCount(1);
    // 3 per 120 minutes is 36 a day: the daily budget (30) is the lesser rate.
    await expect(exposure).toContainText('(30 a day on the account, the daily budget)');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    await expect(page.getByText('Lockout settings saved. No trunk was changed.')).toBeVisible();
    await page.reload();
    await expect(page.getByLabel('Wrong codes allowed (1–100)')).toHaveValue('3');
    await expect(
      page.getByLabel('Only an administrator unlocks (on the Lockout page)'),
    ).toBeChecked();

    // Lockout off: its warning, and the exposure at 6 guesses a minute per trunk.
    await page.getByLabel('Lock out repeated wrong codes').uncheck();
    await expect(max).toBeDisabled();
    await expect(lockoutWarnings.locator('li')).toHaveAttribute('data-code', 'lockout-off');
    await expect(exposure).toContainText('6 guesses a minute on each of 2 trunks, lockout off');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    await page.reload();
    await expect(page.getByLabel('Lock out repeated wrong codes')).not.toBeChecked();
    await axe();
    await open('lockout');
    await expect(page.getByRole('heading', { name: 'Lockout is off' })).toBeVisible();
  });

  test('wrong codes in Try a call lock the trunk; the Lockout page shows it and unblocks it', async ({
    page,
    open,
    axe,
  }) => {
    await open('account');
    await page.getByLabel('Wrong codes allowed (1–100)').fill('3');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    await expect(page.getByText('Lockout settings saved.')).toBeVisible();

    await open('try');
    await dial(page, 'hq', '9 011 44 20 7946 0958');
    const transcript = page.getByTestId('transcript').locator('li');
    await keys(page, '9999');
    await keys(page, '8888');
    await expect(transcript.filter({ hasText: 'not on the list' })).toHaveCount(2);
    await open('lockout');
    const row = page.locator('tr[data-scope="trunk:hq:"]');
    await expect(row).toHaveAttribute('data-locked', 'false');
    await expect(row.locator('td').nth(1).locator('[data-window]')).toHaveText('2 / 3');
    await expect(row.locator('td').nth(1).locator('[data-daily]')).toHaveText('2 / 30 in 24 hours');

    await open('try');
    await dial(page, 'hq', '9 011 44 20 7946 0958');
    await keys(page, '7777');
    await expect(transcript.filter({ hasText: 'and the scope is now locked' })).toHaveCount(1);
    await expect(
      transcript.filter({ hasText: 'alert: scope trunk hq locked after 3 failures' }),
    ).toHaveCount(1);
    await expect(transcript.last()).toHaveText('end (locked-out)');
    const flow = page.locator('.flow svg');
    await expect(flow).toHaveAttribute('data-phase', 'locked-out');
    await expect(page.locator('[data-edge="awaiting-lookup->locked-out"]')).toHaveClass(/lit/);
    await expect(page.getByTestId('record')).toContainText('outcome locked-out');

    // The next call on hq is locked out at once: no digits collected, no look-up.
    await dial(page, 'hq', '9 011 44 20 7946 0958');
    await expect(transcript).toHaveText([
      'lockout gate: locked-out',
      'play locked-out: “Account codes are locked on this line. Please contact your administrator.”',
      'end (locked-out)',
    ]);
    await expect(page.locator('[data-edge="start->locked-out"]')).toHaveClass(/lit/);
    await expect(page.getByRole('button', { name: 'Key 1', exact: true })).toBeDisabled();
    await axe();
    // Another trunk is not affected.
    await dial(page, 'legal', '9 011 44 20 7946 0958');
    await expect(flow).toHaveAttribute('data-phase', 'collecting');

    await open('lockout');
    await expect(row).toHaveAttribute('data-locked', 'true');
    await expect(row.locator('td').nth(0)).toHaveText('locked');
    await expect(row.locator('td').nth(1).locator('[data-window]')).toHaveText('3 / 3');
    await expect(row.locator('td').nth(2)).not.toHaveText('—');
    await axe();
    await row.getByRole('button', { name: 'Unblock trunk hq' }).click();
    const dialog = page.getByRole('dialog', { name: 'Unblock?' });
    await expect(dialog).toContainText('trunk hq and every caller on it');
    await expect(dialog.getByRole('button', { name: 'Unblock' })).toBeFocused();
    await axe();
    await dialog.getByRole('button', { name: 'Unblock' }).click();
    await expect(page.getByRole('status')).toContainText('Unblocked: trunk hq.');
    await expect(page.getByTestId('no-scopes')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Unblock all' })).toBeDisabled();

    await open('try');
    await dial(page, 'hq', '9 011 44 20 7946 0958');
    await expect(flow).toHaveAttribute('data-phase', 'collecting');
  });

  test('911 on a locked trunk still connects with no prompt; an unknown trunk is refused, except 911', async ({
    page,
    open,
  }) => {
    await open('account');
    await page.getByLabel('Wrong codes allowed (1–100)').fill('1');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    await expect(page.getByText('Lockout settings saved.')).toBeVisible();
    await open('try');
    await dial(page, 'hq', '011 44 20 7946 0958');
    await keys(page, '9999');
    await expect(page.locator('.flow svg')).toHaveAttribute('data-phase', 'locked-out');

    await dial(page, 'hq', '911');
    await expect(page.getByTestId('classification')).toHaveText('emergency: 911');
    await expect(page.getByTestId('decision')).toHaveText('no code needed (rule emergency-exempt)');
    await expect(page.getByTestId('transcript').locator('li')).toHaveText([
      'connect, untagged (no code needed)',
    ]);

    await dial(page, 'typo', '911');
    await expect(page.getByTestId('decision')).toHaveText('no code needed (rule emergency-exempt)');

    await page.getByLabel('Dialed number').fill('011 44 20 7946 0958');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(
      page.getByRole('heading', { name: 'Refused: typo to 011 44 20 7946 0958' }),
    ).toBeVisible();
    await expect(page.getByTestId('decision')).toHaveText(
      'none: the call is refused (unknown-trunk)',
    );
    await expect(page.locator('[data-field="trunk"]')).toHaveAttribute(
      'data-code',
      'unknown-trunk',
    );
    await expect(page.getByLabel('Trunk')).toHaveAttribute('aria-invalid', 'true');
  });

  test('caller scope counts per caller id; Unblock all clears every scope', async ({
    page,
    open,
  }) => {
    await open('account');
    await page.getByLabel('Wrong codes allowed (1–100)').fill('1');
    await page.getByLabel('What one count covers').selectOption('caller');
    await page.getByRole('button', { name: 'Save lockout settings' }).click();
    await expect(page.getByText('Lockout settings saved.')).toBeVisible();
    await open('try');
    await page.getByLabel('Caller id (optional)').fill('(212) 555-0147');
    await dial(page, 'hq', '011 44 20 7946 0958');
    await keys(page, '9999');
    await expect(page.locator('.flow svg')).toHaveAttribute('data-phase', 'locked-out');
    // Another caller on the same trunk still gets to enter a code.
    await page.getByLabel('Caller id (optional)').fill('201');
    await dial(page, 'hq', '011 44 20 7946 0958');
    await expect(page.locator('.flow svg')).toHaveAttribute('data-phase', 'collecting');
    await page.getByLabel('Caller id (optional)').fill('alice');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.locator('[data-field="caller"]')).toHaveAttribute(
      'data-code',
      'invalid-caller-id',
    );

    await open('lockout');
    await expect(page.locator('tr[data-scope="caller:hq:2125550147"]')).toHaveAttribute(
      'data-locked',
      'true',
    );
    await expect(
      page.locator('tr[data-scope="trunk:hq:"] td').nth(1).locator('[data-window]'),
    ).toHaveText('1 / 3');
    await page.getByRole('button', { name: 'Unblock all' }).click();
    await page
      .getByRole('dialog', { name: 'Unblock?' })
      .getByRole('button', { name: 'Unblock' })
      .click();
    await expect(page.getByTestId('no-scopes')).toBeVisible();
  });

  test('a stored ledger that is not a ledger fails closed, except for 911, until an empty one is started', async ({
    page,
    open,
    axe,
  }) => {
    await open('try');
    await page.evaluate(() =>
      localStorage.setItem('account-codes-console/lockout-ledger', '{"version":2}'),
    );
    await dial(page, 'hq', '011 44 20 7946 0958');
    const flow = page.locator('.flow svg');
    await expect(flow).toHaveAttribute('data-phase', 'ledger-unavailable');
    await expect(page.locator('[data-edge="start->ledger-unavailable"]')).toHaveClass(/lit/);
    await expect(page.getByTestId('record')).toContainText('outcome ledger-unavailable');
    await dial(page, 'hq', '911');
    await expect(page.getByTestId('decision')).toHaveText('no code needed (rule emergency-exempt)');

    await open('lockout');
    await expect(page.locator('[data-code="invalid-ledger"]')).toBeVisible();
    await axe();
    await page.getByRole('button', { name: 'Start an empty ledger' }).click();
    await expect(page.getByTestId('no-scopes')).toBeVisible();
    await open('try');
    await dial(page, 'hq', '011 44 20 7946 0958');
    await expect(flow).toHaveAttribute('data-phase', 'collecting');
  });
});
