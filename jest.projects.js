// The test layers as jest projects (__tests__/layers.json: each layer's name and its folder in __tests__, which
// holds its test files), for jest.config.js (npm test) and jest.emulator.config.js (npm run test:emulator).

const LAYERS = require("./__tests__/layers.json");

/** Layers `npm test` leaves out, each with the npm script that runs it (.ci/run runs it after npm test). */
const OWN_SCRIPT_LAYERS = { emulator: "test:emulator" };

function projectsOf(names) {
  return names.map((displayName) => ({
    displayName,
    testMatch: [`<rootDir>/__tests__/${LAYERS[displayName]}/**/*.test.ts`],
    testEnvironment: "node",
    roots: ["<rootDir>/__tests__"],
    transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
    setupFilesAfterEnv: ["<rootDir>/__tests__/setup.js"],
  }));
}

const NPM_TEST_LAYERS = Object.keys(LAYERS).filter((name) => !(name in OWN_SCRIPT_LAYERS));

module.exports = { LAYERS, OWN_SCRIPT_LAYERS, NPM_TEST_LAYERS, projectsOf };
