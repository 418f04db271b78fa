import type { IDataObject, IExecuteSingleFunctions, IHttpRequestOptions } from 'n8n-workflow';

import { forItem } from '../failures/itemErrors';
import { InputProblem } from '../failures/problems';

function checkStopSequences(value: unknown): string[] {
	const field = 'Stop Sequences';
	const list = Array.isArray(value) ? value : [value];
	const stops = list.filter((stop) => stop !== '' && stop !== undefined && stop !== null);
	if (stops.length > 4) throw new InputProblem(field, `at most 4 are allowed, got ${stops.length}`);
	for (const stop of stops) {
		if (typeof stop !== 'string')
			throw new InputProblem(field, `must be text, got ${JSON.stringify(stop)}`);
	}
	return stops as string[];
}

export async function sendStop(
	this: IExecuteSingleFunctions,
	requestOptions: IHttpRequestOptions,
): Promise<IHttpRequestOptions> {
	const stops = forItem(this, () => checkStopSequences(this.getNodeParameter('options.stop', [])));
	if (stops.length > 0) (requestOptions.body as IDataObject).stop = stops;
	return requestOptions;
}
