// Shared Jest settings; each tier picks its files. Type checking is the build's job, so ts-jest only transpiles.
const base = {
  rootDir: process.cwd(),
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: '<rootDir>/tsconfig.json' }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
};
module.exports = { base };
