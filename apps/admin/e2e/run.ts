/**
 * Browser test of the admin app against a real Vigil, started as a user starts it.
 *
 *   pnpm --filter @vigil/admin e2e
 *
 * Builds the app, starts `vigil start` on a free port with a fresh embedded database (which
 * loads the fictional demo data), drives Chromium through sign-in, the registry, a search in
 * Cyrillic, a person's page and a source, and saves screenshots to `e2e/screenshots/`.
 * Chromium comes from the system (`CHROMIUM_PATH`, default `/usr/bin/chromium`); nothing is
 * downloaded.
 */
import { execSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

const ADMIN_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const REPO_ROOT = resolve(ADMIN_DIR, '../..');
const SCREENSHOTS = join(ADMIN_DIR, 'e2e', 'screenshots');
const PASSWORD = `e2e-${randomBytes(9).toString('base64url')}`;
/** The whole run, build included, must finish well within two minutes. */
const DEADLINE_MS = 110_000;
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

async function signIn(page: Page, password: string) {
  await page.getByLabel('User name').fill('admin');
  await page.getByLabel('Password').fill(password);
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
  check(page.url().startsWith(url), 'the person page stays on Vigil');
}

async function scenario(page: Page, url: string) {
  step('the app asks for a sign-in');
  await page.goto(url);
  await visible(page.getByRole('heading', { name: 'Sign in' }), 'the sign-in form');
  await screenshot(page, 'login.png');

  step('a wrong password is refused with a message');
  await signIn(page, 'not-the-password');
  const alert = page.getByRole('alert').filter({ hasText: 'Wrong user name or password' });
  await visible(alert, 'the message "Wrong user name or password"');
  check(
    (await page.getByLabel('Password').inputValue()) === '',
    'the wrong password was not cleared',
  );
  await screenshot(page, 'login-error.png');

  step('the right password opens the registry');
  await signIn(page, PASSWORD);
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
      // The browser logs failed requests; a refused login (401) and an unknown record (404) are part of this test.
      if (/Failed to load resource: the server responded with a status of (401|404)/.test(text))
        return;
      problems.push(`console error: ${text}`);
    });
    page.on('request', (request) => {
      if (!request.url().startsWith(vigil!.url) && !request.url().startsWith('data:'))
        problems.push(`request outside Vigil: ${request.url()}`);
    });

    await scenario(page, vigil.url);
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
