import type { ICredentialsDecrypted, IExecuteSingleFunctions } from 'n8n-workflow';

import { limiterKey } from '../limiter/registry';
import { CREDENTIAL_TYPE } from '../../../credentials/credentialType';

/** The node run's credential, read once for all its items. */
export interface RunCredentials {
	/** Handed to n8n's authenticated request helper, which then does not read it again. */
	decrypted: ICredentialsDecrypted;
	/** Finds the key's limiter: a hash of Base URL and key. */
	limiterKey: string;
}

/**
 * Keyed by the execute data the engine hands every item of one node run: the credential is
 * released with the run, and kept nowhere once it is over.
 */
const ofRun = new WeakMap<object, Promise<RunCredentials>>();

async function readRunCredentials(context: IExecuteSingleFunctions): Promise<RunCredentials> {
	const data = await context.getCredentials(CREDENTIAL_TYPE);
	const details = context.getNode().credentials?.[CREDENTIAL_TYPE];
	return {
		decrypted: { id: details?.id ?? '', name: details?.name ?? '', type: CREDENTIAL_TYPE, data },
		limiterKey: limiterKey({
			baseUrl: String(data.baseUrl ?? ''),
			apiKey: String(data.apiKey ?? ''),
		}),
	};
}

/**
 * The credential of this node run. n8n reads and decrypts a credential from its database on every
 * call, and its routing did so for every request it sent: a database round trip and a decryption
 * per request (what that cost is measured in bench/PROFILE.md, P2).
 */
export async function runCredentials(context: IExecuteSingleFunctions): Promise<RunCredentials> {
	const run = context.getExecuteData() as object | undefined;
	if (!run) return await readRunCredentials(context);
	let credentials = ofRun.get(run);
	if (!credentials) {
		credentials = readRunCredentials(context);
		// A failed read (a credential deleted mid-run) is tried again by the next item.
		credentials.catch(() => ofRun.delete(run));
		ofRun.set(run, credentials);
	}
	return await credentials;
}
