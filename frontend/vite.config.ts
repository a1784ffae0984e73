import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// The dev server proxies the API to a running exchange (./exchange run), so the UI reloads on save while the
// service keeps its data. EXCHANGE_URL points elsewhere if the exchange is not on localhost:8080.
const exchange = process.env.EXCHANGE_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: exchange, changeOrigin: false } },
  },
  build: {
    outDir: 'target/classes/store',
    emptyOutDir: true,
    // React + Ant Design alone are about 255 kB gzip; every route and ECharts are split off (see src/routes.tsx).
    chunkSizeWarningLimit: 1100,
    // No inline <script> in index.html: the CSP allows scripts from 'self' only.
    modulePreload: { polyfill: false },
  },
  test: {
    environment: 'happy-dom',
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
  },
});
