import type { IDataObject } from 'n8n-workflow';

import { CHAT_COMPLETIONS_PATH } from '../../credentials/baseUrl';
import { PROVIDERS } from '../core';
import type { BatchObject } from './batchApi';

/** How one provider's Batch API differs from OpenAI's, where it takes the same requests. */
export interface BatchApiShape {
	/** The batch's `endpoint`, and the `url` of every line. */
	endpoint: string;
	/** The `purpose` a batch input file is uploaded with. */
	filePurpose: string;
	/** Where the file is uploaded, below the API root. */
	uploadPath: string;
	/** Whether the upload names the file in a `file_name` field of its own (Together). */
	fileNameField: boolean;
	/** What one input file may hold. */
	maxLinesPerFile: number;
	maxFileSizeMb: number;
}

export type BatchApiStyle = 'auto' | 'openai' | 'together';

/**
 * Pure: the Batch API behind an API root (as `apiBaseUrl` gives it). Lines go to the chat path
 * of the root's own version (`/v4/chat/completions` for Zhipu's `/api/paas/v4`), `/v1` where the
 * root names none (Gemini's `/v1beta/openai`, Azure's `/openai/v1` has its `/v1`). Together
 * uploads at `/files/upload` with its own purpose; `style` names it where the host cannot
 * (a proxy in front of Together). A file holds OpenAI's 50,000 lines and 200 MB unless the
 * host's provider (core/providers) holds less.
 */
export function batchApiShape(apiRoot: string, style: BatchApiStyle = 'auto'): BatchApiShape {
	const url = new URL(apiRoot);
	const lastSegment = url.pathname.split('/').filter(Boolean).pop() ?? '';
	const version = /^v\d+$/.test(lastSegment) ? lastSegment : 'v1';
	const host = url.hostname.toLowerCase();
	const known = PROVIDERS.find(({ batch }) => batch.hosts?.includes(host))?.batch;
	const together = style === 'together' || (style === 'auto' && known?.style === 'together');
	return {
		endpoint: `/${version}${CHAT_COMPLETIONS_PATH}`,
		filePurpose: together ? 'batch-api' : 'batch',
		uploadPath: together ? '/files/upload' : '/files',
		fileNameField: together,
		maxLinesPerFile: known?.maxLinesPerFile ?? 50_000,
		maxFileSizeMb: known?.maxFileSizeMb ?? 200,
	};
}

/**
 * Pure: a batch as the provider describes it, in OpenAI's terms: Together wraps a new batch in
 * `job` and writes its states in capitals (`IN_PROGRESS`); SiliconFlow has a state of its own
 * (`in_queue`), which stays a state of a batch still running.
 */
export function batchObjectOf(body: unknown): BatchObject {
	const answer = isObject(body) ? body : {};
	const batch = answer.id === undefined && isObject(answer.job) ? answer.job : answer;
	return { ...(batch as unknown as BatchObject), status: String(batch.status ?? '').toLowerCase() };
}

function isObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
