/**
 * @type {import('@types/eslint').ESLint.ConfigData}
 */
module.exports = {
	root: true,
	env: { browser: true, es6: true, node: true },
	parser: '@typescript-eslint/parser',
	parserOptions: {
		project: ['./tsconfig.json'],
		sourceType: 'module',
		extraFileExtensions: ['.json'],
	},
	ignorePatterns: ['.eslintrc.js', '**/*.js', '**/*.mjs', '**/node_modules/**', '**/dist/**'],
	overrides: [
		{
			// The tests, scripts and benchmark: TypeScript's recommended rules.
			files: ['./test/**/*.ts', './scripts/**/*.ts', './bench/**/*.ts'],
			parserOptions: { project: ['./test/tsconfig.json'] },
			plugins: ['@typescript-eslint'],
			extends: ['eslint:recommended', 'plugin:@typescript-eslint/recommended'],
			rules: {
				// n8n's run data and errors are untyped JSON; the tests read them as such.
				'@typescript-eslint/no-explicit-any': 'off',
				// Engine modules are required lazily: they read the environment when loaded.
				'@typescript-eslint/no-var-requires': 'off',
				// Prettier owns the layout (and aligns some union types with spaces after tabs).
				'no-mixed-spaces-and-tabs': 'off',
			},
		},
		{
			files: ['package.json'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/community'],
		},
		{
			files: ['./credentials/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/credentials'],
			rules: {
				// These two rules expect a slug of n8n's own docs site; a community package links its README.
				'n8n-nodes-base/cred-class-field-documentation-url-miscased': 'off',
				'n8n-nodes-base/cred-class-field-documentation-url-not-http-url': 'off',
			},
		},
		{
			files: ['./nodes/**/*.ts'],
			plugins: ['eslint-plugin-n8n-nodes-base'],
			extends: ['plugin:n8n-nodes-base/nodes'],
			rules: {
				// These rules predate NodeConnectionTypes and want the string 'main' instead.
				'n8n-nodes-base/node-class-description-inputs-wrong-regular-node': 'off',
				'n8n-nodes-base/node-class-description-outputs-wrong': 'off',
			},
		},
	],
};
