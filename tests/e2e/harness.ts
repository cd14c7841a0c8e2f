import { preview, type PreviewServer } from 'vite';
import { chromium, type Browser, type Page } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const OUTPUT_DIR = path.resolve('test-output/e2e');

/** Serves the built app (dist/) on a free loopback port, with the same headers as `npm run demo`. */
export async function startServer(): Promise<{ server: PreviewServer; origin: string }> {
  const server = await preview({ preview: { port: 0, host: '127.0.0.1', strictPort: false }, logLevel: 'error' });
  const address = server.httpServer.address();
  if (!address || typeof address === 'string') throw new Error('preview server has no address');
  return { server, origin: `http://127.0.0.1:${address.port}` };
}

/** Debian's Chromium, headless, with every background-networking feature off. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic',
      '--disable-dev-shm-usage',
    ],
  });
}

/** Records every request a page makes, to prove nothing leaves the app's origin. */
export function recordRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => urls.push(r.url()));
  return urls;
}

/** Requests that went anywhere but `origin` (data:/blob: URLs are in-page, not network). */
export function foreignRequests(urls: string[], origin: string): string[] {
  return urls.filter((u) => !u.startsWith(origin + '/') && u !== origin && !u.startsWith('data:') && !u.startsWith('blob:'));
}

/** Saves a screenshot under test-output/e2e and returns its path. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const file = path.join(OUTPUT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}
