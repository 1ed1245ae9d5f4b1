// jest in ESM mode: the @actions packages and jose ship only ESM.
/** @type {import('jest').Config} */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  testTimeout: 30000,
  // The tests start simulators and child processes; two cores are all we have.
  maxWorkers: 2,
  collectCoverageFrom: ['src/**/*.ts', '!src/index.ts', '!src/post.ts'],
}
