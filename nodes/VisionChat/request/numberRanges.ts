import type {
	IDataObject,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { forItem } from '../failures/itemErrors';
import { InputProblem } from '../failures/problems';

export function checkRange(field: string, value: unknown, min?: number, max?: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isFinite(number)) {
		throw new InputProblem(field, `must be a number, got ${JSON.stringify(value)}`);
	}
	if ((min !== undefined && number < min) || (max !== undefined && number > max)) {
		throw new InputProblem(
			field,
			`must be between ${min ?? '-∞'} and ${max ?? '∞'}, got ${number}`,
		);
	}
	return number;
}

/**
 * A preSend that checks every number the user set in a collection against the minValue and
 * maxValue its field declares: expressions bypass the editor's own limits.
 */
export function checkNumberRanges(fields: INodeProperties[]) {
	const numberFields = fields.filter((field) => field.type === 'number');
	return async function checkOptionRanges(
		this: IExecuteSingleFunctions,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const options = this.getNodeParameter('options', {}) as IDataObject;
		for (const field of numberFields) {
			if (options[field.name] === undefined) continue;
			forItem(this, () =>
				checkRange(
					field.displayName,
					options[field.name],
					field.typeOptions?.minValue,
					field.typeOptions?.maxValue,
				),
			);
		}
		return requestOptions;
	};
}
