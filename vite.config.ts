import { defineConfig, type Plugin } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The dev server injects every stylesheet as a <style> element (for hot reload), which index.html's
 * strict style-src refuses: there alone inline styles are allowed. The build keeps the strict policy.
 */
const devServerStyles: Plugin = {
  name: 'gradient-lab:dev-server-styles',
  apply: 'serve',
  transformIndexHtml(html) {
    const strict = "style-src 'self';";
    // Pages without a policy (the page bench, src/bench/page) have nothing to relax.
    if (!html.includes('Content-Security-Policy')) return html;
    if (!html.includes(strict)) throw new Error(`index.html's Content-Security-Policy has no "${strict}" to relax for the dev server`);
    return html.replace(strict, "style-src 'self' 'unsafe-inline';");
  },
};

export default defineConfig({
  plugins: [
    svelte(),
    devServerStyles,
    // A Workbox service worker precaches the app shell and every hashed asset (scripts, styles, the
    // training worker, tfjs's wasm binaries), so that after one visit a reload works offline.
    VitePWA({
      // An update waits until every tab of the app is closed: a class mid-lesson never gets a new
      // page asking for chunks the old service worker no longer holds.
      registerType: 'prompt',
      // A <script defer src="registerSW.js">: an inline register script would break the CSP.
      injectRegister: 'script-defer',
      manifest: {
        name: 'Gradient Lab',
        short_name: 'Gradient Lab',
        description: 'Train real neural networks in the browser and watch what deep-learning courses teach.',
        start_url: '.',
        display: 'standalone',
        background_color: '#f7f9fb',
        theme_color: '#1f3a5f',
        icons: [{ src: 'favicon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' }],
      },
      includeManifestIcons: false, // favicon.svg is in globPatterns already
      workbox: {
        // The web manifest and its icon are added by the plugin itself.
        globPatterns: ['**/*.{html,js,css,wasm,svg}'],
        // The MNIST chunks are not app shell: src/worker/fetch-bytes.ts keeps the ones an experiment
        // used in its own Cache Storage bucket (gradient-lab-data-v1), and the service worker leaves
        // those requests alone (no route matches them), so no chunk is ever stored twice.
        globIgnores: ['data/**'],
        navigateFallbackDenylist: [/\/data\//],
        // The training worker bundles tfjs (about 2 MB); Workbox skips files over 2 MiB by default.
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        // Drops the precaches of older builds (Workbox's own caches only; the data bucket stays).
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4000 },
});
