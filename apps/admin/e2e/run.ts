/**
 * Browser test of the admin app against a real Vigil, started as a user starts it.
 *
 *   pnpm --filter @vigil/admin e2e
 *
 * Builds the app, starts `vigil start` on a free port with a fresh embedded database (which
 * loads the fictional demo data), drives Chromium through sign-in (the admin sets up a second
 * factor first, and gives its code at the next sign-in), the registry, its filters on the
 * place, date and side of a capture, a search in Cyrillic, a person's page (an edit of its details, then found in its history with the
 * earlier value) and a source; then through the verification workflow with three
 * roles: an administrator creates a reviewer and an editor, the editor enters a source and a
 * claim and imports a list, the reviewer accepts the claim (which its author could not), sees
 * the person's status change, reads the numbers, judges a duplicate pair (the merge read back
 * from the server after a reload, then undone) and queues a scan for duplicates. Screenshots go
 * to `e2e/screenshots/`.
 * Chromium comes from the system (`CHROMIUM_PATH`, default `/usr/bin/chromium`); nothing is
 * downloaded.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { totpCode } from '@vigil/api/testing';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { editRecords } from './edit-records.ts';

const ADMIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(ADMIN_DIR, '../..');
const SCREENSHOTS = join(ADMIN_DIR, 'e2e', 'screenshots');
const PASSWORD = `e2e-${randomBytes(9).toString('base64url')}`;
const REVIEWER = {
  username: 'e2e-reviewer',
  name: 'Rita Reviewer',
  password: `rv-${randomBytes(9).toString('base64url')}`,
};
const EDITOR = {
  username: 'e2e-editor',
  name: 'Eddie Editor',
  password: `ed-${randomBytes(9).toString('base64url')}`,
};
/** The whole run, build included, must finish within two and a half minutes. */
const DEADLINE_MS = 300_000;
const STEP_TIMEOUT_MS = 15_000;

const ARMENIAN = /[\u0530-\u058f]/;
const CYRILLIC = /[\u0400-\u04ff]/;
const LATIN = /[A-Za-z]/;
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';

class CheckFailed extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new CheckFailed(message);
}

function step(name: string) {
  console.log(`  • ${name}`);
}

async function visible(locator: Locator, what: string, timeout = STEP_TIMEOUT_MS) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    throw new CheckFailed(`${what} did not appear within ${timeout / 1000}s`);
  }
}

/** Polls until `probe` returns true, for conditions a locator cannot express. */
async function eventually(probe: () => Promise<boolean>, what: string, timeout = STEP_TIMEOUT_MS) {
  const until = Date.now() + timeout;
  while (Date.now() < until) {
    if (await probe()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new CheckFailed(`${what} (waited ${timeout / 1000}s)`);
}

// ── The Vigil process ─────────────────────────────────────────────────────────────────────

interface RunningVigil {
  url: string;
  child: ChildProcess;
  output: () => string;
}

function startVigil(dataDir: string): Promise<RunningVigil> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: '0',
    VIGIL_DATA_DIR: dataDir,
    VIGIL_ADMIN_PASSWORD: PASSWORD,
  };
  // A user's shell might point elsewhere; this test wants the embedded database and the app it just built.
  delete env.DATABASE_URL;
  delete env.HOST;
  delete env.VIGIL_ADMIN_DIST;
  const child = spawn(
    join(REPO_ROOT, 'node_modules', '.bin', 'tsx'),
    ['apps/server/src/cli.ts', 'start'],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      // Its own process group, so that stopping it also stops what tsx starts.
      detached: true,
    },
  );
  let log = '';
  const output = () => log;
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(
      () => reject(new CheckFailed(`Vigil did not print its address within 60s. Output:\n${log}`)),
      60_000,
    );
    const onData = (chunk: Buffer) => {
      log += chunk.toString();
      const match = /Vigil is running at (http:\/\/\S+)/.exec(log);
      if (match?.[1]) {
        clearTimeout(timer);
        resolvePromise({ url: match[1], child, output });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => {
      log += chunk.toString();
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new CheckFailed(`Vigil exited early (code ${code}, signal ${signal}). Output:\n${log}`),
      );
    });
  });
}

async function waitForHealth(url: string) {
  await eventually(
    async () => {
      try {
        const response = await fetch(`${url}/healthz`);
        return response.status === 200;
      } catch {
        return false;
      }
    },
    '/healthz did not answer 200',
    30_000,
  );
}

async function stopProcess(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const signalGroup = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // Already gone.
    }
  };
  signalGroup('SIGTERM');
  const stopped = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((r) => setTimeout(() => r(false), 5000)),
  ]);
  if (!stopped) signalGroup('SIGKILL');
  // Whatever tsx started in the group goes too.
  signalGroup('SIGKILL');
}

// ── The browser scenario ──────────────────────────────────────────────────────────────────

async function screenshot(page: Page, name: string) {
  // No hover highlight from the last click in the picture.
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOTS, name), fullPage: true });
}

function registryRows(page: Page) {
  return page.locator('table[aria-label="Persons in the registry"] tbody tr');
}

async function signIn(page: Page, password: string, username = 'admin') {
  await page.getByLabel('User name').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** The administrator's TOTP key, as the enrolment page showed it. */
let adminTotpSecret = '';
/** The time step of the last code sent, which the server will not take again. */
let lastTotpStep = 0;

/**
 * A code of the admin's authenticator the server has not seen yet: the current one, or the next
 * step's (the server allows a step of clock drift), so that two sign-ins in one step both work.
 */
async function freshTotpCode(): Promise<string> {
  const STEP_MS = 30_000;
  const step = Math.max(Math.floor(Date.now() / STEP_MS), lastTotpStep + 1);
  while (step > Math.floor(Date.now() / STEP_MS) + 1) await new Promise((r) => setTimeout(r, 500));
  lastTotpStep = step;
  return totpCode(adminTotpSecret, step * STEP_MS + STEP_MS / 2);
}

/**
 * Sets up the admin's second factor on the page the first sign-in leads to: reads the key shown
 * for typing in, and confirms it with a code computed from it, as the authenticator app would.
 */
async function enrolSecondFactor(page: Page) {
  await visible(
    page.getByRole('heading', { name: 'Set up your second factor' }),
    'the second-factor enrolment page',
  );
  const enrolment = page.getByTestId('second-factor-enrolment');
  await visible(enrolment.locator('img.enrol-qr'), 'the QR code');
  const qr = await enrolment.locator('img.enrol-qr').evaluate((img: HTMLImageElement) => ({
    src: img.src.slice(0, 40),
    loaded: img.complete && img.naturalWidth > 0,
  }));
  check(
    qr.src.startsWith('data:image/svg+xml') && qr.loaded,
    `the QR code is not drawn: ${qr.src}`,
  );
  const shown = (await enrolment.getByTestId('totp-secret').textContent()) ?? '';
  adminTotpSecret = shown.replace(/\s/g, '');
  check(/^[A-Z2-7]{32}$/.test(adminTotpSecret), `the key shown is not base32: ${shown}`);
  await screenshot(page, 'second-factor-enrolment.png');

  await page.getByLabel('Code from the app').fill('000000');
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
  const wrong = page
    .getByRole('alert')
    .filter({ hasText: 'is not the code your authenticator app' });
  const rightCode = await freshTotpCode();
  if (rightCode !== '000000') await visible(wrong, 'the message about a wrong code');
  await page.getByLabel('Code from the app').fill(rightCode);
  await page.getByRole('button', { name: 'Confirm and continue' }).click();
}

/** Signs the admin in: password first, then the code the form asks for. */
async function signInAdmin(page: Page) {
  await signIn(page, PASSWORD);
  const codeField = page.getByLabel('Code from your authenticator app');
  await visible(codeField, 'the field for the second-factor code');
  check((await page.getByRole('alert').count()) === 0, 'being asked for the code showed an error');
  await screenshot(page, 'login-code.png');
  await codeField.fill(await freshTotpCode());
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/** Searches the registry and waits until the table shows the answer to this search, not the last one. */
async function search(page: Page, query: string) {
  const box = page.getByRole('searchbox', { name: 'Search names' });
  await box.fill(query);
  await box.press('Enter');
  await eventually(
    async () =>
      (await page.locator('table[aria-busy="true"], [role="status"]').count()) === 0 &&
      ((await page.locator('table[aria-label="Persons in the registry"]').count()) > 0 ||
        (await page.getByText('No person matches').count()) > 0),
    `the registry did not answer the search "${query}"`,
  );
}

/**
 * Filters the registry by the place, month and side of a capture: the demo's Narek Hakobyan was
 * captured near Khtsaberd on 13 Dec 2020 by the armed forces of State B. Then a range the wrong
 * way round, which the page explains, and "Clear filters", which brings back every person.
 */
async function filterRegistryByCapture(page: Page, allRows: number) {
  const filters = page.getByRole('search', { name: 'Search the registry' });
  await filters.getByLabel('Place', { exact: true }).fill('KHTSABERD');
  await filters.getByLabel('Side', { exact: true }).fill('state b');
  await filters.getByLabel('Taken from', { exact: true }).fill('2020-12');
  await filters.getByLabel('Taken to', { exact: true }).fill('2020-12');
  await filters.getByRole('combobox', { name: 'Status' }).selectOption('held');
  await filters.getByRole('button', { name: 'Search' }).click();
  const settled = async () =>
    (await page.locator('table[aria-busy="true"], [role="status"]').count()) === 0;
  await eventually(async () => {
    const rows = await registryRows(page).allTextContents();
    return (
      (await settled()) &&
      rows.length > 0 &&
      rows.length < allRows &&
      rows.some((row) => row.includes('Narek Hakobyan'))
    );
  }, 'the registry filtered by status, place, date and side does not show Narek Hakobyan among fewer persons');
  await screenshot(page, 'registry-filters.png');

  // The filtered registry exported as CSV: the persons it shows, and nobody else.
  await page.getByRole('button', { name: 'Export…' }).click();
  const exportForm = page.getByRole('form', { name: 'Export the registry' });
  const download = page.waitForEvent('download');
  await exportForm.getByRole('button', { name: 'Export', exact: true }).click();
  const csv = readFileSync(await (await download).path(), 'utf8');
  check(csv.startsWith('\uFEFFid,name,'), 'the exported CSV does not start with its header');
  check(csv.includes('Narek Hakobyan'), 'the exported CSV does not hold the filtered person');
  const exportedRows = csv.trimEnd().split('\r\n').length - 1;
  check(
    exportedRows === (await registryRows(page).count()),
    `the export holds ${exportedRows} persons, the filtered registry shows another number`,
  );
  await visible(
    page.getByRole('status').filter({ hasText: 'was downloaded' }),
    'the export report',
  );
  await screenshot(page, 'registry-export.png');
  await page.getByRole('button', { name: 'Close' }).click();

  await filters.getByLabel('Taken from', { exact: true }).fill('2021');
  await filters.getByRole('button', { name: 'Search' }).click();
  await visible(
    filters.getByText('must not be after “Taken to”'),
    'the message about a range the wrong way round',
  );

  await filters.getByRole('button', { name: 'Clear filters' }).click();
  await eventually(
    async () => (await settled()) && (await registryRows(page).count()) >= 10,
    '"Clear filters" did not bring back the whole registry',
  );
  for (const label of ['Place', 'Side', 'Taken from', 'Taken to'])
    check(
      (await filters.getByLabel(label, { exact: true }).inputValue()) === '',
      `"Clear filters" left the ${label} filter set`,
    );
}

/** Opens a person from the registry and checks names in three scripts and a sourced timeline. */
async function checkPersonPage(page: Page, url: string) {
  await page.waitForURL(new RegExp(`/persons/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  check(
    new URL(page.url()).pathname.split('/').length === 3,
    `the address holds only the record id: ${page.url()}`,
  );
  await visible(page.getByTestId('person-names'), 'the names table');
  const names = await page
    .getByTestId('person-names')
    .locator('tbody td.cell-name')
    .allTextContents();
  check(
    names.some((n) => ARMENIAN.test(n)),
    `no name in Armenian script among ${JSON.stringify(names)}`,
  );
  check(
    names.some((n) => CYRILLIC.test(n)),
    `no name in Cyrillic script among ${JSON.stringify(names)}`,
  );
  check(
    names.some((n) => LATIN.test(n)),
    `no name in Latin script among ${JSON.stringify(names)}`,
  );
  for (const script of ['Armenian', 'Cyrillic', 'Latin']) {
    await visible(
      page.getByTestId('person-names').locator('.badge-script', { hasText: script }),
      `the ${script} script badge`,
    );
  }
  await visible(page.getByTestId('person-status-panel'), 'the status panel');
  await visible(page.getByTestId('timeline').locator('li.timeline-item'), 'a timeline event');
  const sourceLinks = page.getByTestId('timeline').locator(`.evidence a[href^="/sources/"]`);
  await visible(sourceLinks, 'a source in the timeline');
  const firstTitle = (await sourceLinks.first().textContent())?.trim() ?? '';
  check(firstTitle.length > 0, 'the source link in the timeline has no title');
  await visible(
    page.getByTestId('timeline').locator('.badge', { hasText: 'Accepted' }),
    'the review state of a timeline claim',
  );
  await visible(
    page.getByTestId('person-documents').getByRole('link', { name: firstTitle, exact: true }),
    'the timeline’s source among the person’s documents',
  );
  check(page.url().startsWith(url), 'the person page stays on Vigil');
}

/** The rank the e2e run gives the person it edits (fictional demo data). */
const EDITED_RANK = 'junior sergeant (e2e)';

/**
 * Edits the rank of the person on the page, then finds the change in the History section: who
 * made it, and the rank before and after.
 */
async function editDetailsAndSeeHistory(page: Page) {
  const history = page.locator('section[aria-labelledby="history-heading"]');
  await visible(
    history.locator('[data-testid="person-history"], [data-testid="history-empty"]'),
    'the History section',
  );
  const entriesBefore = await history.getByTestId('history-entry').count();
  await page.getByRole('button', { name: 'Edit the details' }).click();
  const form = page.getByRole('form', { name: 'Edit the details' });
  const rank = form.getByLabel('Rank', { exact: true });
  const earlierRank = (await rank.inputValue()).trim();
  check(earlierRank !== '', 'the demo person has no rank to change');
  await rank.fill(EDITED_RANK);
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await visible(
    page.locator('.details .detail', { hasText: 'Rank' }).getByText(EDITED_RANK),
    'the new rank in the details',
  );
  const change = history.getByTestId('history-entry').first().locator('li[data-field="rank"]');
  await visible(change, 'the change of rank in the History section');
  const before = ((await change.locator('.history-before').textContent()) ?? '').trim();
  const after = ((await change.locator('.history-after').textContent()) ?? '').trim();
  check(
    before === earlierRank && after === EDITED_RANK,
    `the history shows the rank “${before}” → “${after}”, not “${earlierRank}” → “${EDITED_RANK}”`,
  );
  const who = await history.getByTestId('history-entry').first().locator('td').nth(1).textContent();
  check(who?.trim() === 'Administrator', `the history names “${who}” as who made the change`);
  check(
    (await history.getByTestId('history-entry').count()) === entriesBefore + 1,
    'the edit did not add exactly one entry to the history',
  );
  await history.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await history.screenshot({ path: join(SCREENSHOTS, 'person-history.png') });
}

/**
 * Prepares a WGEID case file from the person page: the six elements from the record, the steps
 * the family took and the submitter from the form, and only the optional field ticked.
 */
async function prepareCaseFile(page: Page) {
  const panel = page.locator('section[aria-labelledby="wgeid-heading"]');
  await panel.getByRole('button', { name: 'Prepare a case file' }).click();
  const form = panel.getByRole('form', { name: 'Prepare a case file' });
  await form
    .getByLabel('Steps taken to find the person, and their outcome')
    .fill('His mother wrote to the ICRC in January 2021; no answer about his fate (e2e).');
  await form.getByLabel('Contact for the Working Group').fill('cases@example.org');
  await form.getByLabel('Date of birth').check();
  await form.getByRole('button', { name: 'Make the case file' }).click();
  const text = panel.locator('.case-file-text');
  await visible(text, 'the case file');
  const file = (await text.textContent()) ?? '';
  for (const element of [
    '1. Identity of the person',
    '2. Date of arrest, abduction or disappearance',
    '3. Place of arrest or abduction, or where last seen',
    '4. Forces believed responsible',
    '5. Steps taken to locate the person',
    '6. The submitting party',
  ])
    check(file.includes(element), `the case file has no "${element}"`);
  check(file.includes('Date of birth:'), 'the case file lacks the date of birth ticked');
  check(!file.includes('Rank:'), 'the case file holds the rank, which was not ticked');
  check(file.includes('kept confidential'), 'the case file does not ask for confidentiality');
  await panel.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await panel.screenshot({ path: join(SCREENSHOTS, 'wgeid-case-file.png') });
}

/**
 * Issues a partner API key on its page, reads the registry with it over `/api/v1`, revokes it,
 * and sees the very next request refused.
 */
async function issueAndRevokeApiKey(page: Page, url: string) {
  await open(page, 'API keys');
  await visible(page.getByRole('heading', { name: 'Partner API keys' }), 'the API keys page');
  await page.getByRole('button', { name: 'New key' }).click();
  const form = page.getByRole('form', { name: 'New key' });
  await form.getByLabel('Partner').fill('A partner NGO (e2e)');
  await form.getByRole('button', { name: 'Create the key' }).click();
  const shown = page.getByTestId('api-key-token');
  await visible(shown, 'the new key’s token');
  const token = ((await shown.textContent()) ?? '').trim();
  await screenshot(page, 'api-key-created.png');
  const read = () =>
    fetch(`${url}/api/v1/persons?limit=1`, { headers: { Authorization: `Bearer ${token}` } });
  const answered = await read();
  check(answered.status === 200, `the partner API answered the new key with ${answered.status}`);
  await page.getByRole('button', { name: 'Done' }).click();
  const row = page.locator('tr', { hasText: 'A partner NGO (e2e)' });
  page.once('dialog', (dialog) => void dialog.accept());
  await row.getByRole('button', { name: 'Revoke' }).click();
  await visible(row.locator('.badge', { hasText: 'Revoked' }), 'the revoked key');
  const refused = await read();
  check(refused.status === 401, `the partner API answered a revoked key with ${refused.status}`);
  await screenshot(page, 'api-keys.png');
}

/** The text of the file the editor attaches to the source they enter (fictional). */
const REPLY_TEXT = 'Reply of the detaining authority (fictional, e2e): the person named is held.\n';

/**
 * Attaches a file to the source on the page: refused while it is declared a photo, stored by its
 * SHA-256 once declared as text, and downloaded back byte for byte.
 */
async function attachAndDownloadFile(page: Page) {
  const files = page.locator('section[aria-labelledby="files-heading"]');
  const chooser = files.locator('input[type="file"]');
  const bytes = Buffer.from(REPLY_TEXT);
  await chooser.setInputFiles({ name: 'reply.jpg', mimeType: 'image/jpeg', buffer: bytes });
  await visible(
    files.getByRole('alert').filter({ hasText: 'the file is image/jpeg' }),
    'the refusal of a text declared a photo',
  );
  await chooser.setInputFiles({ name: 'reply.txt', mimeType: 'text/plain', buffer: bytes });
  const row = files.getByTestId('source-file').filter({ hasText: 'reply.txt' });
  await visible(row.locator('code.hash'), 'the file stored by its SHA-256', 30_000);
  const shown = ((await row.locator('code.hash').textContent()) ?? '').trim();
  check(
    shown === createHash('sha256').update(bytes).digest('hex'),
    `the SHA-256 shown (${shown}) is not the file’s`,
  );
  const download = page.waitForEvent('download');
  await row.getByRole('link', { name: 'reply.txt' }).click();
  const saved = await (await download).path();
  check(
    readFileSync(saved, 'utf8') === REPLY_TEXT,
    'the downloaded file differs from the one attached',
  );
  await page.mouse.move(0, 0);
  await files.screenshot({ path: join(SCREENSHOTS, 'source-files.png') });
}

/**
 * An admin deletes a person entered by mistake: the record leaves the registry, waits among the
 * deleted records, and comes back whole when restored; deleted again, it is purged for good.
 */
async function deleteAndRestorePerson(page: Page) {
  const name = 'Mistaken Entryan (e2e)';
  await open(page, 'Registry');
  await page.getByRole('button', { name: 'New person' }).click();
  const form = page.getByRole('form', { name: 'New person' });
  // Someone already in the registry, typed in another spelling: the form names them.
  await form.getByLabel('Name', { exact: true }).fill('Narek Hakobian');
  await form.getByLabel('Born', { exact: true }).fill('1987-03-03');
  await visible(
    form.getByTestId('similar-persons').getByRole('link', { name: 'Նարեկ Հակոբյան' }),
    'the person already in the registry, named while a new one is typed',
  );
  await form.screenshot({ path: join(SCREENSHOTS, 'person-similar.png') });
  await form.getByLabel('Born', { exact: true }).fill('');
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByRole('button', { name: 'Save the person' }).click();
  await page.waitForURL(new RegExp(`/persons/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  const personUrl = page.url();
  const panel = page.locator('section[aria-labelledby="delete-heading"]');
  await panel.getByRole('button', { name: 'Delete…' }).click();
  await panel.getByLabel('Why').fill('entered twice by mistake (e2e)');
  await panel.getByRole('button', { name: 'Delete the record' }).click();
  await visible(page.getByRole('heading', { name: 'Deleted records' }), 'the deleted records');
  const row = page.locator('tr', { hasText: name });
  await visible(row, 'the deleted person among the deleted records');
  await screenshot(page, 'deleted-records.png');
  await page.goto(personUrl);
  await visible(
    page.getByRole('heading', { name: 'Person not found' }),
    'the deleted person’s page',
  );
  await open(page, 'Registry');
  await search(page, 'Mistaken Entryan');
  await visible(page.getByText('No person matches'), 'no deleted person in the registry');
  await page.goto(personUrl.replace(/\/persons\/.*$/, '/deleted-persons'));
  await page.locator('tr', { hasText: name }).getByRole('button', { name: 'Restore' }).click();
  await page.waitForURL(personUrl, { timeout: STEP_TIMEOUT_MS });
  await visible(page.getByRole('heading', { level: 1, name }), 'the restored person');

  // Deleted once more, it is purged for good: asked why, confirmed by typing PURGE.
  const panelAgain = page.locator('section[aria-labelledby="delete-heading"]');
  await panelAgain.getByRole('button', { name: 'Delete…' }).click();
  await panelAgain.getByLabel('Why').fill('family asked to remove it (e2e)');
  await panelAgain.getByRole('button', { name: 'Delete the record' }).click();
  await visible(page.getByRole('heading', { name: 'Deleted records' }), 'the deleted records');
  await page.getByRole('button', { name: `Purge ${name}…` }).click();
  const purge = page.getByRole('form', { name: `Purge ${name}` });
  await purge.getByLabel('Why').fill('consent withdrawn (e2e)');
  const confirm = purge.getByRole('button', { name: 'Purge for good' });
  check(await confirm.isDisabled(), 'the purge could be sent before PURGE was typed');
  await purge.getByLabel('Type PURGE to confirm').fill('PURGE');
  await screenshot(page, 'purge-person.png');
  await confirm.click();
  await visible(page.getByRole('status').filter({ hasText: 'was purged' }), 'the purge report');
  await visible(page.getByText('No person record is deleted.'), 'an empty list of deleted records');
  await screenshot(page, 'purged-person.png');
  await page.goto(personUrl);
  await visible(
    page.getByRole('heading', { name: 'Person not found' }),
    'the purged person’s page',
  );
}

async function scenario(page: Page, url: string) {
  step('the app asks for a sign-in');
  await page.goto(url);
  await visible(page.getByRole('heading', { name: 'Sign in' }), 'the sign-in form');
  await screenshot(page, 'login.png');

  step('a wrong password is refused with a message');
  await signIn(page, 'not-the-password');
  const alert = page.getByRole('alert').filter({ hasText: 'Wrong user name, password or code' });
  await visible(alert, 'the message "Wrong user name, password or code"');
  check(
    (await page.getByLabel('Password').inputValue()) === '',
    'the wrong password was not cleared',
  );
  await screenshot(page, 'login-error.png');

  step('the right password leads the admin to set up a second factor first');
  await signIn(page, PASSWORD);
  await enrolSecondFactor(page);

  step('the confirmed second factor opens the registry');
  await visible(page.getByRole('heading', { name: 'Registry' }), 'the registry');
  await visible(
    page.getByTestId('current-user').filter({ hasText: 'Administrator' }),
    'the signed-in user in the header',
  );
  await visible(registryRows(page), 'persons in the registry');
  const firstPage = await registryRows(page).count();
  check(firstPage >= 10, `the registry lists only ${firstPage} persons; the demo data has 33`);
  const loadMore = page.getByRole('button', { name: 'Load more' });
  if (await loadMore.isVisible()) {
    await loadMore.click();
    await eventually(
      async () => (await registryRows(page).count()) > firstPage,
      '"Load more" added no persons',
    );
  }
  const allRows = await registryRows(page).count();
  await screenshot(page, 'registry.png');

  step('filters by the place, date and side of a capture find the demo person taken there');
  await filterRegistryByCapture(page, allRows);

  step('a search in Cyrillic finds the person in every script');
  await search(page, 'Арман');
  const rows = await registryRows(page).allTextContents();
  check(
    rows.length > 0 && rows.length < allRows,
    `the search for "Арман" gave ${rows.length} of ${allRows} persons`,
  );
  for (const row of rows) {
    check(/Арман|Arman|Արման/.test(row), `a row that does not match "Арман": ${row}`);
  }
  await screenshot(page, 'registry-search.png');

  step('a search with no match says so');
  await search(page, 'Zzyzx Qwerty');
  await visible(page.getByText('No person matches'), 'the empty state of a search');
  await search(page, 'Арман');
  await visible(registryRows(page), 'the search results again');

  step('a person found by the search has names in three scripts and a sourced timeline');
  await registryRows(page).first().locator('td').nth(1).click();
  await checkPersonPage(page, url);
  const personUrl = page.url();

  step('the address of a person page opens it directly');
  await page.goto(personUrl);
  await visible(page.getByTestId('person-names'), 'the person page after a reload');

  step('after a reload the registry starts afresh: the search was not stored anywhere');
  await page.getByRole('link', { name: '← Registry' }).click();
  await visible(registryRows(page), 'the registry');
  check(
    (await page.getByRole('searchbox', { name: 'Search names' }).inputValue()) === '',
    'the search survived a reload',
  );

  step('a person with a longer history');
  await search(page, 'Нарек Акопян');
  const found = await registryRows(page).allTextContents();
  check(found.length >= 1, 'no person matches "Нарек Акопян"');
  check(
    found.every((row) => /Нарек|Narek|Նարեկ/.test(row)),
    `a row that does not match "Нарек Акопян": ${found.join(' | ')}`,
  );
  await registryRows(page).first().getByRole('link').click();
  await checkPersonPage(page, url);
  await screenshot(page, 'person.png');

  step('the browser’s back button returns to the search, forward to the person');
  await page.goBack();
  await visible(registryRows(page), 'the registry after going back');
  check(
    (await page.getByRole('searchbox', { name: 'Search names' }).inputValue()) === 'Нарек Акопян',
    'going back lost the search',
  );
  await page.goForward();
  await visible(page.getByTestId('timeline'), 'the person page after going forward');

  step('an edit of the person’s details shows in their history with the earlier value');
  await editDetailsAndSeeHistory(page);
  await editRecords(page, { step, check, visible, screenshot });

  step('a case file for the UN Working Group holds its six elements and only what was ticked');
  await prepareCaseFile(page);

  step('a source from the timeline');
  const sourceLink = page.getByTestId('timeline').locator('.evidence a[href^="/sources/"]').first();
  const sourceTitle = ((await sourceLink.textContent()) ?? '').trim();
  await sourceLink.click();
  await page.waitForURL(new RegExp(`/sources/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  await visible(
    page.getByRole('heading', { level: 1, name: sourceTitle }),
    `the source "${sourceTitle}"`,
  );
  await visible(page.getByText('About this source'), 'the source details');

  step('the sources list, and a source with its stored text');
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Sources' })
    .click();
  const sourceRows = page.locator('table[aria-label="Sources"] tbody tr');
  await visible(sourceRows, 'sources in the list');
  await screenshot(page, 'sources.png');
  await page.getByRole('link', { name: /Aliyev Hands Over Five More Armenian POWs/ }).click();
  await visible(page.getByTestId('source-content'), 'the stored text of the article');
  const content = (await page.getByTestId('source-content').textContent()) ?? '';
  check(content.includes('February 9'), 'the stored text of the article is not shown');
  await visible(page.getByText('about 60'), 'the count claims of the article');
  await screenshot(page, 'source.png');

  step('an unknown record id says "not found"');
  await page.goto(`${url}/persons/00000000-0000-4000-8000-000000000000`);
  await visible(
    page.getByRole('heading', { name: 'Person not found' }),
    'the "Person not found" page',
  );

  step('nothing is kept in browser storage');
  const stored = await page.evaluate(
    () => window.localStorage.length + window.sessionStorage.length,
  );
  check(stored === 0, `${stored} items were found in localStorage/sessionStorage`);

  step('signing out returns to the sign-in form');
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the sign-in form after signing out',
  );
  await page.goto(personUrl);
  await visible(
    page.getByRole('heading', { name: 'Sign in' }),
    'the sign-in form for a record after signing out',
  );
}

// ── Verification with three roles ──────────────────────────────────────────────────────

/** The person the editor's claim is about: captured, never acknowledged (fictional demo data). */
const CLAIM_PERSON = { search: 'Мгер Погосян', name: 'Մհեր Պողոսյան' };
const SOURCE_TITLE = 'Reply of the detaining authority about detained persons (e2e, fictional)';
/**
 * A list as an outlet might publish it: a demo person spelled in Cyrillic with his birth date
 * (a confident match), a new fictional name, and a namesake with nothing else to go on.
 */
const IMPORTED_LIST = [
  'id,name,birth_date,place,father_name',
  '1,АКОПЯН Нарек,1987-03-03,,',
  '2,Ашот Выдуманян,1999-09-09,Demo village,',
  '3,Арман Саргсян,,,',
  '4,Ashot Vydumanyan,1999-09-09,,',
  '5,Narek Hakopian,,,',
].join('\n');

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await visible(page.getByRole('heading', { name: 'Sign in' }), 'the sign-in form');
}

async function signInAs(
  page: Page,
  url: string,
  user: { username: string; password: string },
  name: string,
) {
  await page.goto(url);
  await signIn(page, user.password, user.username);
  await visible(page.getByTestId('current-user').filter({ hasText: name }), `${name} signed in`);
}

function nav(page: Page) {
  return page.getByRole('navigation', { name: 'Main' });
}

async function open(page: Page, link: string) {
  await nav(page).getByRole('link', { name: link, exact: true }).click();
}

/** The review queue, showing one kind of task. */
async function reviewQueue(page: Page, kind: string) {
  await open(page, 'Review');
  await page.getByLabel('Kind').selectOption({ label: kind });
  await page.getByLabel('Assigned to me').setChecked(false);
  await eventually(
    async () =>
      (await page.locator('[aria-busy="true"], [role="status"].state-loading').count()) === 0,
    'the review queue did not load',
  );
}

/** The one open task whose text mentions `text`. */
function taskAbout(page: Page, text: string) {
  return page.getByTestId('review-task').filter({ hasText: text });
}

async function createUser(page: Page, user: typeof REVIEWER, role: string) {
  await page.getByRole('button', { name: 'New user' }).click();
  await page.getByLabel('User name').fill(user.username);
  await page.getByLabel('Full name').fill(user.name);
  await page.getByLabel('First password').fill(user.password);
  await page.getByLabel('Role', { exact: true }).selectOption(role);
  await page.getByRole('button', { name: 'Create the user' }).click();
  await visible(
    page.locator(`tr[data-username="${user.username}"]`),
    `the new user ${user.username} in the list`,
  );
}

async function verificationScenario(page: Page, url: string) {
  step('the administrator signs in again with the code from the app');
  await page.goto(url);
  await signInAdmin(page);

  step('an administrator creates a reviewer and an editor on the users page');
  await visible(page.getByRole('heading', { name: 'Registry' }), 'the registry');
  await open(page, 'Users');
  await visible(page.locator('tr[data-username="admin"]'), 'the administrator in the users list');
  await visible(
    page.locator('tr[data-username="admin"] .badge', { hasText: 'Set up' }),
    'the administrator’s second factor in the users list',
  );
  // A refused account names the field and what is wrong with it.
  await page.getByRole('button', { name: 'New user' }).click();
  await page.getByLabel('User name').fill('Not Valid');
  await page.getByLabel('First password').fill('short');
  await page.getByRole('button', { name: 'Create the user' }).click();
  await visible(
    page.locator('.field-error', { hasText: 'must be at least 10 characters' }),
    'the password field’s error',
  );
  await visible(
    page.locator('.field-error', { hasText: 'may contain only lowercase letters' }),
    'the user name field’s error',
  );
  await page.getByRole('button', { name: 'Cancel' }).click();
  await createUser(page, REVIEWER, 'reviewer');
  await createUser(page, EDITOR, 'editor');
  await screenshot(page, 'users.png');

  step('the system page shows the queues and an intact audit chain');
  await open(page, 'System');
  await visible(
    page.getByTestId('audit-result').filter({ hasText: 'Chain intact' }),
    'an intact audit chain',
  );
  await visible(page.getByTestId('queues').getByText('imports.apply'), 'the job queues');
  await visible(
    page.getByTestId('audit-entries').locator('tr', { hasText: 'login' }).first(),
    'a sign-in among the audit entries',
  );
  await screenshot(page, 'system.png');

  step('a partner API key reads the registry over /api/v1 until it is revoked');
  await issueAndRevokeApiKey(page, url);

  step('the account page refuses a password change without the right current password');
  await page.getByTestId('current-user').click();
  await visible(page.getByRole('heading', { level: 1, name: 'Your account' }), 'the account page');
  const passwordForm = page.getByRole('form', { name: 'Change your password' });
  await passwordForm.getByLabel('Current password').fill('not the password (e2e)');
  await passwordForm.getByLabel('New password', { exact: true }).fill('a new password (e2e)');
  await passwordForm.getByLabel('New password again').fill('a new password (e2e)');
  await passwordForm.getByRole('button', { name: 'Change the password' }).click();
  await visible(
    passwordForm.getByText('is not your current password'),
    'the refusal of a wrong current password beside its field',
  );
  await screenshot(page, 'account.png');

  step('a person entered by mistake is deleted (hidden, nothing erased) and restored');
  await deleteAndRestorePerson(page);

  step('whoever entered a claim cannot decide it (four eyes), even as an administrator');
  await page.goto(`${url}/sources`);
  await page.getByRole('link', { name: /Aliyev Hands Over Five More Armenian POWs/ }).click();
  await page.getByRole('button', { name: 'Add a claim' }).click();
  await page.getByLabel('Person', { exact: true }).fill('Нарек Акопян');
  await page.locator('.picker-option').first().click();
  await page.getByLabel('What the source asserts').selectOption('legal_category');
  await page.getByLabel('Value', { exact: true }).selectOption('prisoner_of_war');
  await page.getByLabel('Excerpt').fill('Five more prisoners of war were handed over (e2e).');
  await page.getByRole('button', { name: 'Enter the claim' }).click();
  await visible(page.getByTestId('claim-entered'), 'the confirmation of the claim');
  await reviewQueue(page, 'Claim to assess');
  const ownTask = taskAbout(page, 'Five more prisoners of war were handed over (e2e).');
  await visible(
    ownTask.getByTestId('four-eyes'),
    'the four-eyes notice on the administrator’s own claim',
  );
  await ownTask.getByRole('button', { name: 'Decide…' }).click();
  await ownTask.getByRole('radio', { name: 'Accept' }).check();
  await ownTask.getByLabel('Reason').fill('I am sure of it');
  await ownTask.getByRole('button', { name: 'Record the decision' }).click();
  await visible(
    ownTask.getByRole('alert').filter({ hasText: 'another reviewer must decide it (four eyes)' }),
    'the server’s four-eyes refusal',
  );
  await signOut(page);

  step('the editor enters a source, with the server naming what is wrong first');
  await signInAs(page, url, EDITOR, EDITOR.name);
  check(
    (await nav(page).getByRole('link', { name: 'Users' }).count()) === 0,
    'an editor sees the Users page in the menu',
  );
  // An editor needs no second factor, but is offered one; "Not now" goes back to the app.
  await page.getByRole('link', { name: 'Set up a second factor' }).click();
  await visible(page.getByTestId('totp-secret'), 'the key of the second factor offered');
  await screenshot(page, 'second-factor-offered.png');
  await page.getByRole('button', { name: 'Not now' }).click();
  await visible(page.getByRole('heading', { name: 'Registry' }), 'the registry after "Not now"');
  await open(page, 'Sources');
  await page.getByRole('button', { name: 'New source' }).click();
  const sourceForm = page.getByRole('form', { name: 'New source' });
  await sourceForm.getByLabel('Web address').fill('not an address');
  await sourceForm.getByRole('button', { name: 'Save the source' }).click();
  await visible(
    sourceForm.locator('.field-error', { hasText: 'must not be empty' }),
    'the error beside the title',
  );
  await visible(
    sourceForm.locator('.field-error', { hasText: 'must be a full http(s) address' }),
    'the error beside the address',
  );
  await sourceForm.getByLabel('Title', { exact: true }).fill(SOURCE_TITLE);
  await sourceForm.getByLabel('Kind', { exact: true }).selectOption('government_reply');
  await sourceForm.getByLabel('Publisher').fill('Detaining authority of State B (fictional)');
  await sourceForm.getByLabel('Speaks for').selectOption('state_b');
  await sourceForm.getByLabel('Reliability').selectOption('C');
  await sourceForm.getByLabel('Published').fill('2026-10');
  await sourceForm.getByLabel('Web address').fill('');
  await sourceForm.getByRole('button', { name: 'Save the source' }).click();
  await page.waitForURL(new RegExp(`/sources/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  await visible(page.getByRole('heading', { level: 1, name: SOURCE_TITLE }), 'the new source');

  step('the editor attaches a file: refused as a photo, stored by its SHA-256, downloaded whole');
  await attachAndDownloadFile(page);
  await editSourceAndAddCount(page);

  step('the editor enters a claim about a person; it waits for review');
  await page.getByRole('button', { name: 'Add a claim' }).click();
  await page.getByLabel('Person', { exact: true }).fill(CLAIM_PERSON.search);
  await page.locator('.picker-option', { hasText: CLAIM_PERSON.name }).first().click();
  await page.getByLabel('What the source asserts').selectOption('acknowledgement');
  await page.getByLabel('Value', { exact: true }).selectOption('acknowledged');
  await page.getByLabel('Credibility').selectOption('3');
  await page.getByLabel('Excerpt').fill('The authority confirms that he is held (e2e).');
  await page.getByRole('button', { name: 'Enter the claim' }).click();
  await visible(page.getByTestId('claim-entered'), 'the confirmation of the claim');
  await visible(
    page.getByTestId('source-claims').locator('tr', { hasText: 'Awaiting review' }),
    'the claim as pending on the source',
  );

  step(
    'the editor cannot decide their own claim: four eyes (and the role, where it has no review)',
  );
  await reviewQueue(page, 'Claim to assess');
  const editorTask = taskAbout(page, SOURCE_TITLE);
  await visible(editorTask.getByTestId('four-eyes'), 'the four-eyes notice for the editor');
  if ((await editorTask.getByRole('button', { name: 'Decide…' }).count()) > 0) {
    // The role table lets editors review colleagues' claims: the app offers the decision, and
    // shows the server's refusal of this one in its own words.
    await editorTask.getByRole('button', { name: 'Decide…' }).click();
    await editorTask.getByRole('radio', { name: 'Accept' }).check();
    await editorTask.getByLabel('Reason').fill('I checked it myself');
    await editorTask.getByRole('button', { name: 'Record the decision' }).click();
    await visible(
      editorTask.getByRole('alert').filter({ hasText: '(four eyes)' }),
      'the server’s four-eyes refusal for the editor',
    );
  } else {
    await visible(
      page.getByTestId('review-role-notice'),
      'the notice that this role does not decide',
    );
  }
  const taskId = await editorTask.getAttribute('data-task-id');
  check(taskId, 'the task has no id');
  const refusal = await page.evaluate(async (id) => {
    const response = await fetch('/trpc/review.decide', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ taskId: id, outcome: 'accepted', reason: 'I checked it myself' }),
    });
    return { status: response.status, body: JSON.stringify(await response.json()) };
  }, taskId);
  // Whatever the app offers, the server itself refuses.
  check(
    refusal.status === 403 &&
      (refusal.body.includes('(four eyes)') || refusal.body.includes('may not do this')),
    `the server let the editor decide, or said something else: ${refusal.status} ${refusal.body}`,
  );

  step('the person’s page lists the claim among its open questions');
  await editorTask.getByRole('link', { name: CLAIM_PERSON.name }).click();
  const openQuestions = page.locator('section[aria-labelledby="open-questions-heading"]');
  const openQuestion = openQuestions.getByTestId('review-task').filter({ hasText: SOURCE_TITLE });
  await visible(openQuestion, 'the pending claim among the person’s open questions');
  await visible(openQuestion.getByTestId('four-eyes'), 'the four-eyes notice on the person’s page');
  await openQuestions.screenshot({ path: join(SCREENSHOTS, 'person-open-questions.png') });
  const documents = page.locator('section[aria-labelledby="documents-heading"]');
  await visible(
    documents
      .getByTestId('person-documents')
      .locator('tr', { hasText: SOURCE_TITLE })
      .getByTestId('person-document-file'),
    'the new source’s file among the person’s documents',
  );
  await documents.screenshot({ path: join(SCREENSHOTS, 'person-documents.png') });

  step('the editor imports a pasted list: a dry run, then the progress to the end');
  await open(page, 'Import');
  await page
    .getByLabel('Title of the list', { exact: true })
    .fill('List of detained persons published by an outlet (e2e, fictional)');
  // A file is read in the browser; this one has a broken header, and the server says where.
  await page.getByLabel('Or read it from a file').setInputFiles({
    name: 'broken-list.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('id,nam\n1,Somebody\n'),
  });
  await eventually(
    async () =>
      (await page.getByLabel('The list', { exact: true }).inputValue()).startsWith('id,nam'),
    'the chosen file was not read into the list',
  );
  await page.getByRole('button', { name: 'Dry run' }).click();
  await visible(
    page
      .getByTestId('parse-problems')
      .filter({ hasText: 'line 1' })
      .filter({ hasText: 'needs a "name" column' }),
    'the line and the problem of a broken list',
  );
  await page.getByLabel('The list', { exact: true }).fill(IMPORTED_LIST);
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.waitForURL(new RegExp(`/imports/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  const rows = page.getByTestId('import-rows');
  await visible(rows, 'the rows of the dry run');
  const matched = rows.locator('tr[data-decision="match"]', { hasText: 'АКОПЯН Нарек' });
  await visible(
    matched.getByRole('link', { name: 'Նարեկ Հակոբյան' }),
    'the Cyrillic row matched to the demo person',
  );
  await visible(matched.getByText(/score 1\.00|score 0\.99/), 'the score of the match');
  await visible(
    rows.locator('tr[data-decision="new"]', { hasText: 'Ашот Выдуманян' }),
    'the new name as new',
  );
  await visible(
    rows
      .locator('tr[data-decision="review"]', { hasText: 'Арман Саргсян' })
      .getByRole('link', { name: 'Արման Սարգսյան' }),
    'the ambiguous row with its candidate',
  );
  await visible(
    matched.getByText('birth date agrees'),
    'the evidence besides the name behind the match',
  );
  const counts = (await page.getByTestId('import-counts').textContent()) ?? '';
  check(
    /2\s*New person/.test(counts) && /1\s*Matches/.test(counts) && /2\s*Needs review/.test(counts),
    `the counts per decision: ${counts}`,
  );
  // The same man twice in one list, in two scripts, is pointed out before anything is written.
  await visible(
    rows.locator('tr', { hasText: 'Ashot Vydumanyan' }).getByText('May be line 3 again'),
    'the row that repeats another row of the list',
  );
  await visible(page.getByTestId('import-repeats'), 'the count of rows that may repeat another');
  // The importer decides a row themselves: the short spelling is Narek, added to his record.
  const choice = page.getByLabel('Import line 6 as');
  await choice.selectOption({ label: 'Add to Նարեկ Հակոբյան' });
  await visible(
    rows.locator('tr', { hasText: 'Narek Hakopian' }).getByText('your choice'),
    'the row marked as decided by hand',
  );
  await screenshot(page, 'import-preview.png');
  await page.getByLabel('Link confident matches automatically').check();
  await page.getByRole('button', { name: /^Confirm and import/ }).click();
  const progress = page.getByTestId('import-progress');
  await visible(progress, 'the progress bar');
  if ((await progress.getAttribute('data-state')) !== 'applied')
    await screenshot(page, 'import-progress.png');
  await visible(
    page.locator('[data-testid="import-progress"][data-state="applied"]'),
    'the import to be applied',
    30_000,
  );
  check(
    (await progress.evaluate((bar: HTMLProgressElement) => bar.value === bar.max)) === true,
    'the progress bar did not reach the end',
  );
  const summary = (await page.getByTestId('import-summary').textContent()) ?? '';
  check(
    /3\s*new persons/.test(summary) &&
      /2\s*linked/.test(summary) &&
      /1\s*to review/.test(summary) &&
      /1\s*pairs of rows to review as one person/.test(summary),
    `the import's result: ${summary}`,
  );
  await visible(page.getByText('1 row was imported as you chose.'), 'the rows chosen by hand');
  await visible(
    page.getByRole('link', { name: 'Open the list as a source' }),
    'the link to the new source',
  );
  await screenshot(page, 'import-done.png');

  step('a long pasted list is matched by the worker, with its progress, before the dry run shows');
  await open(page, 'Import');
  await page
    .getByLabel('Title of the list', { exact: true })
    .fill('A long list of fictional names (e2e)');
  const letters = (i: number) =>
    String.fromCharCode(97 + (Math.floor(i / 26) % 26)) + String.fromCharCode(97 + (i % 26));
  const longList = Array.from(
    { length: 600 },
    (_, i) => `${i + 1}. Vahan Longlist${letters(i)}yan`,
  );
  await page.getByLabel('One name per line').check();
  await page.getByLabel('The list', { exact: true }).fill(longList.join('\n'));
  await page.getByRole('button', { name: 'Dry run' }).click();
  await page.waitForURL(new RegExp(`/imports/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  const dryRunProgress = page.locator('[data-testid="import-progress"][data-state="matching"]');
  if (await dryRunProgress.isVisible()) await screenshot(page, 'import-long-matching.png');
  await visible(page.getByTestId('import-rows'), 'the rows of the long dry run', 60_000);
  const longCounts = (await page.getByTestId('import-counts').textContent()) ?? '';
  check(/600\s*New person/.test(longCounts), `the counts of the long list: ${longCounts}`);
  await visible(
    page.getByTestId('import-rows').getByText('Vahan Longlistaayan', { exact: true }),
    'a row of the long list, its numbering dropped',
  );
  // Drawn a page at a time: the 600th row appears once more rows are asked for.
  check(
    (await page.getByTestId('import-rows').locator('tbody tr').count()) === 200,
    'the long dry run drew more than a page of rows at once',
  );
  await page.getByRole('button', { name: 'Show more' }).click();
  await visible(
    page.getByTestId('import-rows').getByText(`Vahan Longlist${letters(599)}yan`, { exact: true }),
    'the last row after "Show more"',
  );
  await page.getByRole('combobox', { name: /^Decision/ }).selectOption('review');
  await visible(
    page.getByTestId('no-rows-with-decision'),
    'that no row of the long list needs review',
  );
  await screenshot(page, 'import-long-filtered.png');
  await signOut(page);

  step('the reviewer takes the claim and accepts it with a reason');
  await signInAs(page, url, REVIEWER, REVIEWER.name);
  check(
    (await nav(page).getByRole('link', { name: 'Import' }).count()) === 0,
    'a reviewer sees Import in the menu',
  );
  await reviewQueue(page, 'Claim to assess');
  let task = taskAbout(page, SOURCE_TITLE);
  await task.getByRole('button', { name: 'Assign to me' }).click();
  await visible(
    task.getByText(`assigned to ${REVIEWER.name}`),
    'the task assigned to the reviewer',
  );
  await page.getByLabel('Assigned to me').check();
  task = taskAbout(page, SOURCE_TITLE);
  await visible(task, 'the task among the reviewer’s own');
  await eventually(
    async () => (await page.getByTestId('review-task').count()) === 1,
    'other tasks under "assigned to me"',
  );
  await task.getByRole('button', { name: 'Decide…' }).click();
  await task.getByRole('radio', { name: 'Accept' }).check();
  await task
    .getByLabel('Reason')
    .fill('The authority’s own reply; it names him among the detained.');
  await screenshot(page, 'review.png');
  await task.getByRole('button', { name: 'Record the decision' }).click();
  await visible(page.getByTestId('decision-recorded'), 'the recorded decision');

  step('the person’s status now rests on the accepted claim, with its reason');
  await page
    .getByTestId('decision-recorded')
    .getByRole('link', { name: 'open the person' })
    .click();
  const acknowledgement = page.getByTestId('status-acknowledgement');
  await visible(
    acknowledgement.getByText('Acknowledged by the detaining state'),
    'the new acknowledgement',
  );
  await visible(
    acknowledgement.locator('.reason', { hasText: SOURCE_TITLE }),
    'the accepted claim as the reason',
  );
  const summaryLine = (await page.getByTestId('status-summary').textContent()) ?? '';
  check(
    !summaryLine.includes('never acknowledged'),
    `the summary still says "never acknowledged": ${summaryLine}`,
  );
  await visible(
    page
      .getByTestId('person-claims')
      .locator('tr', { hasText: 'Accepted' })
      .filter({ hasText: 'authority’s own reply' }),
    'the claim accepted with the reviewer’s reason',
  );
  await page
    .getByTestId('person-status-panel')
    .screenshot({ path: join(SCREENSHOTS, 'person-status.png') });
  await eventually(
    async () =>
      (await page
        .locator('section[aria-labelledby="open-questions-heading"]')
        .getByTestId('review-task')
        .filter({ hasText: SOURCE_TITLE })
        .count()) === 0,
    'the decided claim still among the person’s open questions',
  );

  step('the numbers: 23, 223 and about 60 beside the registry’s own counts');
  await open(page, 'Numbers');
  const claimed = page.getByTestId('count-claim');
  await visible(claimed, 'the claimed numbers', 30_000);
  for (const number of ['23', '223', 'about 60']) {
    const row = claimed.filter({
      has: page.locator('td.count-number', { hasText: new RegExp(`^${number}$`) }),
    });
    await visible(row, `the number ${number}`);
    const beside = (await row.getByTestId('registry-that-day').textContent()) ?? '';
    check(
      /\d+\s*named/.test(beside) && /\d+ held/.test(beside),
      `no registry count beside ${number}: ${beside}`,
    );
  }
  await visible(
    page.getByTestId('registry-counts').getByText('named in the registry'),
    'the registry’s counts per day',
  );
  await visible(page.locator('[data-testid="numbers-chart"] svg.recharts-surface'), 'the chart');
  await visible(
    page.locator('[data-testid="numbers-chart"] .chart-claim-label', { hasText: '223' }),
    'the 223 in the chart',
  );
  await screenshot(page, 'numbers.png');

  step('a duplicate from the import: judged the same, merged, and the merge undone');
  await reviewQueue(page, 'Possible duplicate');
  await taskAbout(page, 'Арман Саргсян')
    .getByRole('link', { name: 'Compare the two records' })
    .click();
  await page.waitForURL(new RegExp(`/duplicates/${UUID}/${UUID}$`), { timeout: STEP_TIMEOUT_MS });
  await visible(page.getByTestId('pair-features'), 'the features compared');
  await visible(
    page.getByRole('heading', { name: 'Արման Սարգսյան' }),
    'the record in the registry',
  );
  await visible(page.getByRole('heading', { name: 'Арман Саргсян' }), 'the record from the list');
  await page.getByRole('radio', { name: 'Same person' }).check();
  await page
    .getByLabel('Reason')
    .fill('Same name in two scripts; the list gives nothing against it (e2e).');
  await screenshot(page, 'duplicates.png');
  await page.getByRole('button', { name: 'Record the judgement' }).click();
  await visible(
    page.getByTestId('merged-notice').filter({ hasText: 'was merged into' }),
    'the merge',
  );

  step('the merge is the server’s answer: a reload, with nothing remembered, still shows it');
  const [, survivorId, mergedId] = new URL(page.url()).pathname.split('/').slice(1);
  check(survivorId && mergedId, `no pair in the address ${page.url()}`);
  const told = await page.evaluate(
    async (pair) => {
      const response = await fetch('/trpc/matching.pair', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(pair),
      });
      return { status: response.status, body: JSON.stringify(await response.json()) };
    },
    { a: survivorId, b: mergedId },
  );
  check(
    told.status === 200 &&
      told.body.includes(`"mergedInto":"${survivorId}"`) &&
      told.body.includes('"judgementId"'),
    `matching.pair did not tell the merge: ${told.status} ${told.body.slice(0, 300)}`,
  );
  await page.reload();
  await visible(
    page
      .locator(`[data-testid="merged-notice"][data-merged-into="${survivorId}"]`)
      .filter({ hasText: 'was merged into' })
      .filter({ hasText: 'Арман Саргсян' })
      .filter({ hasText: 'Արման Սարգսյան' }),
    'the merge read back after a reload',
  );
  await screenshot(page, 'duplicates-merged.png');
  // The record kept says it holds the other, and leads back to the pair to undo it.
  await page.goto(`${url}/persons/${survivorId}`);
  const merges = page.getByTestId('person-merges');
  await visible(
    merges.filter({ hasText: 'was merged into this one' }),
    'the merge on the kept record',
  );
  await screenshot(page, 'person-merged.png');
  await merges.getByRole('link', { name: 'See the two records side by side' }).click();
  await page.waitForURL(new RegExp(`/duplicates/${survivorId}/${mergedId}$`), {
    timeout: STEP_TIMEOUT_MS,
  });
  await page.getByRole('button', { name: 'Undo the merge' }).click();
  await visible(
    page.getByTestId('pair-judgements').locator('.judgement-undone'),
    'the undone judgement',
  );
  await visible(
    page.getByRole('heading', { name: 'Арман Саргсян' }),
    'the record from the list, back after the undo',
  );
  await screenshot(page, 'duplicates-undone.png');

  step('a scan for duplicates, queued from the queue of possible duplicates, finds the pair again');
  await reviewQueue(page, 'Possible duplicate');
  const scan = page.getByTestId('duplicate-scan');
  await scan.getByRole('button', { name: 'Scan for duplicates now' }).click();
  // The worker may take the job before the first look: queued, running or finished already.
  await visible(
    scan.getByTestId('scan-result').filter({ hasText: /Scan queued|Scanning|Last scan finished/ }),
    'where the requested scan stands',
  );
  await visible(
    scan
      .getByTestId('scan-result')
      .filter({ hasText: /Last scan finished at .*: [1-9]\d* new possible duplicate/ }),
    'the finished scan, with how many pairs it opened',
  );
  check((await scan.getByRole('alert').count()) === 0, 'the scan button also showed an error');
  // The undone judgement no longer holds the pair back: the scan finds it again, and the queue
  // shows it without a reload.
  await visible(taskAbout(page, 'Арман Саргсян'), 'the pair found again by the scan');
  await screenshot(page, 'duplicates-scan.png');
  await signOut(page);
}

// ── Main ──────────────────────────────────────────────────────────────────────────────────

async function main(): Promise<number> {
  const started = Date.now();
  mkdirSync(SCREENSHOTS, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'vigil-e2e-'));
  let vigil: RunningVigil | undefined;
  let browser: Browser | undefined;
  const problems: string[] = [];
  let killedByDeadline = false;

  const deadline = setTimeout(() => {
    killedByDeadline = true;
    console.error(`\n✗ e2e: the run took longer than ${DEADLINE_MS / 1000}s; stopping.`);
    void Promise.allSettled([browser?.close(), vigil ? stopProcess(vigil.child) : undefined]).then(
      () => {
        rmSync(dataDir, { recursive: true, force: true });
        process.exit(1);
      },
    );
  }, DEADLINE_MS);
  const onSignal = () => {
    void Promise.allSettled([browser?.close(), vigil ? stopProcess(vigil.child) : undefined]).then(
      () => process.exit(130),
    );
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  try {
    console.log('e2e: building the admin app');
    execSync('pnpm exec vite build --logLevel warn', { cwd: ADMIN_DIR, stdio: 'inherit' });

    console.log('e2e: starting Vigil');
    vigil = await startVigil(dataDir);
    await waitForHealth(vigil.url);
    console.log(`e2e: Vigil is up at ${vigil.url}`);

    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1280, height: 860 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    page.setDefaultTimeout(STEP_TIMEOUT_MS);
    // Any script error or CSP violation fails the run.
    page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      const text = message.text();
      // The browser logs failed requests. A refused login (401), an unknown record (404), input
      // the server refuses (400) and a decision it forbids (403) are part of this test.
      if (
        /Failed to load resource: the server responded with a status of (400|401|403|404)/.test(
          text,
        )
      )
        return;
      problems.push(`console error: ${text}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(vigil!.url) && !request.url().startsWith('data:'))
        problems.push(`request outside Vigil: ${request.url()}`);
      if (new URL(request.url()).searchParams.has('input'))
        problems.push(
          `API input in a URL (searched names would reach logs): ${request.url().slice(0, 120)}`,
        );
    });

    await scenario(page, vigil.url);
    await verificationScenario(page, vigil.url);
    check(problems.length === 0, `the browser reported problems:\n    ${problems.join('\n    ')}`);
    console.log(
      `\n✓ e2e passed in ${((Date.now() - started) / 1000).toFixed(1)}s; screenshots in ${SCREENSHOTS}`,
    );
    return 0;
  } catch (error) {
    if (killedByDeadline) return 1;
    if (error instanceof CheckFailed) console.error(`\n✗ e2e check failed: ${error.message}`);
    else console.error('\n✗ e2e failed:', error);
    if (problems.length > 0)
      console.error(`  the browser also reported:\n    ${problems.join('\n    ')}`);
    if (vigil) console.error(`\n  Vigil's output:\n${vigil.output().replace(/^/gm, '    ')}`);
    if (browser) {
      const page = browser.contexts()[0]?.pages()[0];
      if (page)
        await page
          .screenshot({ path: join(SCREENSHOTS, 'failure.png'), fullPage: true })
          .catch(() => undefined);
    }
    return 1;
  } finally {
    clearTimeout(deadline);
    await browser?.close().catch(() => undefined);
    if (vigil) await stopProcess(vigil.child);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);

/**
 * Edits the source on the page and enters a number it gives. The edit: the server's message
 * beside a field it refuses (an access date that is not a day), the new publisher on the page;
 * a second tab that opened the edit before it is refused as stale (CONFLICT) and reloads with
 * its own change kept. The number: refused beside its date first, then saved once however
 * often its button is clicked, listed on the source and on the Numbers page, whose link leads
 * back to the source.
 */
async function editSourceAndAddCount(page: Page) {
  step('the editor edits the source (a stale tab is refused) and enters a number it gives');
  const publisher = 'Press office of the detaining authority of State B (fictional, e2e)';
  const stalePublisher = 'A publisher typed in a stale tab (e2e)';
  const sourceUrl = page.url();

  // A second tab opens the edit first; it will save after the first tab has.
  const staleTab = await page.context().newPage();
  staleTab.setDefaultTimeout(STEP_TIMEOUT_MS);
  await staleTab.goto(sourceUrl);
  await staleTab.getByRole('button', { name: 'Edit the source' }).click();
  const staleForm = staleTab.getByRole('form', { name: 'Edit the source' });
  await staleForm.getByLabel('Publisher').fill(stalePublisher);

  await page.getByRole('button', { name: 'Edit the source' }).click();
  const form = page.getByRole('form', { name: 'Edit the source' });
  for (const label of ['Title', 'Kind', 'Speaks for', 'Author', 'Reliability', 'Who may see it'])
    await visible(form.getByLabel(label, { exact: true }), `the field ${label} in the edit`);
  await form.getByLabel('Publisher').fill(publisher);
  await form.getByLabel('Author').fill('Duty officer (fictional)');
  await form.getByLabel('Accessed').fill('2026-10');
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await visible(
    form.locator('.field-invalid', { hasText: 'Accessed' }).locator('.field-error', {
      hasText: 'YYYY-MM-DD',
    }),
    'the server’s message beside the access date',
  );
  await form.getByLabel('Accessed').fill('2026-10-15');
  await form.getByRole('button', { name: 'Save the changes' }).click();
  await visible(page.locator('.page-lead', { hasText: publisher }), 'the new publisher');
  await visible(
    page.locator('.details .detail', { hasText: 'Accessed' }).getByText('2026-10-15'),
    'the access date in the details',
  );

  await staleForm.getByRole('button', { name: 'Save the changes' }).click();
  await visible(
    staleForm.getByRole('alert').filter({ hasText: 'changed by someone else' }),
    'the server’s conflict message in the stale tab',
  );
  await staleTab.mouse.move(0, 0);
  await staleTab.screenshot({ path: join(SCREENSHOTS, 'source-edit.png'), fullPage: true });
  await staleForm.getByRole('button', { name: 'Reload the source' }).click();
  await visible(
    staleForm.getByTestId('rebased-notice').filter({ hasText: 'You both changed Publisher' }),
    'the notice of the reload, naming the publisher both changed',
  );
  check(
    (await staleForm.getByLabel('Publisher').inputValue()) === stalePublisher,
    'the reload lost the change typed in the stale tab',
  );
  check(
    (await staleForm.getByLabel('Accessed').inputValue()) === '2026-10-15',
    'the reload did not bring the access date saved meanwhile',
  );
  await staleTab.close();

  const counts = page.locator('section[aria-labelledby="counts-heading"]');
  await counts.getByRole('button', { name: 'Add a number' }).click();
  const countForm = page.getByRole('form', { name: 'Add a number' });
  await countForm.getByLabel('Claimant').fill('Ombudsman of State A (fictional, e2e)');
  await countForm.getByLabel('As of').fill('autumn 2026');
  await countForm.getByLabel('Number', { exact: true }).fill('17');
  await countForm.getByLabel('Approximate').check();
  await countForm
    .getByLabel('Note')
    .fill('“In 2022 about seventeen were held,” the reply says (e2e).');
  await countForm.getByRole('button', { name: 'Save the number' }).click();
  await visible(
    countForm.locator('.field-invalid', { hasText: 'As of' }).locator('.field-error'),
    'the server’s message beside the as-of date',
  );
  await countForm.getByLabel('As of').fill('2022');
  await countForm.getByRole('button', { name: 'Save the number' }).dblclick();
  await visible(counts.getByTestId('count-saved'), 'the confirmation of the number');
  const added = counts.getByTestId('source-count').filter({ hasText: 'about 17' });
  await visible(added, 'the number on the source');
  check((await added.count()) === 1, 'a double click saved the number more than once');
  // The double click may have selected text where the form was: not in the picture.
  await page.evaluate(() => window.getSelection()?.removeAllRanges());
  await counts.scrollIntoViewIfNeeded();
  await page.mouse.move(0, 0);
  await counts.screenshot({ path: join(SCREENSHOTS, 'source-count-added.png') });

  await open(page, 'Numbers');
  await visible(page.getByTestId('where-numbers-are-entered'), 'where numbers are entered');
  const listed = page
    .getByTestId('count-claim')
    .filter({ hasText: 'Ombudsman of State A (fictional, e2e)' });
  await visible(listed, 'the number on the Numbers page', 30_000);
  check((await listed.count()) === 1, 'the Numbers page lists the new number more than once');
  check(
    ((await listed.locator('td.count-number').textContent()) ?? '').trim() === 'about 17',
    'the Numbers page shows the new number otherwise than “about 17”',
  );
  await listed.getByRole('link', { name: SOURCE_TITLE }).click();
  await page.waitForURL(sourceUrl, { timeout: STEP_TIMEOUT_MS });
  await visible(page.getByRole('heading', { level: 1, name: SOURCE_TITLE }), 'the source again');
}
