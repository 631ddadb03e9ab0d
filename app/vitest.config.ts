import { defineConfig } from 'vitest/config';

// Unit tests of the app's logic (quotes, bounds, formatting, error decoding, dividends, market figures), on Node.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'], environment: 'node' },
});
