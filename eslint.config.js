import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

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
        { selector: "CallExpression[callee.object.name='it'][callee.property.name=/^(skip|only|todo)$/]", message: "No skipped, focused or todo tests." },
        { selector: "CallExpression[callee.object.name='describe'][callee.property.name=/^(skip|only|todo)$/]", message: "No skipped, focused or todo tests." },
      ],
    },
  },
  {
    // Only env.server.ts reads process.env in the app; scripts, tests and configs set it up.
    files: ["app/**/*.ts", "app/**/*.tsx"],
    ignores: ["app/env.server.ts", "app/**/*.test.ts"],
    rules: {
      "no-restricted-properties": ["error", { object: "process", property: "env", message: "Read configuration through env() from app/env.server.ts." }],
    },
  },
);
