import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Tests and their helpers may import anything. */
const TEST_FILES = [
  "app/**/*.test.ts",
  "app/**/*.test.tsx",
  "app/**/test-support/**",
  "app/**/test-support.ts",
  "app/jobs/queue-contract.ts",
];
/** Files that may do I/O although they carry no .server suffix: routes, entry points, the sandbox. */
const NOT_PURE = [
  ...TEST_FILES,
  "app/**/*.server.ts",
  "app/**/*.server.tsx",
  "app/routes/**",
  "app/cli/**",
  "app/jobs/worker-main.ts",
  "app/sandbox/**",
];
const PURE_FORBIDS = [
  {
    group: ["@prisma/*", "**/generated/*", "**/generated/**"],
    message: "Pure core: no Prisma. Take the data as an argument, or rename the file *.server.ts.",
  },
  {
    group: ["twilio", "twilio/*", "@sendgrid/*", "pg", "pg-boss", "better-sqlite3", "@shopify/shopify-app-remix/*"],
    message: "Pure core: no vendor SDK or database driver; do I/O in a *.server.ts file.",
  },
  {
    group: ["**/*.server", "~/*.server"],
    allowTypeImports: true,
    message: "Pure core: no *.server module (Prisma, env or network); types only.",
  },
];
const SANDBOX_FORBID = {
  group: ["~/sandbox/*", "~/sandbox/**", "**/sandbox/*", "**/sandbox/**"],
  message: "Production code imports no sandbox stand-in.",
};

export default tseslint.config(
  { ignores: ["build/**", "generated/**", "tmp/**", "node_modules/**", "bench/.cache/**", ".cache/**", "public/build/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.name='it'][callee.property.name=/^(skip|only|todo)$/]",
          message: "No skipped, focused or todo tests.",
        },
        {
          selector: "CallExpression[callee.object.name='describe'][callee.property.name=/^(skip|only|todo)$/]",
          message: "No skipped, focused or todo tests.",
        },
      ],
    },
  },
  {
    // Only env.server.ts reads process.env in the app; scripts, tests and configs set it up.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/env.server.ts", "app/**/*.test.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read configuration through env() from app/env.server.ts." },
      ],
    },
  },
  {
    // House rule: the pure core (files without the .server suffix) imports no Prisma, no
    // environment, no vendor SDK and no *.server module (types excepted: they vanish at build).
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: [...NOT_PURE],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...PURE_FORBIDS, SANDBOX_FORBID] }],
    },
  },
  {
    // Production .server code imports no sandbox stand-in (the demo's own pages and entry points excepted).
    files: ["app/**/*.server.ts", "app/**/*.server.tsx", "app/routes/**"],
    ignores: ["app/sandbox/**", ...TEST_FILES, "app/routes/app.sandbox.*"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [SANDBOX_FORBID] }] },
  },
  {
    // Components render what loaders give them: no *.server module, no Prisma (types excepted).
    files: ["app/components/**", "app/**/ui/**"],
    ignores: [...TEST_FILES],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [...PURE_FORBIDS, SANDBOX_FORBID] }] },
  },
);
