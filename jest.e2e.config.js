// End-to-end: the processes started as in production, against the real PostgreSQL, a private Redis and the sandbox.
const { base } = require('./jest.base.config');
module.exports = { ...base, testRegex: '\\.e2e-spec\\.ts$', testTimeout: 120000 };
