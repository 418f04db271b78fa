import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions } from 'n8n-workflow';

import { batchApiError, batchRequest, cancelBatch, uploadBatchFile } from './batchApi';
import { COLUMNS_KEY, FORMAT_KEY, SCHEMA_IN_MESSAGE_KEY } from './batchItem';
import type { LineAnswer } from './batchItem';
import type { BatchFile } from './jsonl';
import { batchObjectOf } from './providers';
import type { BatchApiShape } from './providers';

/**
 * Uploads one file and creates its batch. Where the provider has no Batch API, the uploaded file
 * is deleted again and the error says to use Vision Chat.
 */
export async function createBatch(
	context: IExecuteFunctions,
	file: BatchFile,
	fileName: string,
	{ shape, formats }: { shape: BatchApiShape; formats: LineAnswer[] },
): Promise<string> {
	let fileId: string;
	try {
		fileId = await uploadBatchFile(context, file.lines, fileName, shape);
	} catch (error) {
		throw withoutBatchApi(context, error, `POST ${shape.uploadPath}`, 'Nothing was uploaded.');
	}
	try {
		const { body } = await batchRequest(context, 'Creating the batch', {
			method: 'POST',
			url: '/batches',
			body: {
				input_file_id: fileId,
				endpoint: shape.endpoint,
				completion_window: '24h',
				metadata: {
					workflow: String(context.getWorkflow().id ?? ''),
					execution: String(context.getExecutionId() ?? ''),
					...formatMetadata(formats),
				},
			},
		});
		const { id } = batchObjectOf(body);
		if (typeof id !== 'string' || id === '') {
			throw batchApiError(context, 'Creating the batch', {
				message: 'the answer names no batch ID',
				description: 'Check that the Base URL points to an API with a Batch API.',
				cause: { message: 'the answer names no batch ID' },
			});
		}
		return id;
	} catch (error) {
		await batchRequest(context, 'Deleting the uploaded file', {
			method: 'DELETE',
			url: `/files/${encodeURIComponent(fileId)}`,
		}).catch(() => undefined);
		throw withoutBatchApi(context, error, 'POST /batches', 'The uploaded file was deleted again.');
	}
}

/**
 * Pure: what Get Results by Batch ID reads when the provider does not serve the input file back
 * (its lines hold each one's format and schema): the lines' Response Format (`mixed` when they
 * differ), whether their answers' fields are the rows' columns (Fields, JSON Example), and
 * whether a line's schema went into its system message (a provider that takes JSON Object only).
 */
export function formatMetadata(formats: LineAnswer[]): Record<string, string> {
	const kinds = new Set(formats.map((format) => format.responseFormat));
	return {
		[FORMAT_KEY]: kinds.size === 1 ? [...kinds][0] : 'mixed',
		[COLUMNS_KEY]: String(formats.every((format) => format.columns === true)),
		// The item keeps the schema only where its line does not hold it (see submit.ts).
		[SCHEMA_IN_MESSAGE_KEY]: String(formats.some((format) => format.schema !== undefined)),
	};
}

/**
 * The failure of a later file, once the batches Submit created before it are cancelled (as far
 * as the API lets it): the error says how many, so nothing runs unseen.
 */
export async function withEarlierBatchesCancelled(
	context: IExecuteFunctions,
	error: unknown,
	ids: string[],
): Promise<unknown> {
	if (ids.length === 0) return error;
	const cancels = await Promise.allSettled(ids.map(async (id) => await cancelBatch(context, id)));
	const failed = ids.filter((_, index) => cancels[index].status === 'rejected');
	const said = failed.length
		? `The batches created before it could not all be cancelled: ${failed.join(', ')} may still run.`
		: `The ${ids.length} batch(es) created before it were cancelled.`;
	const node = error as { description?: string | null };
	node.description = node.description ? `${node.description} ${said}` : said;
	return error;
}

/**
 * A 404 or 405 for the upload or for /batches, whichever comes first: this provider has no Batch
 * API. Other failures as they are.
 */
function withoutBatchApi(
	context: IExecuteFunctions,
	error: unknown,
	request: string,
	leftBehind: string,
): unknown {
	const status = Number((error as { httpCode?: string }).httpCode);
	if (status !== 404 && status !== 405) return error;
	return new NodeOperationError(
		context.getNode(),
		`This provider has no Batch API (${request} answered ${status})`,
		{
			description: `Use the Vision Chat node for this provider: it sends each item as it comes. ${leftBehind}`,
		},
	);
}
