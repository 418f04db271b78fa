import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { apiBaseUrl } from '../../credentials/baseUrl';
import {
	InputError,
	asNodeError,
	encodeItemBody,
	failedItem,
	itemReaderOf,
	prepareItem,
	routedRequest,
} from '../core';
import { batchProperties } from './descriptions';
import { createBatch, withEarlierBatchesCancelled } from './createBatch';
import { customIdOf, withSubmittedBatch } from './batchItem';
import type { LineAnswer, SubmittedBatch } from './batchItem';
import { BatchFile, requestLine } from './jsonl';
import { batchApiShape } from './providers';
import type { BatchApiShape, BatchApiStyle } from './providers';
import { CREDENTIAL_TYPE } from '../../credentials/credentialType';

/**
 * Submit: every input item becomes one line of a batch file, built by Vision Chat's own code;
 * a file goes out as soon as the next line would pass the provider's limits, so memory holds one
 * file, not the run. Each item comes out paired to itself, with where its answer will be (or,
 * with Continue On Fail, why it was left out).
 */
export async function submit(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const { shape, baseUrl } = await providerShape(context, options);
	const maxBytes = shape.maxFileSizeMb * 1024 * 1024;
	const seen = new Set<string>();
	const batchOf = new Map<number, SubmittedBatch>();
	const answerOf = new Map<number, LineAnswer>();
	const created: string[] = [];
	const failures = new Map<number, INodeExecutionData>();
	let file = new BatchFile(shape.maxLinesPerFile, maxBytes);
	let files = 0;

	const send = async (full: BatchFile) => {
		let id: string;
		try {
			const formats = full.itemIndexes.map((itemIndex) => answerOf.get(itemIndex)!);
			id = await createBatch(context, full, `vision-chat-batch-${++files}.jsonl`, {
				shape,
				formats,
			});
		} catch (error) {
			// A file that could not go out: its items fail; batches already created would run and
			// be billed with no item left to fetch them, so without Continue On Fail they are cancelled.
			if (!context.continueOnFail()) {
				throw await withEarlierBatchesCancelled(context, error, created);
			}
			for (const itemIndex of full.itemIndexes) {
				const input = items[itemIndex].json;
				failures.set(
					itemIndex,
					failedItem(context, error, { itemIndex, input, includeInput: true }),
				);
			}
			return;
		}
		created.push(id);
		full.itemIndexes.forEach((itemIndex, position) => {
			batchOf.set(itemIndex, {
				id,
				customId: full.customIds[position],
				...answerOf.get(itemIndex)!,
			});
		});
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		let line: ItemLine;
		try {
			line = await itemLine(context, itemIndex, { shape, baseUrl }, seen);
		} catch (error) {
			// Stopped by this item, batches already created would run and be billed with no item
			// left to fetch them: they are cancelled. With Continue On Fail the item is left out of
			// the batch and comes out as an error item.
			if (!context.continueOnFail()) {
				throw await withEarlierBatchesCancelled(
					context,
					asNodeError(context.getNode(), error, itemIndex),
					created,
				);
			}
			const input = items[itemIndex].json;
			failures.set(itemIndex, failedItem(context, error, { itemIndex, input, includeInput: true }));
			continue;
		}
		if (!file.fits(line.bytes.length)) {
			await send(file);
			file = new BatchFile(shape.maxLinesPerFile, maxBytes);
		}
		file.add(line.bytes, itemIndex, line.customId);
		answerOf.set(itemIndex, line.answer);
	}
	if (file.lines.length > 0) await send(file);

	return items.map((input, itemIndex) => {
		const failure = failures.get(itemIndex);
		if (failure) return failure;
		return {
			json: withSubmittedBatch(input.json, batchOf.get(itemIndex)!),
			...(options.keepBinary === true && input.binary ? { binary: input.binary } : {}),
			pairedItem: { item: itemIndex },
		};
	});
}

/**
 * The provider's Batch API as the credential's Base URL (or the Batch API option) names it; the
 * file limits and purpose the user set take the place of the provider's.
 */
async function providerShape(
	context: IExecuteFunctions,
	options: IDataObject,
): Promise<{ shape: BatchApiShape; baseUrl: string }> {
	const credentials = await context.getCredentials(CREDENTIAL_TYPE);
	const baseUrl = apiBaseUrl(credentials.baseUrl);
	const shape = batchApiShape(baseUrl, (options.batchApi as BatchApiStyle | undefined) ?? 'auto');
	return {
		shape: {
			...shape,
			filePurpose: String(options.filePurpose || shape.filePurpose),
			maxLinesPerFile: Number(options.maxLinesPerFile ?? shape.maxLinesPerFile),
			maxFileSizeMb: Number(options.maxFileSizeMb ?? shape.maxFileSizeMb),
		},
		baseUrl,
	};
}

/** One item's line, and how its answer is to be read. */
interface ItemLine {
	bytes: Buffer;
	customId: string;
	answer: LineAnswer;
}

/** One item's line of the batch file, built by Vision Chat's own code and checked. */
async function itemLine(
	context: IExecuteFunctions,
	itemIndex: number,
	{ shape, baseUrl }: { shape: BatchApiShape; baseUrl: string },
	seen: Set<string>,
): Promise<ItemLine> {
	const single = itemReaderOf(context, itemIndex);
	// The body as n8n's RoutingNode builds Vision Chat's, from the same descriptions.
	const item = prepareItem(single, routedRequest(batchProperties, single));
	const { body, fields } = await encodeItemBody(single, item, { baseUrl });
	const customId = customIdOf(context, itemIndex);
	if (seen.has(customId)) {
		throw lineError(context, itemIndex, {
			field: 'Custom ID',
			message: `"${customId}" is used by an earlier item too`,
			description: 'Each item of a batch needs its own Custom ID: its answer is found by it.',
		});
	}
	const bytes = requestLine(customId, shape.endpoint, body);
	if (bytes.length > shape.maxFileSizeMb * 1024 * 1024) {
		throw lineError(context, itemIndex, {
			field: 'Request',
			message: `is ${(bytes.length / 1024 / 1024).toFixed(2)} MB, over Max File Size (${shape.maxFileSizeMb} MB)`,
			description: 'Send smaller images, or raise Max File Size if the provider takes it.',
		});
	}
	seen.add(customId);
	const responseFormat = String(single.getNodeParameter('responseFormat', 'text'));
	// The schema is in the line's response_format, where Get Results reads it from the batch's
	// input file; on the item only where the provider takes JSON Object only (it went into the
	// system message, which is not read back).
	const { columns, schema } = item.answerFormat;
	const inLine = (fields.response_format as { type?: string } | undefined)?.type === 'json_schema';
	const answer = {
		responseFormat,
		...(columns ? { columns } : {}),
		...(schema && !inLine ? { schema } : {}),
	};
	return { bytes, customId, answer };
}

/** An item whose line cannot go into the batch: it names the item, the field and the way out. */
function lineError(
	context: IExecuteFunctions,
	itemIndex: number,
	problem: { field: string; message: string; description: string },
): InputError {
	const error = new InputError(context.getNode(), itemIndex, problem);
	error.description = `${problem.description} Nothing was sent for this item.`;
	return error;
}
