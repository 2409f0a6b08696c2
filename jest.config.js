/** Type checking runs once in `npm test` (tsc --noEmit); jest only transpiles. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { diagnostics: false }] },
  globalSetup: "<rootDir>/__tests__/helpers/global-setup.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/helpers/setup.ts"],
  testTimeout: 120000,
  // Both cores: most of a run is terraform and synthesis in child processes, not jest itself.
  maxWorkers: 2,
};
