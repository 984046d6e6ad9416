import { defineConfig, devices } from "@playwright/test";

const PORT = Number(process.env.E2E_PORT ?? 3100);
const MAIL_PORT = Number(process.env.E2E_MAIL_PORT ?? 3101);
const GHL_PORT = PORT + 2;
const READY_PORT = PORT + 3;

/**
 * End-to-end tests in Debian's Chromium (Playwright cannot download its own browser here).
 * The web server is the production build on its own database, migrated and seeded by
 * tests/e2e/support/server.ts, sending mail to a local SMTP sink the tests read.
 */
export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: true,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    trace: "retain-on-failure",
    navigationTimeout: 60_000,
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    command: `tsx --tsconfig scripts/tsconfig.json tests/e2e/support/server.ts --port ${PORT} --mail-port ${MAIL_PORT} --ghl-port ${GHL_PORT} --ready-port ${READY_PORT}`,
    // Ready once the app answers and the first GHL sync of the demo agency is done.
    url: `http://127.0.0.1:${READY_PORT}/`,
    timeout: 300_000,
    reuseExistingServer: false,
    stdout: "pipe",
    stderr: "pipe",
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
