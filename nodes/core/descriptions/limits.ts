import type { INodeProperties } from 'n8n-workflow';

import { maxDocumentSizeOption } from './documents';

/** The most Max Concurrent Requests takes (and what automatic goes up to with headers). */
export const HIGHEST_MAX_CONCURRENT = 200;

/** Limits on what the node holds and sends at once: rarely changed, so apart from the options. */
export const limitOptions: INodeProperties[] = [
	{
		displayName: 'Adaptive Concurrency',
		name: 'adaptiveConcurrency',
		type: 'boolean',
		default: true,
		description:
			"Whether to find the API's limit instead of hitting it: start with a few requests at once, send more while answers come back clean, fewer after a rate limit (429), up to Max Concurrent Requests. Off: always Max Concurrent Requests.",
	},
	{
		displayName: 'Image Memory Budget (MB)',
		name: 'imageMemoryMb',
		type: 'number',
		default: 256,
		typeOptions: { minValue: 0.001, maxValue: 100000 },
		description:
			'The most binary image data that requests with this API key hold in memory at once. A single image larger than this is still sent, on its own.',
	},
	// The largest real chat answer is a streamed one at the longest output a model gives (128k
	// tokens): about 230 bytes of event per token, 30 MB. 64 MB holds two such answers; no chat
	// answer comes near it, so passing it means something else.
	{
		displayName: 'Max Answer Size (MB)',
		name: 'maxAnswerSizeMb',
		type: 'number',
		default: 64,
		typeOptions: { minValue: 0.001, maxValue: 1024 },
		description:
			'The most one answer may hold (after decompression); a larger one fails its item, not n8n. Real chat answers stay far below the default: an answer this large means the Base URL is not a chat API or the model wrote without end.',
	},
	{
		displayName: 'Max Concurrent Requests',
		name: 'maxConcurrency',
		type: 'number',
		default: 0,
		typeOptions: { minValue: 0, maxValue: HIGHEST_MAX_CONCURRENT },
		description:
			"The most requests open at once with this API key, shared by every workflow in this n8n; the rest wait their turn. 0: automatic, 50, or up to 200 where the API's rate-limit headers leave room.",
	},
	maxDocumentSizeOption,
	{
		displayName: 'Max Image Size (MB)',
		name: 'maxImageSizeMb',
		type: 'number',
		default: 20,
		typeOptions: { minValue: 0.001, maxValue: 1000 },
		description: 'Binary images larger than this are refused before any request is sent',
	},
];
