const os = require("node:os");

// The test layers, cheapest first (__tests__/layers.json: each a name and its folder in __tests__): one jest
// project each, but for the layers with an npm script of their own (jest.projects.js: the emulator layer).
// `npm run test:quick` selects the fast ones (--selectProjects), npm run bench:tests reports CPU by these names, and
// __tests__/unit/test-layers.test.ts holds every test file to exactly one layer.
const { NPM_TEST_LAYERS, projectsOf } = require("./jest.projects");

/** @type {import('jest').Config} */
module.exports = {
  projects: projectsOf(NPM_TEST_LAYERS),
  // The run's shared AWS provider and cache folder: started once before the first file, stopped after the last.
  globalSetup: "<rootDir>/__tests__/global-setup.ts",
  globalTeardown: "<rootDir>/__tests__/global-teardown.ts",
  // Without timings (a clean clone), the heaviest layers' files first rather than the largest files.
  testSequencer: "<rootDir>/tools/performance/test-sequencer.cjs",
  testTimeout: 120000,
  maxConcurrency: 3,
  // The heaviest test files mostly wait on Terraform, curl and openssl child processes, so one worker more than
  // jest's default (cores - 1) keeps a 2-core machine busy: 205 s instead of 237 s for the whole suite.
  maxWorkers: Math.max(2, os.availableParallelism() - 1),
};
