/** @type {import('jest').Config} */
module.exports = {
	preset: 'ts-jest',
	testEnvironment: 'node',
	roots: ['<rootDir>/test/unit', '<rootDir>/test/engine', '<rootDir>/test/e2e/tests'],
	testMatch: ['**/*.test.ts'],
	testPathIgnorePatterns: ['/node_modules/'],
	testTimeout: 60000,
	// The engine and real-n8n tests load dist/: build it first, so a stale build is never tested.
	globalSetup: '<rootDir>/test/buildFirst.js',
	transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'test/tsconfig.json' }] },
};
