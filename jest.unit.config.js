const { base } = require('./jest.base.config');
module.exports = { ...base, testRegex: '\\.spec\\.ts$' };
