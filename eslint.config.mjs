import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ["lib/generated/**", ".next/**", ".data/**", "node_modules/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      // Configuration is read once, validated, in lib/env.ts.
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Import env from @/lib/env instead." }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Test harnesses and the dev runner set variables for the processes they start.
    files: ["tests/**", "lib/dev/**", "playwright.config.ts", "vitest.config.ts", ".ci/**", "middleware.ts", "instrumentation.ts"],
    rules: { "no-restricted-properties": "off" },
  },
];

export default config;
