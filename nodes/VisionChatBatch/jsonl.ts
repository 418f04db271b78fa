import type { IDataObject } from 'n8n-workflow';

import { decodeBody } from '../core';

/**
 * Pure: one line of a batch input file: the item's custom ID, the chat endpoint it asks for and
 * the request body Vision Chat would send for it, as ready JSON bytes (spliced in, not parsed and
 * written again).
 */
export function requestLine(customId: string, endpoint: string, body: Buffer): Buffer {
	const head = `{"custom_id":${JSON.stringify(customId)},"method":"POST","url":${JSON.stringify(endpoint)},"body":`;
	return Buffer.concat([Buffer.from(head), body, Buffer.from('}\n')]);
}

/** One line of a batch output or error file. */
export interface ResultLine {
	custom_id: string;
	response?: { status_code: number; body: unknown } | null;
	error?: { code?: string; message?: string } | null;
}

/** Pure: one line of a batch output or error file; undefined for a line that is no result. */
export function parseResultLine(line: Buffer): ResultLine | undefined {
	if (line.every((byte) => byte === 0x20 || byte === 0x0d || byte === 0x09)) return undefined;
	const parsed = decodeBody(line) as IDataObject;
	if (typeof parsed === 'object' && parsed !== null && typeof parsed.custom_id === 'string') {
		return parsed as unknown as ResultLine;
	}
	return undefined;
}

/** The lines of one batch file as it is built: never more than the provider takes in one file. */
export class BatchFile {
	readonly lines: Buffer[] = [];

	readonly itemIndexes: number[] = [];

	readonly customIds: string[] = [];

	bytes = 0;

	constructor(
		private readonly maxLines: number,
		private readonly maxBytes: number,
	) {}

	/** Whether a line of this size still fits (an empty file takes any line). */
	fits(lineBytes: number): boolean {
		if (this.lines.length === 0) return true;
		return this.lines.length < this.maxLines && this.bytes + lineBytes <= this.maxBytes;
	}

	add(line: Buffer, itemIndex: number, customId: string): void {
		this.lines.push(line);
		this.itemIndexes.push(itemIndex);
		this.customIds.push(customId);
		this.bytes += line.length;
	}
}
