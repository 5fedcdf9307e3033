/**
 * Browser steps for correcting records on a person's page, run by `run.ts` on the page of a
 * fictional demo person. Names: a spelling added by hand (the server's messages beside the
 * language and the name it refuses), then corrected in two tabs at once (the later save is
 * refused as stale, and reloads with its own change kept), its history entry, and Escape.
 * Events: the first event of the timeline corrected in place (the server's message beside a
 * date it cannot read, then the new date and acting party on the timeline). Details: an
 * identifier, the family contact and who may see the person edited (the server's message beside
 * an empty identifier), a save gone stale in a second tab reloaded with its identifier kept, and
 * an identifier removed and the person's level set back. Claims: a claim entered on the page,
 * still pending, has its place in the source corrected in place; a claim already accepted says
 * on its button that a correction sends it back to review.
 */
import type { Locator, Page } from 'playwright-core';

/** What the steps use of `run.ts`: its checks, its waits and its screenshots. */
export interface EditRecordsHelpers {
  step: (name: string) => void;
  check: (condition: unknown, message: string) => void;
  visible: (locator: Locator, what: string, timeout?: number) => Promise<void>;
  screenshot: (page: Page, name: string) => Promise<void>;
}

/** A spelling the run adds, first with a typo it then corrects (fictional). */
const ADDED = 'Nareg Hagopyan';
const CORRECTED = 'Nareg Hagopian';
const ACTING_PARTY = 'Border guard of State B (e2e)';
/** An ICRC case number, a service number and a family contact the run records (fictional). */
const ICRC_CASE = 'ICRC-E2E-0001';
const SERVICE_NUMBER = 'SN-E2E-0002';
const FAMILY_CONTACT = 'Sister (e2e, fictional), +374 00 000 000';
/** The unit another tab gives the person while a save is pending (fictional). */
const UNIT_MEANWHILE = 'Demo unit 9 (e2e)';
/** A claim the run enters about the person, and where in the source it is, then corrected. */
const CLAIM_EXCERPT = 'A visitor saw him in the yard of the detention centre (e2e, fictional).';
const CLAIM_LOCATOR = 'p. 3 (e2e)';
const CORRECTED_LOCATOR = 'p. 5, paragraph 2 (e2e)';

export async function editRecords(page: Page, helpers: EditRecordsHelpers) {
  await addSpelling(page, helpers);
  await correctSpellingDespiteStaleTab(page, helpers);
  await correctEvent(page, helpers);
  await editIdentifiersContactAndVisibility(page, helpers);
  await reloadStaleDetailsKeepingIdentifier(page, helpers);
  await removeIdentifierAndRestoreVisibility(page, helpers);
  await correctPendingClaim(page, helpers);
}

const namesPanel = (page: Page) => page.locator('section[aria-labelledby="names-heading"]');
const nameRow = (page: Page, value: string) =>
  page.getByTestId('person-names').locator('tbody tr', { hasText: value });

/** The server's message beside the field labelled `label` in `form`. */
const errorBeside = (form: Locator, label: string, message: string) =>
  form.locator('.field-invalid', { hasText: label }).locator('.field-error', { hasText: message });

const isFocused = (locator: Locator) => locator.evaluate((el) => el === document.activeElement);

async function addSpelling(page: Page, { step, check, visible }: EditRecordsHelpers) {
  step('staff add a spelling by hand; the server’s messages show beside the fields');
  await namesPanel(page).getByRole('button', { name: 'Add a spelling' }).click();
  const form = page.getByRole('form', { name: 'Add a spelling' });
  const value = form.getByLabel('Name', { exact: true });
  await visible(value, 'the form of a new spelling');
  check(await isFocused(value), 'the new spelling’s form did not put focus in its first field');
  // The person's own Latin spelling again, in other letters' case, and a language code in capitals.
  await value.fill('narek hakobyan');
  await form.getByLabel('Language').fill('EN');
  await form.getByRole('button', { name: 'Add the spelling' }).click();
  await visible(errorBeside(form, 'Language', 'language code'), 'the message beside the language');
  await form.getByLabel('Language').fill('en');
  await form.getByRole('button', { name: 'Add the spelling' }).click();
  await visible(
    errorBeside(form, 'Name', 'already bears this spelling'),
    'the message beside a spelling the person already bears',
  );
  await value.fill(ADDED);
  const script = await form.getByLabel('Script').locator('option:checked').textContent();
  check(script?.includes('(Latin)'), `the script offered for the spelling is “${script}”`);
  await form.getByRole('button', { name: 'Add the spelling' }).click();
  const row = nameRow(page, ADDED);
  await visible(row, 'the added spelling among the names');
  for (const text of ['Latin', 'Transliteration', 'en'])
    await visible(row.getByText(text, { exact: true }), `“${text}” in the added spelling’s row`);
  check(!(await form.isVisible()), 'the form stayed open after the spelling was added');
}

async function correctSpellingDespiteStaleTab(
  page: Page,
  { step, check, visible, screenshot }: EditRecordsHelpers,
) {
  step('a spelling corrected in place; a save gone stale reloads with its change kept');
  // A second tab opens the correction first; it will save after this tab has.
  const staleTab = await page.context().newPage();
  staleTab.setDefaultTimeout(15_000);
  await staleTab.goto(page.url());
  await staleTab.getByRole('button', { name: `Correct ${ADDED}` }).click();
  const staleForm = staleTab.getByRole('form', { name: 'Correct the name' });
  await staleForm.getByLabel('Name', { exact: true }).fill(CORRECTED);

  await namesPanel(page)
    .getByRole('button', { name: `Correct ${ADDED}` })
    .click();
  const form = page.getByRole('form', { name: 'Correct the name' });
  await form.getByLabel('Kind').selectOption({ label: 'Alias' });
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await visible(nameRow(page, ADDED).getByText('Alias', { exact: true }), 'the kind corrected');

  await staleForm.getByRole('button', { name: 'Save the correction' }).click();
  const reload = staleForm.getByTestId('conflict-reload');
  await visible(reload, 'the offer to reload a name saved meanwhile');
  await reload.getByRole('button', { name: 'Reload the name' }).click();
  await visible(
    staleForm
      .getByTestId('rebased-notice')
      .filter({ hasText: 'Changed meanwhile by someone else: Kind' }),
    'what the other tab changed',
  );
  check(
    (await staleForm.getByLabel('Name', { exact: true }).inputValue()) === CORRECTED,
    'the reload lost the corrected spelling',
  );
  check(
    (await staleForm.getByLabel('Kind').inputValue()) === 'alias',
    'the reload did not take the kind saved meanwhile',
  );
  await screenshot(staleTab, 'name-correction-reloaded.png');
  await staleForm.getByRole('button', { name: 'Save the correction' }).click();
  await visible(nameRow(staleTab, CORRECTED), 'the corrected spelling in the stale tab');
  await staleTab.close();

  await page.reload();
  const row = nameRow(page, CORRECTED);
  await visible(row.getByText('Alias', { exact: true }), 'the corrected spelling, as an alias');

  const history = page.locator('section[aria-labelledby="history-heading"]');
  const change = history.getByTestId('history-entry').first().locator('li[data-field="value"]');
  await visible(change, 'the correction of the spelling in the history');
  const before = ((await change.locator('.history-before').textContent()) ?? '').trim();
  const after = ((await change.locator('.history-after').textContent()) ?? '').trim();
  check(
    before.includes(ADDED) && after.includes(CORRECTED),
    `the history shows the spelling “${before}” → “${after}”`,
  );

  // Escape closes the correction, and focus goes back to the button that opened it.
  const correct = namesPanel(page).getByRole('button', { name: `Correct ${CORRECTED}` });
  await correct.click();
  await visible(form, 'the correction form opened again');
  await page.keyboard.press('Escape');
  await form.waitFor({ state: 'detached' });
  check(await isFocused(correct), 'focus did not go back to the Correct button after Escape');
}

async function correctEvent(page: Page, { step, check, visible, screenshot }: EditRecordsHelpers) {
  step('an event corrected in place: a date it cannot read is refused beside it');
  const first = page.getByTestId('timeline').getByTestId('timeline-event').first();
  await first.getByRole('button', { name: /^Correct the event/ }).click();
  const form = first.getByRole('form', { name: 'Correct the event' });
  for (const label of ['Type of event', 'Date', 'Place', 'Acting party', 'Role of this person'])
    await visible(form.getByLabel(label, { exact: true }), `the field ${label} in the correction`);
  const date = form.getByLabel('Date', { exact: true });
  const earlierDate = await date.inputValue();
  await date.fill('autumn 2020');
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await visible(errorBeside(form, 'Date', 'YYYY'), 'the server’s message beside the date');
  await screenshot(page, 'event-correction.png');

  const newDate = earlierDate === '2020-12-12' ? '2020-12-11' : '2020-12-12';
  await date.fill(newDate);
  await form.getByLabel('Acting party', { exact: true }).fill(ACTING_PARTY);
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await form.waitFor({ state: 'detached' });
  const corrected = page
    .getByTestId('timeline')
    .getByTestId('timeline-event')
    .filter({ hasText: ACTING_PARTY });
  await visible(corrected, 'the corrected acting party on the timeline');
  const shownDate = ((await corrected.locator('.timeline-date').textContent()) ?? '').trim();
  check(/12|11/.test(shownDate), `the timeline shows the corrected event on “${shownDate}”`);
  await namesPanel(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'person-corrected.png');
}

const detailsPanel = (page: Page) => page.locator('section[aria-labelledby="details-heading"]');
const detailRow = (page: Page, label: string) =>
  detailsPanel(page).locator('.details .detail', { hasText: label });

/** The level the person had before the run changed it, to set it back. */
let earlierLevel = '';

async function editIdentifiersContactAndVisibility(
  page: Page,
  { step, check, visible, screenshot }: EditRecordsHelpers,
) {
  step('an identifier, the family contact and who may see the person, edited in the details');
  await detailsPanel(page).getByRole('button', { name: 'Edit the details' }).click();
  const form = page.getByRole('form', { name: 'Edit the details' });
  const level = form.getByLabel('Who may see this person', { exact: true });
  await visible(level, 'the choice of who may see the person');
  earlierLevel = await level.inputValue();
  // The administrator is cleared for restricted data: every level, and the family contact.
  const levels = await level.locator('option').allTextContents();
  check(
    levels.join(', ') === 'Public, Partners, Staff only, Restricted',
    `the levels offered to an administrator are “${levels.join(', ')}”`,
  );
  const contact = form.getByLabel('Family contact', { exact: true });
  await visible(contact, 'the family contact, for a user cleared for restricted data');

  await form.getByRole('button', { name: 'Add an identifier' }).click();
  const kind = form.getByLabel('Kind of identifier 1', { exact: true });
  await visible(kind, 'the row of a new identifier');
  check(await isFocused(kind), 'the new identifier’s row did not take the focus');
  await kind.selectOption({ label: 'ICRC case' });
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await visible(
    errorBeside(form, 'Identifier 1', 'must not be empty'),
    'the server’s message beside the empty identifier',
  );
  await form.getByLabel('Identifier 1', { exact: true }).fill(ICRC_CASE);
  await contact.fill(FAMILY_CONTACT);
  await level.selectOption({ label: 'Staff only' });
  check(
    (await form.locator('.field', { hasText: 'Who may see this person' }).textContent())?.includes(
      'partners never learn',
    ),
    'the choice of who may see the person does not say what “Staff only” means',
  );
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, 'person-details-form.png');
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await form.waitFor({ state: 'detached' });

  await visible(
    detailRow(page, 'Identifiers').getByText(ICRC_CASE),
    'the ICRC case number in the details',
  );
  await visible(
    detailRow(page, 'Identifiers').getByText('ICRC case:'),
    'the kind of the identifier in the details',
  );
  await visible(
    detailRow(page, 'Family contact').getByText(FAMILY_CONTACT),
    'the family contact in the details',
  );
  await visible(
    detailRow(page, 'Who may see this person').getByText('Staff only', { exact: true }),
    'who may see the person in the details',
  );
  await visible(
    page.locator('.page-header .badge', { hasText: 'Staff only' }),
    'the staff-only badge beside the person’s name',
  );
  const history = page.locator('section[aria-labelledby="history-heading"]');
  const entry = history.getByTestId('history-entry').first();
  for (const field of ['identifiers', 'sensitivity'])
    await visible(
      entry.locator(`li[data-field="${field}"]`),
      `the change of ${field} in the history`,
    );
  const levelChange = entry.locator('li[data-field="sensitivity"]');
  const before = ((await levelChange.locator('.history-before').textContent()) ?? '').trim();
  const after = ((await levelChange.locator('.history-after').textContent()) ?? '').trim();
  check(after === 'Staff only', `the history shows the level “${before}” → “${after}”`);
}

async function reloadStaleDetailsKeepingIdentifier(
  page: Page,
  { step, check, visible, screenshot }: EditRecordsHelpers,
) {
  step('a save of the details gone stale reloads with its new identifier kept');
  // A second tab adds an identifier; it will save after this tab has changed the unit.
  const staleTab = await page.context().newPage();
  staleTab.setDefaultTimeout(15_000);
  await staleTab.goto(page.url());
  await staleTab.getByRole('button', { name: 'Edit the details' }).click();
  const staleForm = staleTab.getByRole('form', { name: 'Edit the details' });
  await staleForm.getByRole('button', { name: 'Add an identifier' }).click();
  await staleForm
    .getByLabel('Kind of identifier 2', { exact: true })
    .selectOption({ label: 'Service number' });
  await staleForm.getByLabel('Identifier 2', { exact: true }).fill(SERVICE_NUMBER);

  await detailsPanel(page).getByRole('button', { name: 'Edit the details' }).click();
  const form = page.getByRole('form', { name: 'Edit the details' });
  await form.getByLabel('Unit', { exact: true }).fill(UNIT_MEANWHILE);
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await form.waitFor({ state: 'detached' });
  await visible(detailRow(page, 'Unit').getByText(UNIT_MEANWHILE), 'the unit saved meanwhile');

  await staleForm.getByRole('button', { name: 'Save the changes' }).click();
  const reload = staleForm.getByTestId('conflict-reload');
  await visible(reload, 'the offer to reload a person saved meanwhile');
  await reload.getByRole('button', { name: 'Reload the person' }).click();
  await visible(
    staleForm
      .getByTestId('rebased-notice')
      .filter({ hasText: 'Changed meanwhile by someone else: Unit.' }),
    'what the other tab changed, and nothing else',
  );
  check(
    (await staleForm.getByLabel('Identifier 2', { exact: true }).inputValue()) === SERVICE_NUMBER,
    'the reload lost the identifier added',
  );
  check(
    (await staleForm.getByLabel('Unit', { exact: true }).inputValue()) === UNIT_MEANWHILE,
    'the reload did not take the unit saved meanwhile',
  );
  await staleForm.scrollIntoViewIfNeeded();
  await screenshot(staleTab, 'person-details-reloaded.png');
  await staleForm.getByRole('button', { name: 'Save the changes' }).click();
  await staleForm.waitFor({ state: 'detached' });
  await visible(
    detailRow(staleTab, 'Identifiers').getByText(SERVICE_NUMBER),
    'the service number saved from the stale tab',
  );
  await staleTab.close();

  await page.reload();
  for (const text of [ICRC_CASE, SERVICE_NUMBER])
    await visible(detailRow(page, 'Identifiers').getByText(text), `${text} in the details`);
  await visible(detailRow(page, 'Unit').getByText(UNIT_MEANWHILE), 'the unit kept');
}

async function removeIdentifierAndRestoreVisibility(
  page: Page,
  { step, check, visible, screenshot }: EditRecordsHelpers,
) {
  step('an identifier removed, and the person’s level set back as it was');
  await detailsPanel(page).getByRole('button', { name: 'Edit the details' }).click();
  const form = page.getByRole('form', { name: 'Edit the details' });
  check(
    (await form.getByLabel('Identifier 2', { exact: true }).inputValue()) === SERVICE_NUMBER,
    'the form does not hold the service number',
  );
  await form.getByRole('button', { name: 'Remove identifier 2' }).click();
  await form.getByLabel('Identifier 2', { exact: true }).waitFor({ state: 'detached' });
  check(earlierLevel !== '' && earlierLevel !== 'public', `the person was “${earlierLevel}”`);
  await form.getByLabel('Who may see this person', { exact: true }).selectOption(earlierLevel);
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await form.waitFor({ state: 'detached' });
  await visible(
    detailRow(page, 'Identifiers').getByText(ICRC_CASE),
    'the ICRC case number still in the details',
  );
  await detailRow(page, 'Identifiers').getByText(SERVICE_NUMBER).waitFor({ state: 'detached' });
  await page
    .locator('.page-header .badge', { hasText: 'Staff only' })
    .waitFor({ state: 'detached' });
  await detailsPanel(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'person-details-edited.png');
}

const claimsPanel = (page: Page) => page.locator('section[aria-labelledby="claims-heading"]');

async function correctPendingClaim(
  page: Page,
  { step, check, visible, screenshot }: EditRecordsHelpers,
) {
  step('a pending claim’s place in the source corrected in place');
  const accepted = page
    .getByTestId('person-claims')
    .locator('tbody tr', { hasText: 'Accepted' })
    .first()
    .getByRole('button', { name: /^Correct the claim/ });
  await visible(accepted, 'the Correct button of an accepted claim');
  check(
    (await accepted.getAttribute('title'))?.includes('sends it back to review'),
    'the Correct button of an accepted claim does not say it sends the claim back to review',
  );

  await claimsPanel(page).getByRole('button', { name: 'Add a claim' }).click();
  const entry = page.getByRole('form', { name: 'Add a claim' });
  await entry.getByLabel('Source', { exact: true }).fill('Aliyev Hands Over');
  await entry.locator('.picker-option').first().click();
  await entry.getByLabel('What the source asserts').selectOption('other');
  await entry.getByLabel('Value', { exact: true }).fill('Seen alive (e2e)');
  await entry.getByLabel('Excerpt').fill(CLAIM_EXCERPT);
  await entry.getByLabel('Where in the source').fill(CLAIM_LOCATOR);
  await entry.getByRole('button', { name: 'Enter the claim' }).click();
  await visible(page.getByTestId('claim-entered'), 'the confirmation of the claim');
  await page.getByTestId('claim-entered').getByRole('button', { name: 'Close' }).click();

  const row = page.getByTestId('person-claims').locator('tbody tr', { hasText: CLAIM_EXCERPT });
  await visible(row.getByText('Awaiting review'), 'the new claim, pending');
  await row.getByRole('button', { name: /^Correct the claim/ }).click();
  const form = page.getByRole('form', { name: 'Correct the claim' });
  const locator = form.getByLabel('Where in the source', { exact: true });
  await visible(locator, 'the correction of the claim');
  check(
    (await locator.inputValue()) === CLAIM_LOCATOR,
    'the correction does not start from the claim’s place in the source',
  );
  check(
    (await form.getByTestId('correction-review-note').count()) === 0,
    'a pending claim’s correction says it goes back to review',
  );
  await locator.fill(CORRECTED_LOCATOR);
  await form.scrollIntoViewIfNeeded();
  await screenshot(page, 'claim-correction.png');
  await form.getByRole('button', { name: 'Save the correction' }).click();
  await form.waitFor({ state: 'detached' });
  const corrected = page
    .getByTestId('person-claims')
    .locator('tbody tr', { hasText: CLAIM_EXCERPT });
  await visible(
    corrected.getByText(`At: ${CORRECTED_LOCATOR}`),
    'the corrected place in the source',
  );
  await visible(corrected.getByText('Awaiting review'), 'the corrected claim, still pending');
  await claimsPanel(page).scrollIntoViewIfNeeded();
  await screenshot(page, 'claim-corrected.png');
}
