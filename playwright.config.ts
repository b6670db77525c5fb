// Browser tests: Debian's Chromium, never a downloaded browser. Each test gets its own dev
// server on 127.0.0.1 with a port chosen at run time (see e2e/fixtures.ts).
import { defineConfig } from '@playwright/test';

export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'target/e2e/results',
  fullyParallel: true,
  workers: 2,
  retries: 0,
  timeout: 30_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    headless: true,
    launchOptions: { executablePath: '/usr/bin/chromium', args: chromiumArgs },
    trace: 'retain-on-failure',
  },
  projects: [
    // The widget against the dev server, in AIDA's Phoenix 1.3 and in current Phoenix 1.8.
    // Our Phoenix client beside phoenix.js, against a recording server. It compares timings, so
    // it runs first and alone.
    { name: 'conformance', testMatch: 'conformance.spec.ts' },
    { name: 'aida-1.3', testIgnore: 'conformance.spec.ts', dependencies: ['conformance'], use: { phoenix: '1.3' } as never },
    // The preview command runs once: it builds into one shared directory.
    { name: 'phoenix-1.8', testIgnore: ['conformance.spec.ts', 'preview.spec.ts'], dependencies: ['conformance'], use: { phoenix: '1.8' } as never },
  ],
});
