import { svelte } from '@sveltejs/vite-plugin-svelte';
import { playwright } from '@vitest/browser-playwright';
import { configDefaults, defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';
import { CHROMIUM_ARGS, findChromium } from './tests/browser/chromium.js';

const chromium = findChromium();

/** Real Chromium, real tfjs: the WebGL backend (SwiftShader without a GPU), the worker, components. */
function browserProject(name: string, include: string[], testTimeout: number): TestProjectInlineConfiguration {
  return {
    plugins: [svelte()],
    worker: { format: 'es' },
    // Pre-bundled up front: discovering tfjs mid-run makes Vite reload the page and lose the test.
    optimizeDeps: {
      include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgl', '@tensorflow/tfjs-backend-cpu', 'seedrandom', 'zod', 'chart.js', 'chart.js/helpers', 'fflate'],
    },
    test: {
      name,
      include,
      // Fails the run with install instructions when there is no Chromium (never a silent skip).
      globalSetup: ['tests/browser/chromium.ts'],
      // Software WebGL compiles every shader on the CPU: first runs are slow on two cores.
      testTimeout,
      hookTimeout: 120_000,
      // One file at a time: parallel files would fight over two cores and skew the timing checks.
      fileParallelism: false,
      browser: {
        enabled: true,
        headless: true,
        provider: playwright({
          launchOptions: {
            executablePath: chromium.ok ? chromium.path : undefined,
            args: CHROMIUM_ARGS,
          },
        }),
        instances: [{ browser: 'chromium' }],
        // Failure screenshots go with the other ignored test output, not into tests/.
        screenshotDirectory: 'test-results/browser-screenshots',
      },
    },
  };
}

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          include: ['tests/{core,data,lessons,cli,state,charts,worker,architecture,fuzz}/**/*.test.ts'],
          // *.browser.test.ts files sit beside the logic they exercise but need a real canvas.
          exclude: [...configDefaults.exclude, '**/*.browser.test.ts'],
          environment: 'node',
          // Training tests are CPU-bound; two workers match the two cores we have.
          pool: 'forks',
          maxWorkers: 2,
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      browserProject('browser', ['tests/browser/**/*.test.ts', 'tests/**/*.browser.test.ts'], 180_000),
      // On demand (npm run test:webgl-lessons): every lesson and its controls on software WebGL, minutes each.
      browserProject('webgl-lessons', ['tests/webgl-lessons/**/*.test.ts'], 900_000),
      {
        // The built app (vite build + vite preview) driven like a user with playwright-core.
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/browser/chromium.ts', 'tests/e2e/global-setup.ts'],
          testTimeout: 300_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
