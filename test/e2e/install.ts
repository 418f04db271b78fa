/** Installs the real n8n versions the end-to-end tests run (skipped when already installed). */
import { N8N_VERSIONS, ensureN8nInstalled } from './n8n';

for (const version of N8N_VERSIONS) ensureN8nInstalled(version);
