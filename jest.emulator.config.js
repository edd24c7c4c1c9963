// npm run test:emulator: the emulator layer alone (__tests__/emulator), outside npm test: it applies the stacks
// against moto for real and takes minutes. Same global setup as npm test (Terraform checked once, the run's cache).
const base = require("./jest.config");
const { projectsOf } = require("./jest.projects");

/** @type {import('jest').Config} */
module.exports = { ...base, projects: projectsOf(["emulator"]), testTimeout: 600000 };
