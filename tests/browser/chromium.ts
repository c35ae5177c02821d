// Finds the Chromium that browser tests drive. Playwright's own browser downloads are not used here:
// the project tests against the system's Chromium (Debian's package), found once by the config and
// checked again by the browser project's global setup, which fails the run with instructions when
// there is none, so a missing browser can never pass as skipped tests.
import { existsSync } from 'node:fs';

/** Flags that give headless Chromium WebGL2 through SwiftShader on machines without a GPU, and no network chatter. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export type ChromiumLookup = { ok: true; path: string } | { ok: false; message: string };

export function findChromium(env: NodeJS.ProcessEnv = process.env): ChromiumLookup {
  const wanted = env.CHROMIUM_PATH;
  if (wanted) {
    if (existsSync(wanted)) return { ok: true, path: wanted };
    return { ok: false, message: `CHROMIUM_PATH is set to ${wanted}, but no file is there.\n${HOW_TO_INSTALL}` };
  }
  const found = CANDIDATES.find((path) => existsSync(path));
  if (found) return { ok: true, path: found };
  return { ok: false, message: `No Chromium found (looked at ${CANDIDATES.join(', ')}).\n${HOW_TO_INSTALL}` };
}

const HOW_TO_INSTALL = [
  'The browser tests (vitest project "browser") need a Chromium binary:',
  '  - on Debian/Ubuntu: apt-get install -y chromium',
  '  - or point CHROMIUM_PATH at any Chromium or Chrome executable.',
  'To run only the Node tests meanwhile: npx vitest run --project node',
].join('\n');

/** The browser project's globalSetup: runs in Node before any browser is launched. */
export default function requireChromium(): void {
  const chromium = findChromium();
  if (!chromium.ok) throw new Error(chromium.message);
}
