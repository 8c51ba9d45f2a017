// End-to-end: the built renderer in Debian's Chromium, through the HTTP door, against a real
// library file. Plain playwright-core (no test runner); prints "N passed, N failed" and exits
// non-zero on any failure. Run after `npm run build`.
// Callbacks passed to evaluate() run in the page; fetch is Node 20's own.
/* global document, getComputedStyle, fetch */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { tsImport } from 'tsx/esm/api';
import { runElectronLaunchTest } from './electron.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RENDERER = path.join(ROOT, 'out', 'renderer');
const RESULTS = path.join(ROOT, 'test-results');
const CHROMIUM = process.env.CRUX_E2E_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const results = { passed: 0, failed: 0, skipped: 0 };
async function check(name, fn) {
  const started = Date.now();
  try {
    await fn();
    results.passed++;
    console.log(`ok    ${name} (${Date.now() - started} ms)`);
  } catch (e) {
    results.failed++;
    console.log(
      `FAIL  ${name}\n      ${String(e?.stack ?? e)
        .split('\n')
        .slice(0, 6)
        .join('\n      ')}`,
    );
  }
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}
function assertEqual(actual, expected, message) {
  if (actual !== expected)
    throw new Error(`${message}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function tempDir(prefix) {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

async function main() {
  if (!fs.existsSync(path.join(RENDERER, 'index.html'))) {
    console.error('tests/e2e: out/renderer is missing; run "npm run build" first');
    process.exit(2);
  }
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`tests/e2e: no Chromium at ${CHROMIUM}; install it with: apt-get install -y chromium`);
    process.exit(2);
  }
  fs.mkdirSync(RESULTS, { recursive: true });

  const { startHttpServer, Library, seedLibrary, XSS_TEXT, THREAD_URL, FIRST_PERMALINK } = await tsImport(
    './harness.ts',
    import.meta.url,
  );
  // Failures inside the core are expected in some checks; one line each is enough here.
  const logError = (method, e) =>
    console.log(`      (server log) ${method}: ${String(e?.message ?? e).split('\n')[0]}`);

  const work = tempDir('crux-e2e-');
  const seeded = seedLibrary(path.join(work, 'library.sqlite'));
  const library = seeded.library;
  const [seedImport] = await library.importFiles([path.join(ROOT, 'tests', 'fixtures', 'seed-thread.txt')]);
  const server = await startHttpServer({ library, rendererDir: RENDERER, logError });
  const emptyLibrary = Library.open(path.join(work, 'empty.sqlite'));
  const emptyServer = await startHttpServer({ library: emptyLibrary, rendererDir: RENDERER, logError });

  const context = await chromium.launchPersistentContext(tempDir('crux-e2e-profile-'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 820 },
  });
  context.setDefaultTimeout(10_000);

  // Anything the page logs as an error (CSP violations included) fails the run at the end.
  const pageErrors = [];
  const dialogs = [];
  const watch = (page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const text = msg.text();
      // Chromium asks for /favicon.ico on its own; the app has none.
      if (/favicon\.ico/.test(msg.location().url ?? '') || /favicon/.test(text)) return;
      // The no-token and refused-import checks below provoke these on purpose.
      if (/status of 401/.test(text)) return;
      pageErrors.push(text);
    });
    page.on('pageerror', (e) => pageErrors.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    return page;
  };
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  const seedTitle = seedImport.title;
  const reader = page.locator('article.reader');
  // Scoped to the thread list: the import form's <select> has options too.
  const threadOptions = (p = page) => p.getByRole('listbox', { name: 'Threads' }).getByRole('option');
  const threadOption = (name, p = page) => p.getByRole('listbox', { name: 'Threads' }).getByRole('option', { name });

  try {
    await check('thread list shows every thread with its counts and date', async () => {
      await page.goto(server.pageUrl);
      const options = threadOptions();
      await options.first().waitFor();
      assertEqual(await options.count(), 2, 'number of threads listed');
      const cars = threadOption(/Should cities ban cars downtown\?/);
      const text = await cars.innerText();
      assert(/Markdown · 4 posts · 4 passages/.test(text), `counts in ${JSON.stringify(text)}`);
      assert(/Imported/.test(text), 'imported date shown');
      await threadOption(new RegExp(escapeRe(seedTitle))).waitFor();
    });

    await check('the token is taken out of the address bar', async () => {
      assert(!page.url().includes('token'), `URL still carries the token: ${page.url()}`);
      // …and a reload in the same tab still works.
      await page.reload();
      await threadOptions().first().waitFor();
    });

    await check('a thread reads as a conversation with quotations as blockquotes', async () => {
      await threadOption(/Should cities ban cars downtown\?/).click();
      await reader.getByRole('heading', { name: 'Should cities ban cars downtown?' }).waitFor();
      const authors = await reader.locator('.post-author').allInnerTexts();
      assertEqual(authors.join('|'), 'Alice|Bob|Unknown author|Carol', 'post authors in order');
      assertEqual(await reader.locator('.passage-text').count(), 4, 'passages shown');
      const quote = reader.locator('blockquote.quote');
      assertEqual(await quote.count(), 1, 'blockquotes');
      assertEqual((await quote.locator('.quote-text').innerText()).trim(), seeded.quoted.text, 'quoted span');
      const passage = page.locator(`#passage-${seeded.replyPassageId}`);
      assert((await passage.locator('blockquote').count()) === 1, 'the quote sits inside the replying passage');
      assert(
        (await passage.locator('.passage-text').innerText()).startsWith('Foot traffic is not the same as revenue'),
        'reply text follows the quote',
      );
      await page.screenshot({ path: path.join(RESULTS, 'thread-light.png') });
    });

    await check(
      'source links open outside, a deleted post and missing replies are shown, hostile URLs stay text',
      async () => {
        const links = await reader
          .locator('a')
          .evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href'), target: a.target, rel: a.rel })));
        const expected = [THREAD_URL, FIRST_PERMALINK].map((href) => ({
          href,
          target: '_blank',
          rel: 'noopener noreferrer',
        }));
        assertEqual(JSON.stringify(links), JSON.stringify(expected), 'links in the reader');
        const notes = await reader.locator('.post-note').allInnerTexts();
        assertEqual(
          notes.join('|'),
          'Deleted at the source.|2 replies to this post are not in this export.',
          'notes on the deleted post',
        );
      },
    );

    await check('imported HTML is shown as text and creates no element', async () => {
      const xss = page.locator(`#passage-${seeded.xssPassageId} .passage-text`);
      assertEqual(await xss.innerText(), XSS_TEXT, 'passage text');
      const injected = await page.evaluate(
        () => document.querySelectorAll('img, script:not([src]), [onerror], [href^="javascript"]').length,
      );
      assertEqual(injected, 0, 'img/inline script/onerror elements in the page');
      assertEqual(dialogs.length, 0, 'alert() dialogs');
    });

    await check('arrow keys and j/k move through the thread list', async () => {
      const titles = await page.locator('[role=listbox] .thread-title').allInnerTexts();
      const selected = () => page.locator('[role=listbox] [aria-selected=true] .thread-title').innerText();
      const expectOpen = async (i, how) => {
        await reader.getByRole('heading', { name: titles[i], exact: true }).waitFor();
        assertEqual(await selected(), titles[i], `selection after ${how}`);
      };
      await page.getByRole('listbox', { name: 'Threads' }).focus();
      await page.keyboard.press('Home');
      await expectOpen(0, 'Home');
      await page.keyboard.press('ArrowDown');
      await expectOpen(1, 'ArrowDown');
      await page.keyboard.press('ArrowUp');
      await expectOpen(0, 'ArrowUp');
      // j/k work anywhere but in a text field.
      await page.locator('.reader-meta').click();
      await page.keyboard.press('j');
      await expectOpen(1, 'j');
      await page.keyboard.press('k');
      await expectOpen(0, 'k');
      await page.screenshot({ path: path.join(RESULTS, 'imported-thread-light.png') });
    });

    await check('Ctrl+K focuses search; Enter shows ranked snippets with <mark> highlights', async () => {
      await page.locator('.reader-meta').click();
      await page.keyboard.press('Control+k');
      const focused = await page.evaluate(() => document.activeElement?.getAttribute('aria-label'));
      assertEqual(focused, 'Search passages', 'focused element');
      await page.keyboard.type('foot traffic');
      await page.keyboard.press('Enter');
      await page.locator('.hit').first().waitFor();
      const marks = await page.locator('.hit mark').allInnerTexts();
      assert(marks.length > 0, 'no <mark> in the results');
      assert(
        marks.every((m) => /foot|traffic/i.test(m)),
        `unexpected highlights ${JSON.stringify(marks)}`,
      );
      const title = await page.locator('.results-title').innerText();
      assert(/match/.test(title), `results heading ${JSON.stringify(title)}`);
      const snippetHtml = await page.locator('.hit-snippet').first().innerHTML();
      assert(!/[\uE000\uE001]/.test(snippetHtml), 'raw match markers leaked into the page');
      await page.screenshot({ path: path.join(RESULTS, 'search-light.png') });
    });

    await check('a search hit opens its thread at the passage', async () => {
      const hit = page.locator('.hit', { hasText: 'Should cities ban cars downtown?' }).first();
      await hit.click();
      await reader.waitFor();
      await page.locator('.passage.flash').waitFor();
      await page.getByRole('button', { name: /Back to results/ }).click();
      await page.locator('.hit').first().waitFor();
    });

    await check('a misspelt search offers "Did you mean"', async () => {
      const search = page.getByRole('searchbox', { name: 'Search passages' });
      await search.fill('pedestrain');
      await search.press('Enter');
      const suggestion = page.locator('.suggestions button').first();
      await suggestion.waitFor();
      const corrected = await suggestion.innerText();
      await suggestion.click();
      await page.locator('.hit mark').first().waitFor();
      assertEqual(await search.inputValue(), corrected, 'search box shows the corrected query');
    });

    await check('dark mode follows prefers-color-scheme', async () => {
      const light = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await page.emulateMedia({ colorScheme: 'dark' });
      const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      assert(light !== dark, `background did not change (${light})`);
      await page.screenshot({ path: path.join(RESULTS, 'search-dark.png') });
      await threadOption(/Should cities ban cars downtown\?/).click();
      await reader.getByRole('heading', { name: 'Should cities ban cars downtown?' }).waitFor();
      await page.screenshot({ path: path.join(RESULTS, 'thread-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
    });

    await check('the browser import form adds a thread, and a bad path gets a readable error', async () => {
      const file = path.join(work, 'bike-lanes.md');
      fs.writeFileSync(
        file,
        '# Bike lanes on Main Street\n\nProtected lanes doubled cycling within a year.\n\n---\n\n> Protected lanes doubled cycling within a year.\n\nOnly in summer; winter numbers barely moved.\n',
      );
      await page.getByText('Import more threads').click();
      const paths = page.getByLabel(/^Thread files/);
      await paths.fill(path.join(work, 'does-not-exist.txt'));
      await page.getByRole('button', { name: 'Import' }).click();
      const alert = page.getByRole('alert').filter({ hasText: 'Import failed' });
      await alert.waitFor();
      assert(/does-not-exist\.txt: no such file/.test(await alert.innerText()), 'error names the file and problem');
      await alert.getByRole('button', { name: 'Dismiss' }).click();
      await paths.fill(file);
      await page.getByRole('button', { name: 'Import' }).click();
      await reader.getByRole('heading', { name: 'Bike lanes on Main Street' }).waitFor();
      assertEqual(await threadOptions().count(), 3, 'threads after import');
      await page.getByRole('status').filter({ hasText: 'Imported' }).waitFor();
    });

    await check('API calls without the token get 401', async () => {
      const body = JSON.stringify({ method: 'threads.list', args: {} });
      const bare = await fetch(`${server.url}api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body,
      });
      assertEqual(bare.status, 401, 'status without token');
      const fromPage = await page.evaluate(async (b) => {
        const r = await fetch('/api/call', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: b,
        });
        return r.status;
      }, body);
      assertEqual(fromPage, 401, 'status from the page without the header');
      const good = await fetch(`${server.url}api/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${server.token}` },
        body,
      });
      assertEqual(good.status, 200, 'status with token');
    });

    await check('a page opened without its token says what to do', async () => {
      const other = watch(await context.newPage());
      await other.goto(server.url);
      const alert = other.getByRole('alert');
      await alert.first().waitFor();
      assert(/access token/.test(await alert.first().innerText()), 'explains the missing token');
      await other.close();
    });

    await check('an empty library explains how to import', async () => {
      const other = watch(await context.newPage());
      await other.goto(emptyServer.pageUrl);
      await other.getByRole('heading', { name: 'Your library is empty' }).waitFor();
      await other.getByRole('button', { name: 'Import' }).waitFor();
      await other.screenshot({ path: path.join(RESULTS, 'empty-light.png') });
      await other.emulateMedia({ colorScheme: 'dark' });
      await other.screenshot({ path: path.join(RESULTS, 'empty-dark.png') });
      await other.close();
    });

    await check('the page ran without console errors or CSP violations', async () => {
      assert(pageErrors.length === 0, `page errors:\n        ${pageErrors.join('\n        ')}`);
    });
  } finally {
    await context.close();
    await server.close();
    await emptyServer.close();
    library.close();
    emptyLibrary.close();
  }

  const electron = await runElectronLaunchTest({ root: ROOT, check });
  if (electron === 'skipped') results.skipped++;

  console.log(`\nScreenshots in ${path.relative(process.cwd(), RESULTS) || RESULTS}/`);
  console.log(
    `${results.passed} passed, ${results.failed} failed${results.skipped ? `, ${results.skipped} skipped` : ''}`,
  );
  process.exitCode = results.failed > 0 ? 1 : 0;
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

main().catch((e) => {
  console.error(e);
  console.log(`${results.passed} passed, ${results.failed + 1} failed`);
  process.exit(1);
});
