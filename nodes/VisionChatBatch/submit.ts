import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { encodeItemBody } from '../VisionChat/request/itemBody';
import { prepareItem } from '../VisionChat/request/prepareItem';
import { routedBodyFields } from '../VisionChat/request/routedFields';
import { batchRequest, uploadBatchFile } from './batchApi';
import type { BatchObject } from './batchApi';
import { itemContext } from './itemContext';
import { BATCH_ENDPOINT, BatchFile, requestLine } from './jsonl';

/** What Submit adds to each item: where its answer will be. */
export interface SubmittedBatch {
	id: string;
	customId: string;
	responseFormat: string;
}

/**
 * Submit: every input item becomes one line of a batch file, built by Vision Chat's own code;
 * a file goes out as soon as the next line would pass the provider's limits, so memory holds one
 * file, not the run. Each item comes out paired to itself, with where its answer will be.
 */
export async function submit(context: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const options = context.getNodeParameter('options', 0, {}) as IDataObject;
	const maxLines = Number(options.maxLinesPerFile ?? 50_000);
	const maxBytes = Number(options.maxFileSizeMb ?? 200) * 1024 * 1024;
	const purpose = String(options.filePurpose || 'batch');
	const seen = new Set<string>();
	const batchOf = new Map<number, SubmittedBatch>();
	let file = new BatchFile(maxLines, maxBytes);
	let files = 0;

	const send = async (full: BatchFile) => {
		const id = await createBatch(context, full, `vision-chat-batch-${++files}.jsonl`, purpose);
		full.itemIndexes.forEach((itemIndex, position) => {
			const responseFormat = context.getNodeParameter(
				'responseFormat',
				itemIndex,
				'text',
			) as string;
			batchOf.set(itemIndex, { id, customId: full.customIds[position], responseFormat });
		});
	};

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		const single = itemContext(context, itemIndex);
		const item = prepareItem(single);
		const { body } = await encodeItemBody(single, item, routedBodyFields(single));
		const customId = customIdOf(context, itemIndex);
		if (seen.has(customId)) {
			throw new NodeOperationError(context.getNode(), `Custom ID "${customId}" is used twice`, {
				itemIndex,
				description: 'Each item of a batch needs its own Custom ID: its answer is found by it.',
			});
		}
		seen.add(customId);
		const line = requestLine(customId, body);
		if (line.length > maxBytes) {
			throw new NodeOperationError(
				context.getNode(),
				`The request is ${(line.length / 1024 / 1024).toFixed(2)} MB, over Max File Size`,
				{
					itemIndex,
					description: 'Send smaller images, or raise Max File Size if the provider takes it.',
				},
			);
		}
		if (!file.fits(line.length)) {
			await send(file);
			file = new BatchFile(maxLines, maxBytes);
		}
		file.add(line, itemIndex, customId);
	}
	if (file.lines.length > 0) await send(file);

	return items.map((input, itemIndex) => ({
		json: { ...input.json, batch: batchOf.get(itemIndex) as unknown as IDataObject },
		...(options.keepBinary === true && input.binary ? { binary: input.binary } : {}),
		pairedItem: { item: itemIndex },
	}));
}

function customIdOf(context: IExecuteFunctions, itemIndex: number): string {
	const given = String(context.getNodeParameter('options.customId', itemIndex, '') ?? '').trim();
	if (given !== '') return given;
	return `${context.getExecutionId() ?? 'manual'}-${itemIndex}`;
}

/**
 * Uploads one file and creates its batch. Where the provider has no Batch API, the uploaded file
 * is deleted again and the error says to use Vision Chat.
 */
async function createBatch(
	context: IExecuteFunctions,
	file: BatchFile,
	fileName: string,
	purpose: string,
): Promise<string> {
	const fileId = await uploadBatchFile(context, file.lines, fileName, purpose);
	try {
		const { body } = await batchRequest(context, 'Creating the batch', {
			method: 'POST',
			url: '/batches',
			body: {
				input_file_id: fileId,
				endpoint: BATCH_ENDPOINT,
				completion_window: '24h',
				metadata: {
					workflow: String(context.getWorkflow().id ?? ''),
					execution: String(context.getExecutionId() ?? ''),
				},
			},
		});
		return (body as BatchObject).id;
	} catch (error) {
		await batchRequest(context, 'Deleting the uploaded file', {
			method: 'DELETE',
			url: `/files/${encodeURIComponent(fileId)}`,
		}).catch(() => undefined);
		throw withoutBatchApi(context, error);
	}
}

/** A 404 or 405 for /batches: this provider has no Batch API. Other failures as they are. */
function withoutBatchApi(context: IExecuteFunctions, error: unknown): unknown {
	const status = Number((error as { httpCode?: string }).httpCode);
	if (status !== 404 && status !== 405) return error;
	return new NodeOperationError(
		context.getNode(),
		`This provider has no Batch API (POST /batches answered ${status})`,
		{
			description:
				'Use the Vision Chat node for this provider: it sends each item as it comes. The uploaded file was deleted again.',
		},
	);
}
