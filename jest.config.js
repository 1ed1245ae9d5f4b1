// jest in ESM mode: the @actions packages and jose ship only ESM.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  // Builds dist/ first when it is not the build of src/ (most tests run dist/).
  globalSetup: './scripts/dist-freshness.ts',
  // The tests start simulators and child processes; two cores are all we have.
  maxWorkers: 2,
  // `npm test` (scripts/test.ts) turns coverage on and merges it with the runs of dist/: both sides
  // go through v8-to-istanbul, so their lines match.
  coverageProvider: 'v8',
  coverageReporters: ['json'],
  collectCoverageFrom: ['src/**/*.ts'],
}
