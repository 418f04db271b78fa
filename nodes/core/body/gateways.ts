import type { DocumentShape } from '../item/documentOptions';
import { PROVIDERS } from '../providers';
import type { Provider } from '../providers';

/** What the node knows of a gateway from its documentation, by the host of its Base URL. */
export interface GatewayFacts {
	/** How it takes an answer's schema where not as `json_schema`. */
	schemaAs?: 'json_object' | 'prompt';
	/** How it takes a PDF inside /chat/completions, or that it takes none. */
	documents?: DocumentShape | 'none';
}

/**
 * What the node knows of the gateway at this Base URL: the schema and documents facts of
 * the provider whose hosts hold its host (nothing for an unknown host). A gateway not known
 * takes json_schema until it refuses it (errors/quirks.ts), and a PDF only in the form
 * Documents As names.
 */
export function gatewayAt(baseUrl: string | undefined): GatewayFacts {
	// Every item of a run asks with its credential's Base URL: the latest answer is kept.
	if (ofLatestBaseUrl && ofLatestBaseUrl.baseUrl === baseUrl) return ofLatestBaseUrl.facts;
	const host = URL.canParse(baseUrl ?? '') ? new URL(baseUrl!).hostname.toLowerCase() : '';
	const facts =
		KNOWN_HOSTS.find(({ name }) => host === name || host.endsWith(`.${name}`))?.facts ?? {};
	ofLatestBaseUrl = { baseUrl, facts };
	return facts;
}

let ofLatestBaseUrl: { baseUrl: string | undefined; facts: GatewayFacts } | undefined;

function gatewayFacts({ schema, documents }: Provider): GatewayFacts {
	return {
		...(schema.is === 'json_object' || schema.is === 'prompt' ? { schemaAs: schema.is } : {}),
		...(documents.is !== 'not checked' ? { documents: documents.is } : {}),
	};
}

/** Each host a provider is known by, with its facts: read once, not for every item. */
const KNOWN_HOSTS = PROVIDERS.flatMap((provider) =>
	(provider.hosts ?? []).map((name) => ({ name, facts: gatewayFacts(provider) })),
);
