/**
 * The worst known inputs of every parser that reads what a hostile peer sends: long runs of what
 * makes a backtracking pattern or a scan from every position go quadratic.
 */
import { ApplicationError } from 'n8n-workflow';

import { apiBaseUrl } from '../../credentials/baseUrl';
import { parseExtraHeaders } from '../../credentials/extraHeaders';
import { apiErrorMessage } from '../../nodes/core/errors/apiMessage';
import { AnswerProblem, InputProblem } from '../../nodes/core/errors/problems';
import { resetToMs } from '../../nodes/VisionChat/limiter/rateLimitHeaders';
import { nestsDeeperThan } from '../../nodes/core/answer/boundedBody';
import { assembleEventStream } from '../../nodes/core/answer/eventStream';
import { withoutCodeFence } from '../../nodes/core/answer/answerJson';
import { tokensUsed } from '../../nodes/VisionChat/answer/rateLimitReport';

export interface Adversary {
	name: string;
	/** The worst known input of about `size` characters. */
	input: (size: number) => string;
	parse: (input: string) => unknown;
}

const html = (size: number, piece: string) =>
	`<html>${piece.repeat(Math.ceil(size / piece.length))}`;

export const adversaries: Adversary[] = [
	{
		name: 'code fence opened, whitespace, no closing fence',
		input: (size) => `\`\`\`json\n${' '.repeat(size)}.`,
		parse: (text) => withoutCodeFence(text),
	},
	{
		name: 'code fence with whitespace runs inside',
		input: (size) => `\`\`\`json${' \n'.repeat(size / 2)}x\`\`\``,
		parse: (text) => withoutCodeFence(text),
	},
	{
		name: 'an error page of unclosed script tags',
		input: (size) => html(size, '<script'),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an error page of unclosed title and tags',
		input: (size) => html(size, '<title <a '),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an error page of lone angle brackets',
		input: (size) => html(size, '<'),
		parse: (text) => apiErrorMessage(text),
	},
	{
		name: 'an event stream of whitespace lines',
		input: (size) => `data: {}\n${' \r\n'.repeat(size / 3)}data: [DONE]\n`,
		parse: (text) => assembleEventStream(text),
	},
	{
		name: 'a reset header of digits with no unit',
		input: (size) => `${'1'.repeat(size)}x`,
		parse: (text) => resetToMs(text),
	},
	{
		name: 'a reset header of many duration parts',
		input: (size) => '1m'.repeat(size / 2),
		parse: (text) => resetToMs(text),
	},
	{
		name: 'a usage count hunted in a body of digits',
		input: (size) => `"total_tokens": ${'1'.repeat(size)}`,
		parse: (text) => tokensUsed(text),
	},
	{
		name: 'a Base URL of slashes',
		input: (size) => `http://host${'/'.repeat(size)}x`,
		parse: (text) => apiBaseUrl(text),
	},
	{
		name: 'a body of nesting to measure',
		input: (size) => '[]'.repeat(size / 2),
		parse: (text) => nestsDeeperThan(text, 256),
	},
	{
		name: 'Extra Headers of many lines',
		input: (size) => 'X-A: b\n'.repeat(size / 7),
		parse: (text) => parseExtraHeaders(text),
	},
];

/** Runs `parse`; the node's own errors are answers too. */
export function parseQuietly(adversary: Adversary, text: string): void {
	try {
		adversary.parse(text);
	} catch (error) {
		const own = [ApplicationError, InputProblem, AnswerProblem];
		if (!own.some((kind) => error instanceof kind)) throw error;
	}
}
