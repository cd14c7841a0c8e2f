import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import { fileURLToPath } from 'node:url';
import { computeCodeVersion } from './build/codeVersion';

/**
 * Cross-origin isolation (kept from when the threaded `coi` bundle ran; the app now always runs
 * `eh`, see engine/browserConnector.ts) also gives precise timers and memory figures to the
 * benchmarks. The CSP forbids every origin but our own; 'wasm-unsafe-eval' is what WebAssembly needs.
 */
const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  plugins: [vue()],
  define: { __CW_CODE_VERSION__: JSON.stringify(computeCodeVersion(fileURLToPath(new URL('.', import.meta.url)))) },
  base: './',
  worker: { format: 'es' },
  build: { target: 'es2022', chunkSizeWarningLimit: 4096, assetsInlineLimit: 0 },
  optimizeDeps: { exclude: ['@duckdb/duckdb-wasm', 'parquet-wasm'] },
  server: { headers: isolationHeaders },
  preview: { headers: isolationHeaders },
  test: {
    include: ['tests/unit/**/*.test.ts', 'src/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
