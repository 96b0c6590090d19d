import { dial, expect, goTo, keys, test } from './fixtures.js';

test.describe('Try a call page', () => {
  test('an international call: a wrong code, then the right one, with the call flow lit', async ({
    page,
    open,
    axe,
  }) => {
    await open('try');
    await page.getByLabel('Trunk').fill('hq');
    await page.getByLabel('Dialed number').fill('9 011 44 20 7946 0958');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.getByTestId('classification')).toContainText('external (international)');
    await expect(page.getByTestId('decision')).toHaveText(
      'code required (rule required-call-type)',
    );
    await expect(page.getByTestId('reason')).toHaveText(
      'required: international is a required call type (account)',
    );
    const transcript = page.getByTestId('transcript').locator('li');
    await expect(transcript.first()).toHaveText(
      'play enter-code: “Please enter a valid account code.”',
    );
    const flow = page.locator('.flow svg');
    await expect(flow).toHaveAttribute('data-phase', 'collecting');
    await expect(page.locator('[data-state="collecting"]')).toHaveClass(/lit/);
    await axe();

    const key = (k: string) => page.getByRole('button', { name: `Key ${k}`, exact: true }).click();
    for (const k of '9999') await key(k);
    await expect(transcript.filter({ hasText: 'lookup-result 9999: not on the list' })).toHaveCount(
      1,
    );
    await expect(transcript.last()).toContainText('play invalid-code');
    await expect(page.locator('[data-edge="awaiting-lookup->collecting"]')).toHaveClass(/lit/);
    await expect(flow).toHaveAttribute('data-phase', 'collecting');

    for (const k of '1234') await key(k);
    await expect(transcript.last()).toHaveText('connect, tagged 1234 (validated)');
    await expect(flow).toHaveAttribute('data-phase', 'connected');
    await expect(page.locator('[data-state="connected"]')).toHaveClass(/lit/);
    await expect(page.locator('[data-edge="awaiting-lookup->connected"]')).toHaveClass(/lit/);
    await expect(page.getByTestId('record')).toHaveText(
      'Call record: outcome connected, code 1234, validated, 2 attempts',
    );
    await expect(page.getByRole('button', { name: 'Key 1', exact: true })).toBeDisabled();
    await axe();
  });

  test('an unattended (forwarded) international call ends with no prompt; a carried code connects it', async ({
    page,
    open,
    axe,
  }) => {
    await open('try');
    await page.getByLabel('Trunk').fill('hq');
    await page.getByLabel('Dialed number').fill('9 011 44 20 7946 0958');
    await page.getByLabel('Unattended (forwarded) call').check();
    await page.getByRole('button', { name: 'Place call' }).click();
    const transcript = page.getByTestId('transcript').locator('li');
    await expect(transcript).toHaveText([
      'unattended: ended: nobody can key a code and unattendedCalls is "end" (account)',
      'end (unattended)',
    ]);
    await expect(page.getByTestId('record')).toHaveText(
      'Call record: outcome ended, code none, not validated, 0 attempts',
    );
    await expect(page.getByRole('button', { name: 'Key 1', exact: true })).toHaveCount(0);
    await axe();

    await page.getByLabel('Carried code (optional)').fill('2001');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(transcript.last()).toHaveText('connect, tagged 2001 (validated)');
    await expect(page.getByTestId('record')).toHaveText(
      'Call record: outcome connected, code 2001, validated, 0 attempts',
    );
  });

  test('911 connects with no prompt, whatever the settings', async ({ page, open }) => {
    await open('try');
    await page.getByLabel('Trunk').fill('legal'); // every external call needs a code there
    await page.getByLabel('Dialed number').fill('911');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.getByTestId('classification')).toHaveText('emergency: 911');
    await expect(page.getByTestId('decision')).toHaveText('no code needed (rule emergency-exempt)');
    await expect(page.getByTestId('transcript').locator('li')).toHaveText([
      'connect, untagged (no code needed)',
    ]);
    await expect(page.getByTestId('transcript')).not.toContainText('play');
    await expect(page.getByRole('button', { name: 'Key 1', exact: true })).toHaveCount(0);
  });

  test('max retries end the call; a hangup abandons it; a bad dial string is refused at its field', async ({
    page,
    open,
  }) => {
    await open('try');
    await page.getByLabel('Dialed number').fill('011 44 20 7946 0958');
    await page.getByRole('button', { name: 'Place call' }).click();
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: 'Timeout' }).click();
    await expect(page.locator('.flow svg')).toHaveAttribute('data-phase', 'ended');
    await expect(page.getByTestId('transcript').locator('li').last()).toHaveText(
      'end (max-retries)',
    );

    await page.getByRole('button', { name: 'Place call' }).click();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.locator('.flow svg')).toHaveAttribute('data-phase', 'abandoned');
    await expect(page.getByTestId('record')).toContainText('outcome abandoned');

    const dialed = page.getByLabel('Dialed number');
    await dialed.fill('12ab');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(page.locator('[data-field="dialed"]')).toHaveAttribute(
      'data-code',
      'invalid-dial-string',
    );
    await expect(dialed).toHaveAttribute('aria-invalid', 'true');
  });

  test('a call that needs no code is tagged mid-call with the keypad, within the per-call budget', async ({
    page,
    open,
    axe,
  }) => {
    await open('try');
    await dial(page, 'hq', '9 212 555 0147');
    await expect(page.getByTestId('decision')).toContainText('no code needed');
    const transcript = page.getByTestId('transcript').locator('li');
    await expect(transcript).toHaveText([
      'connect, untagged (no code needed)',
      'mid-call tagging: key *50 then a code',
    ]);
    await expect(page.getByTestId('mid-call-phase')).toHaveText('listening');
    await expect(page.getByTestId('mid-call-budget')).toHaveText(
      '3 of 3 incorrect entries left on this call',
    );
    await keys(page, '*509999');
    await expect(transcript.filter({ hasText: 'lookup-result 9999: not on the list' })).toHaveCount(
      1,
    );
    await expect(page.getByTestId('mid-call-budget')).toHaveText(
      '2 of 3 incorrect entries left on this call',
    );
    await keys(page, '1234');
    await expect(transcript.last()).toHaveText('tag 1234 (validated); the call goes on');
    await expect(page.getByTestId('mid-call-tag')).toHaveText('1234 (validated)');
    await expect(page.getByTestId('mid-call-phase')).toHaveText('listening');
    await axe();
    await page.getByRole('button', { name: 'Hang up' }).click();
    await expect(page.getByTestId('mid-call-phase')).toHaveText('ended');
    await expect(page.getByRole('button', { name: 'Key 1', exact: true })).toBeDisabled();

    // The mid-call miss counts in the lockout ledger like any other (docs/rules.md#lockout).
    await open('lockout');
    await expect(
      page.locator('tr[data-scope="trunk:hq:"] td').nth(1).locator('[data-window]'),
    ).toHaveText('1 / 10');
  });

  test('a scoped code is refused as a wrong code, and the administrator sees why; the page scrolls to the call', async ({
    page,
    open,
    axe,
  }) => {
    await open('codes');
    await page.getByRole('button', { name: 'Edit scope of code 2001' }).click();
    const form = page.getByRole('form', { name: 'Scope of code 2001' });
    await form.getByLabel('Only some call types').check();
    await form.getByLabel('Domestic calls').check();
    await form.getByRole('button', { name: 'Save scope' }).click();
    await expect(page.getByRole('status')).toHaveText('Scope saved.');

    await page.setViewportSize({ width: 1200, height: 600 });
    await goTo(page, 'try');
    await page.getByLabel('Trunk').fill('hq');
    await page.getByLabel('Dialed number').fill('9 011 44 20 7946 0958');
    await page.getByRole('button', { name: 'Place call' }).click();
    const result = page.getByRole('heading', { level: 3, name: /^Call on hq to/ });
    await expect(result).toBeInViewport();

    await keys(page, '2001');
    const transcript = page.getByTestId('transcript').locator('li');
    await expect(
      transcript.filter({
        hasText:
          'lookup-result 2001: on the list, but refused for this call (not-permitted-call-type)',
      }),
    ).toHaveCount(1);
    await expect(transcript.last()).toContainText('play invalid-code'); // as for any wrong code
    const why = page.getByRole('list', { name: 'Why codes were refused' }).locator('li');
    await expect(why).toHaveText(
      'A code on the list was refused: the code may not authorize this type of call. The caller heard a wrong code.',
    );
    await expect(why).toHaveAttribute('data-reason', 'not-permitted-call-type');
    await axe();
    await keys(page, '1234');
    await expect(page.getByTestId('record')).toHaveText(
      'Call record: outcome connected, code 1234, validated, 2 attempts',
    );

    // Carried by a forwarded call, the scoped code is refused too, and the record says why.
    await page.getByLabel('Unattended (forwarded) call').check();
    await page.getByLabel('Carried code (optional)').fill('2001');
    await page.getByRole('button', { name: 'Place call' }).click();
    await expect(why).toHaveText(
      'The carried code was refused: the code may not authorize this type of call.',
    );
  });
});
