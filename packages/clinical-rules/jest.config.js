// Unit tests of the rules, with the branch coverage they must keep (issue 4: at least 95%). Self-contained
// (no require of the root config) because StrykerJS runs it from a copy of this package one level deeper.
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  roots: ['<rootDir>/src'],
  testRegex: '\\.spec\\.ts$',
  collectCoverageFrom: ['src/**/*.ts', '!src/**/*.spec.ts', '!src/**/index.ts'],
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { branches: 95, lines: 95 } },
};
