import { expect, goTo, test, trunkFlags } from './fixtures.js';

test.describe('Account Codes page', () => {
  test('enabling with a bad length shows the error at Code length; a good one fixes length and retries', async ({
    page,
    open,
    axe,
  }) => {
    await open('account');
    await page.getByRole('button', { name: 'Start a new account' }).click();
    // Replacing the configuration asks first; Escape keeps it.
    const replace = page.getByRole('dialog', { name: 'Replace the current configuration?' });
    await expect(replace).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(replace).toBeHidden();
    await expect(page.getByTestId('code-length')).toHaveText('4 digits (fixed once set)');
    await page.getByRole('button', { name: 'Start a new account' }).click();
    await replace.getByRole('button', { name: 'Replace' }).click();
    const length = page.getByLabel('Code length (3–7 digits)');
    await length.fill('9');
    await page.getByRole('button', { name: 'Enable account codes' }).click();
    const error = page.locator('[data-field="codeLength"]');
    await expect(error).toHaveText('codeLength must be an integer from 3 to 7; got 9');
    await expect(error).toHaveAttribute('data-code', 'out-of-range');
    await expect(length).toHaveAttribute('aria-invalid', 'true');
    await expect(length).toHaveAccessibleDescription(/got 9/);
    await axe();

    await length.fill('5');
    await page.getByLabel('Maximum retries (1–9)').fill('2');
    await page.getByRole('button', { name: 'Enable account codes' }).click();
    await expect(page.getByTestId('code-length')).toHaveText('5 digits (fixed once set)');
    await expect(page.getByTestId('max-retries')).toHaveText('2 (fixed once set)');
    await expect(page.getByLabel('Code length (3–7 digits)')).toHaveCount(0);
    await page.reload();
    await expect(page.getByTestId('code-length')).toHaveText('5 digits (fixed once set)');
    // A new account starts with the master switch off (docs/rules.md#account-settings defaults).
    await expect(page.getByLabel('Allow account codes')).not.toBeChecked();
    await expect(page.getByText('None selected: every external call needs a code.')).toBeVisible();
    await axe();
  });

  test('Save answered Yes turns on every trunk that was off', async ({ page, open, axe }) => {
    await open('account');
    expect(await trunkFlags(page)).toEqual({ hq: true, lab: true, legal: true, lobby: false });
    await open('account');
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.click();
    const dialog = page.getByRole('dialog', {
      name: "Enable account codes for all trunks that don't have it yet?",
    });
    await expect(dialog).toBeVisible();
    await expect(dialog).toContainText('Yes turns it on for lobby');
    await expect(dialog.getByRole('button', { name: 'Yes' })).toBeFocused();
    await axe();
    await dialog.getByRole('button', { name: 'Yes' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('status')).toContainText('Account codes turned on for: lobby.');
    expect(await trunkFlags(page)).toEqual({ hq: true, lab: true, legal: true, lobby: true });
  });

  test('Save answered No leaves every trunk flag as it was, and still saves', async ({
    page,
    open,
  }) => {
    await open('account');
    await page.getByLabel('Require for internal calls').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'No' }).click();
    await expect(page.getByRole('status')).toContainText('Saved. No trunk was changed.');
    expect(await trunkFlags(page)).toEqual({ hq: true, lab: true, legal: true, lobby: false });
    await page.reload();
    await goTo(page, 'account');
    await expect(page.getByLabel('Require for internal calls')).toBeChecked();
  });

  test('Escape cancels the question: nothing is saved and focus returns to Save', async ({
    page,
    open,
  }) => {
    await open('account');
    await page.getByLabel('Validate account codes').uncheck();
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await save.focus();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('dialog')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(save).toBeFocused();
    await expect(page.getByRole('status')).toHaveCount(0);
    expect(await trunkFlags(page)).toEqual({ hq: true, lab: true, legal: true, lobby: false });
  });

  test('a bad mid-call code is refused at its field, before any question', async ({
    page,
    open,
    axe,
  }) => {
    await open('account');
    const field = page.getByLabel('Mid-call code');
    await field.fill('50');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(page.getByRole('dialog')).toBeHidden();
    await expect(page.locator('[data-field="settings.midCallCode"]')).toContainText(
      'settings.midCallCode must be "*" followed by 1 to 3 digits',
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await axe();
  });

  test('the docs/rules.md#account-settings traps are shown where the settings are', async ({
    page,
    open,
  }) => {
    await open('account');
    await expect(page.getByRole('list', { name: 'Warnings about these settings' })).toHaveCount(0);
    await page.getByLabel('Validate account codes').uncheck();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'No' }).click();
    await expect(
      page.getByRole('list', { name: 'Warnings about these settings' }).locator('li'),
    ).toHaveAttribute('data-code', 'required-types-without-validation');

    // Every call type off: "none selected means every external call".
    for (const label of ['International calls', 'Premium / toll calls']) {
      await page.getByLabel(label).uncheck();
    }
    await expect(page.getByText('None selected: every external call needs a code.')).toBeVisible();
  });

  test('the pages work from the keyboard: a link moves focus to the new page heading', async ({
    page,
    open,
  }) => {
    await open('account');
    await page.getByRole('link', { name: 'SIP Trunks' }).focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { level: 2, name: 'SIP Trunks' });
    await expect(heading).toBeFocused();
    // Its focus outline is visible but hugs the words: not a full-width black box.
    const outline = await heading.evaluate((h) => {
      const style = getComputedStyle(h);
      const main = h.parentElement?.getBoundingClientRect().width ?? 0;
      return {
        style: style.outlineStyle,
        width: style.outlineWidth,
        color: style.outlineColor,
        share: h.getBoundingClientRect().width / main,
      };
    });
    expect(outline).toMatchObject({ style: 'solid', width: '2px', color: 'rgb(11, 92, 173)' });
    expect(outline.share).toBeLessThan(0.5);
    await expect(page.getByRole('link', { name: 'SIP Trunks' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Enable account codes on hq')).toBeFocused();
    await page.keyboard.press('Space');
    await expect(page.getByLabel('Enable account codes on hq')).not.toBeChecked();
  });

  test('every call type is offered, grouped with the seed’s three first, and saved', async ({
    page,
    open,
  }) => {
    await open('account');
    const groups = page.locator('fieldset.call-type-group');
    await expect(groups.locator('legend')).toHaveText(['Costly calls', 'Other calls']);
    await expect(groups.first().locator('label')).toHaveText([
      'International calls',
      'Premium / toll calls',
      'Directory assistance',
    ]);
    await expect(groups.last().locator('label')).toHaveText([
      'Domestic calls',
      'Calls to mobiles',
      'Toll-free calls',
      'Service codes',
    ]);
    await page.getByLabel('Calls to mobiles').check();
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'No' }).click();
    await expect(page.getByRole('status')).toContainText('Saved.');
    await page.reload();
    await expect(page.getByLabel('Calls to mobiles')).toBeChecked();
    await expect(page.getByLabel('Toll-free calls')).not.toBeChecked();
  });

  test('country, dial plan and exempt numbers are edited, each error at its field', async ({
    page,
    open,
    axe,
  }) => {
    test.setTimeout(90_000); // axe on a long page, on a shared machine
    await open('account');
    const save = page.getByRole('button', { name: 'Save country and dial plan' });
    const country = page.getByLabel('Country', { exact: true });
    await expect(country).toHaveValue('US');
    await country.fill('XX');
    await save.click();
    const countryError = page.locator('[data-field="country"]');
    await expect(countryError).toContainText('ISO 3166 alpha-2');
    await expect(country).toHaveAttribute('aria-invalid', 'true');
    await expect(country).toHaveAttribute(
      'aria-describedby',
      `${await countryError.getAttribute('id')} dial-plan-country-hint`,
    );
    await axe();
    await country.fill('GB');

    const lengths = page.getByLabel('Extension lengths');
    await expect(lengths).toHaveValue('3, 4');
    await lengths.fill('3, 9');
    await save.click();
    await expect(page.locator('[data-field="dialPlan.extensionLengths"]')).toContainText(
      'from 2 to 6; got 9',
    );
    await expect(lengths).toHaveAttribute('aria-invalid', 'true');
    await expect(country).not.toHaveAttribute('aria-invalid', 'true');
    await lengths.fill('3, 4');

    const own = page.getByLabel('The account’s own numbers');
    await own.fill('+12125550100\n2125550199');
    await save.click();
    await expect(page.locator('[data-field="dialPlan.ownNumbers"]')).toContainText('E.164');
    await expect(own).toHaveAttribute('aria-invalid', 'true');
    await own.fill('+12125550100\n+12125550199');

    const prefix = page.getByLabel('Outside-line prefix');
    await prefix.fill('x');
    await save.click();
    await expect(page.locator('[data-field="dialPlan.outsideLinePrefix"]')).toContainText(
      'one or two digits',
    );
    await prefix.fill('9');

    const exempt = page.getByLabel('Exempt numbers');
    await expect(exempt).toHaveValue('988, 711');
    await exempt.fill('988, 71a');
    await save.click();
    await expect(page.locator('[data-field="exemptNumbers"]')).toContainText('got "71a"');
    await expect(exempt).toHaveAttribute('aria-invalid', 'true');
    await exempt.fill('988, 711, 116123');
    await save.click();
    await expect(page.getByRole('status')).toHaveText('Country and dial plan saved.');

    await page.reload();
    await expect(page.getByLabel('Country', { exact: true })).toHaveValue('GB');
    await expect(page.getByLabel('Exempt numbers')).toHaveValue('988, 711, 116123');

    // The new country reads dialed strings: a UK mobile from a GB account.
    await goTo(page, 'try');
    await page.getByLabel('Trunk').fill('hq');
    await page.getByLabel('Dialed number').fill('9 07400 123456');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.getByTestId('classification')).toContainText('mobile');
    await page.getByLabel('Dialed number').fill('9 116123');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.getByTestId('decision')).toContainText('no code needed');
  });
});
