// n8n's own lint for community packages (@n8n/node-cli, the config `npm create @n8n/node`
// gives): its community rules with n8n Cloud's on, over what the package ships. Run from the
// repository's root (`npm run lint`), so its `./nodes/**` and `./credentials/**` globs match.
import { config } from '@n8n/node-cli/eslint';

export default config;
