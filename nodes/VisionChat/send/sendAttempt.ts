import type {
	ICredentialsDecrypted,
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';

import { CREDENTIAL_TYPE } from '../../../credentials/credentialType';

/** A step that reads an answer on its way to output items (routing.ts lists them, in order). */
export type AnswerStep = (
	this: IExecuteSingleFunctions,
	items: INodeExecutionData[],
	response: IN8nHttpFullResponse,
) => Promise<INodeExecutionData[]>;

/**
 * One try of an item's request: sent through n8n's authenticated request helper with the node
 * run's credential (it applies the credential's `authenticate`, as n8n's routing would, without
 * reading the credential again), and its answer read by `steps` the way n8n runs a response chain.
 */
export async function sendAttempt(
	context: IExecuteSingleFunctions,
	options: IHttpRequestOptions,
	credentials: ICredentialsDecrypted,
	steps: AnswerStep[],
): Promise<INodeExecutionData[]> {
	const response = (await context.helpers.httpRequestWithAuthentication.call(
		context,
		CREDENTIAL_TYPE,
		{ ...options, returnFullResponse: true },
		{ credentialsDecrypted: credentials },
	)) as IN8nHttpFullResponse;
	let items: INodeExecutionData[] = [{ json: response.body as IDataObject }];
	for (const step of steps) items = await step.call(context, items, response);
	return items;
}
