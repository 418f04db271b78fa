export interface NetworkCause {
	/** A Node.js error code such as ECONNRESET. */
	code: string;
	/** What the HTTP client said, e.g. "socket hang up" (never headers or bodies). */
	detail: string;
}

/** Signs of each network failure in the texts n8n keeps when it wraps the HTTP client's error. */
const SIGNS: Array<[RegExp, string]> = [
	[/timeout of \d+ms exceeded|ECONNABORTED|connection was aborted/i, 'ECONNABORTED'],
	[/ETIMEDOUT|timed out/i, 'ETIMEDOUT'],
	[/socket hang up|ECONNRESET|closed unexpectedly|stream has been aborted|aborted/i, 'ECONNRESET'],
	[/ECONNREFUSED|refused the connection/i, 'ECONNREFUSED'],
	[/EPIPE/i, 'EPIPE'],
	[/EAI_AGAIN|DNS server returned an error/i, 'EAI_AGAIN'],
	[/ENOTFOUND|incorrect host/i, 'ENOTFOUND'],
	[/EHOSTUNREACH|host is unreachable/i, 'EHOSTUNREACH'],
];

interface ErrorLike {
	code?: unknown;
	message?: unknown;
	messages?: unknown;
	cause?: unknown;
}

/**
 * Pure: the network failure behind an error from the engine's request, or undefined when it is
 * none. The engine's NodeApiError keeps the HTTP client's error as `cause` in some n8n versions
 * and only its message texts in others, so both are read.
 */
export function networkCause(error: unknown): NetworkCause | undefined {
	// The HTTP client's own words first; the last text is n8n's rewording of them.
	const texts: string[] = [];
	for (let current = error as ErrorLike | undefined, depth = 0; current && depth < 4; depth++) {
		const message = typeof current.message === 'string' ? current.message : '';
		if (typeof current.code === 'string' && /^(E|HPE_)[A-Z_]+$/.test(current.code)) {
			return { code: current.code, detail: message };
		}
		if (Array.isArray(current.messages)) texts.push(...current.messages.map(String));
		texts.push(message);
		current = current.cause as ErrorLike | undefined;
	}
	// Node's HTTP parser refusing the answer (too many headers, a malformed response).
	const parser = texts.find((text) => /^Parse Error: /.test(text));
	if (parser !== undefined) {
		const code = /header overflow/i.test(parser) ? 'HPE_HEADER_OVERFLOW' : 'HPE_INVALID_RESPONSE';
		return { code, detail: parser };
	}
	for (const [sign, code] of SIGNS) {
		const detail = texts.find((text) => sign.test(text));
		if (detail !== undefined) return { code, detail };
	}
	return undefined;
}
