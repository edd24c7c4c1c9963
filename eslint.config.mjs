// typescript-eslint's recommended rules over the app, the stacks, the tools, the functions and the tests.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "cdktf.out/", "cdktf.out.*/", "state/", "pki/", "coverage/", ".build/"] },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      // Synthesized Terraform JSON is untyped by nature; tests and the harness read it as `any`.
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // @aws-sdk/client-acm-pca is on an older SDK line than the other clients (docs/dependencies.md): in the app and
    // the tools, one adapter holds it, so its older types meet nothing else. (The emulator tests read moto with the
    // raw client, which needs no cast.)
    files: ["main.ts", "lib/**/*.ts", "stacks/**/*.ts", "tools/**/*.ts", "functions/**/*.ts", "policies/**/*.ts"],
    ignores: ["tools/verify/certificate-authorities.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "@aws-sdk/client-acm-pca",
              message: "read ACM Private CA through tools/verify/certificate-authorities.ts",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        __dirname: "readonly",
        __filename: "readonly",
        console: "readonly",
      },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
