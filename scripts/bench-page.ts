// `npm run bench:page [-- --backends webgl,wasm,cpu --rounds 3 --workloads mlp,xor --json]`: the page
// bench in headless Chromium. Serves src/bench/page through Vite, opens it, and prints the same
// comparisons table as `lab bench --workload comparisons`, per backend the browser has (webgpu where
// present), then the default XOR experiment's 1,000 steps as the app trains them.
// Set CHROMIUM_PATH to use another browser; CHROMIUM_FLAGS adds flags (e.g. --enable-unsafe-webgpu).
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { createServer } from 'vite';
import { CHROMIUM_ARGS, findChromium } from '../tests/browser/chromium';
import { comparisonTable } from '../src/cli/comparison-table';
import { fixed, formatTable } from '../src/cli/format';
import type { PageBenchResult } from '../src/bench/page/entry';

const { values } = parseArgs({
  options: {
    backends: { type: 'string', default: 'webgl,webgpu,wasm,cpu' },
    rounds: { type: 'string', default: '3' },
    workloads: { type: 'string', default: 'mlp,xor' },
    'no-xor': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    headed: { type: 'boolean', default: false },
  },
});
if (!/^[1-9]\d{0,2}$/.test(values.rounds)) {
  console.error(`error: --rounds takes a whole number from 1 to 999, got ${JSON.stringify(values.rounds)}`);
  process.exit(2);
}
const browserPath = findChromium();
if (!browserPath.ok) {
  console.error(browserPath.message);
  process.exit(2);
}

const server = await createServer({ logLevel: 'error', server: { port: 0, host: '127.0.0.1' } });
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const extraFlags = (process.env.CHROMIUM_FLAGS ?? '').split(/\s+/).filter(Boolean);
const browser = await chromium.launch({ executablePath: browserPath.path, args: [...CHROMIUM_ARGS, ...extraFlags], headless: !values.headed });
try {
  const page = await browser.newPage();
  page.on('console', (m) => process.stderr.write(`\r\x1b[K${m.text()}`));
  page.on('pageerror', (e) => process.stderr.write(`\npage error: ${e.message}\n`));
  const query = new URLSearchParams({ backends: values.backends, rounds: values.rounds, workloads: values.workloads, xor: values['no-xor'] ? '0' : '1' });
  const response = await page.goto(`http://127.0.0.1:${port}/src/bench/page/index.html?${query}`);
  if (!response?.ok()) throw new Error(`the bench page did not load: HTTP ${response?.status() ?? 'no response'}`);
  // A page bench on software WebGL takes minutes; the page reports its own failure.
  await page.waitForFunction(() => window.benchResult !== undefined || window.benchError !== undefined, null, { timeout: 60 * 60_000, polling: 500 });
  const error = await page.evaluate(() => window.benchError);
  if (error) throw new Error(`the page bench failed: ${error}`);
  const result = (await page.evaluate(() => window.benchResult)) as PageBenchResult;
  process.stderr.write('\r\x1b[K');
  if (values.json) {
    console.log(JSON.stringify(result));
  } else {
    console.log(`browser: ${result.userAgent}`);
    for (const u of result.unavailable) console.log(`not measured: ${u.backend} (${u.reason})`);
    console.log(comparisonTable(result.comparisons));
    if (result.defaultXor.length) {
      console.log('\nThe default experiment (docs/examples/xor.json, 1,000 steps with its evaluations), wall clock on the page:');
      console.log(formatTable(['backend', 'median ms', 'range ms', 'steps/s'], result.defaultXor.map((x) => [x.backend, fixed(x.medianMs, 0), `${fixed(Math.min(...x.rounds), 0)}–${fixed(Math.max(...x.rounds), 0)}`, fixed((1000 * x.steps) / x.medianMs, 0)])));
    }
  }
} finally {
  await browser.close();
  await server.close();
}
