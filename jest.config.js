const os = require("node:os");

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  setupFilesAfterEnv: ["<rootDir>/setup.js"],
  // The run's shared AWS provider and cache folder: started once before the first file, stopped after the last.
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  testTimeout: 120000,
  maxConcurrency: 3,
  // The heaviest test files mostly wait on Terraform, curl and openssl child processes, so one worker more than
  // jest's default (cores - 1) keeps a 2-core machine busy: 205 s instead of 237 s for the whole suite.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
};
