/**
 * What the node knows of each provider, one row a provider: the docs' provider tables are
 * generated from it (npm run docs), and the node's own facts of a provider are read from it
 * (body/gateways.ts; the batch node's providers.ts).
 */
import { HOSTED } from './hosted';
import { IN_CHINA } from './inChina';
import type { Provider, ProviderGroups } from './provider';
import { SELF_HOSTED } from './selfHosted';

export type * from './provider';

export const PROVIDER_GROUPS: ProviderGroups = {
	hosted: HOSTED,
	inChina: IN_CHINA,
	selfHosted: SELF_HOSTED,
};

export const PROVIDERS: Provider[] = [...HOSTED, ...IN_CHINA, ...SELF_HOSTED];
