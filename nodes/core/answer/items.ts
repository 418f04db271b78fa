import type { IDataObject } from 'n8n-workflow';

/** Pure: the answer's fields first, then the input's that the answer does not have. */
export function withInputFields(answer: IDataObject, input: IDataObject): IDataObject {
	const rest = Object.entries(input).filter(([name]) => !(name in answer));
	return { ...answer, ...Object.fromEntries(rest) };
}
