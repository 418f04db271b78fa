/** The queue-mode suite (`npm run test:scale`): the same setup as the main suite, its own folder. */
const main = require('../../jest.config.js');

/** @type {import('jest').Config} */
module.exports = {
	...main,
	rootDir: '../..',
	roots: ['<rootDir>/test/scale'],
};
