// Test projects: `unit` (pure and fast), `integration-sqlite` and `integration-pg` (the same
// *.integration.test.ts files against each database), `browser` (Chromium against a real server).
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const alias = { "~": fileURLToPath(new URL("./app", import.meta.url)) };
const shared = { setupFiles: ["tests/setup/env.ts", "tests/setup/console.ts"] };

/** The same integration tests, once per database (tests/setup/global-db.ts reads TEST_DATABASE). */
function integrationProject(database: "sqlite" | "postgres") {
  return {
    resolve: { alias },
    test: {
      ...shared,
      name: database === "sqlite" ? "integration-sqlite" : "integration-pg",
      include: ["app/**/*.integration.test.ts", "tests/integration/**/*.test.ts"],
      env: { TEST_DATABASE: database },
      globalSetup: ["tests/setup/global-db.ts"],
      testTimeout: 60_000,
      hookTimeout: 60_000,
    },
  };
}

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "unit",
          include: ["app/**/*.test.ts", "app/**/*.test.tsx", "scripts/**/*.test.ts", "bench/**/*.test.ts"],
          exclude: ["**/*.integration.test.ts", "**/node_modules/**"],
        },
      },
      integrationProject("sqlite"),
      integrationProject("postgres"),
      {
        resolve: { alias },
        test: {
          ...shared,
          name: "browser",
          include: ["tests/browser/**/*.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
