// Integration tests talk to the real PostgreSQL and Redis; each file isolates itself (own database or key prefix).
const { base } = require('./jest.base.config');
module.exports = { ...base, testRegex: '\\.int-spec\\.ts$', testTimeout: 30000 };
