// Debian's chromium, driven by playwright-core, for the tests of the run's page. A machine without
// it fails those tests with what to install (never a skip): test/setup/system-packages.sh installs
// it as `npm test`'s pretest.
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

import { type Browser, chromium, type Page } from 'playwright-core';

import { REPO_ROOT } from './paths.js';

export const CHROMIUM = '/usr/bin/chromium';

/** Where the tests keep their screenshots (gitignored). */
export const TEST_ARTIFACTS = path.join(REPO_ROOT, 'test-artifacts');

export async function launchChromium(executablePath = CHROMIUM): Promise<Browser> {
  if (!existsSync(executablePath)) {
    throw new Error(
      `chromium is not installed (${executablePath} is missing): the run page's tests need Debian's chromium. ` +
        'Run `bash test/setup/system-packages.sh` (as root it installs it; else it prints the apt-get line).',
    );
  }
  return chromium.launch({ executablePath, args: ['--no-sandbox'] });
}

export interface OpenedPage {
  page: Page;
  /** console errors and uncaught exceptions */
  errors: string[];
  /** every request the page attempted, the page itself included */
  requests: string[];
}

/**
 * Opens a local file in a fresh page. Every request is routed: the page itself is served, any
 * other is aborted and recorded (a self-contained page attempts none).
 */
export async function openFile(browser: Browser, file: string): Promise<OpenedPage> {
  const url = pathToFileURL(file).href;
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  const requests: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.route('**/*', async (route) => {
    const requested = route.request().url();
    requests.push(requested);
    if (requested === url) await route.continue();
    else await route.abort();
  });
  await page.goto(url);
  return { page, errors, requests };
}

/** A full-page screenshot under test-artifacts/; its path. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(TEST_ARTIFACTS, { recursive: true });
  const file = path.join(TEST_ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}
