const ENTITIES: Record<string, string> = { '&nbsp;': ' ', '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/** Pure, linear: the text between the first start tag of an element and its end tag. */
function elementText(html: string, lower: string, name: string): string | undefined {
	const start = lower.indexOf(`<${name}`);
	if (start < 0) return undefined;
	const open = lower.indexOf('>', start);
	const close = open < 0 ? -1 : lower.indexOf(`</${name}`, open);
	return close < 0 ? undefined : html.slice(open + 1, close);
}

/**
 * Pure, linear: the readable text of an HTML page (a proxy's 502 page): its title and text, no
 * markup or script. Scanned by hand: an unclosed tag repeated makes a backtracking pattern
 * quadratic, and a gateway's page can be megabytes.
 */
function htmlText(html: string): string {
	// ASCII only, so that every index in `lower` is the same place in `html`.
	const lower = html.replace(/[A-Z]+/g, (letters) => letters.toLowerCase());
	const title = elementText(html, lower, 'title')?.trim();
	const pieces: string[] = [];
	let at = 0;
	while (at < html.length) {
		const tag = html.indexOf('<', at);
		if (tag < 0) {
			pieces.push(html.slice(at));
			break;
		}
		pieces.push(html.slice(at, tag), ' ');
		const end = html.indexOf('>', tag);
		if (end < 0) break;
		const name = /^<(script|style|head)\b/.exec(lower.slice(tag, tag + 8))?.[1];
		// What a script, a style or the head holds is not text: skip to its end tag.
		const closing = name ? lower.indexOf(`</${name}`, end) : -1;
		const skipTo = name ? (closing < 0 ? html.length : lower.indexOf('>', closing)) : end;
		at = skipTo < 0 ? html.length : skipTo + 1;
	}
	const text = pieces
		.join('')
		.replace(/&(nbsp|amp|lt|gt);/g, (entity) => ENTITIES[entity])
		.replace(/\s+/g, ' ')
		.trim();
	const body = title && text.startsWith(title) ? text.slice(title.length).trim() : text;
	return [title, body].filter(Boolean).join(': ').slice(0, 300);
}

/** FastAPI's validation errors (vLLM, Mistral): `[{loc: [...], msg}]` as "loc: msg" lines. */
function validationErrors(detail: unknown): string | undefined {
	if (!Array.isArray(detail)) return undefined;
	const lines = detail
		.slice(0, 20)
		.map((entry) => {
			const { loc, msg } = (entry ?? {}) as { loc?: unknown; msg?: unknown };
			if (typeof msg !== 'string') return undefined;
			const where = Array.isArray(loc) ? loc.filter((part) => part !== 'body').join('.') : '';
			return where ? `${where}: ${msg}` : msg;
		})
		.filter((line): line is string => line !== undefined);
	return lines.length ? lines.join('; ') : undefined;
}

/** The longest API message kept: enough for any real one, not a whole body sent as a message. */
const MAX_MESSAGE_LENGTH = 1000;

function wordsOf(value: unknown, depth = 0): string | undefined {
	if (typeof value === 'string' && value.trim()) return value.trim().slice(0, MAX_MESSAGE_LENGTH);
	if (typeof value !== 'object' || value === null || depth > 8) return undefined;
	const record = value as Record<string, unknown>;
	return (
		wordsOf(record.message, depth + 1) ??
		validationErrors(record.detail)?.slice(0, MAX_MESSAGE_LENGTH) ??
		wordsOf(record.detail, depth + 1) ??
		wordsOf(record.msg, depth + 1)
	);
}

/**
 * The API's own words from an error body: OpenAI's `error.message`, or what other servers send:
 * `error` as text, a top-level `message` (vLLM), `detail` (FastAPI servers, also as a list of
 * validation errors), a plain string, or an HTML page from a proxy (its readable text).
 */
export function apiErrorMessage(body: unknown): string | undefined {
	if (Buffer.isBuffer(body)) return apiErrorMessage(body.toString('utf8'));
	if (typeof body === 'string') {
		const text = body.trim();
		if (!text) return undefined;
		if (/^<(!doctype|html|head|body)\b/i.test(text)) return htmlText(text) || undefined;
		try {
			return apiErrorMessage(JSON.parse(text)) ?? text.slice(0, 300);
		} catch {
			return text.slice(0, 300);
		}
	}
	if (typeof body !== 'object' || body === null) return undefined;
	const record = body as Record<string, unknown>;
	return wordsOf(record.error) ?? wordsOf(record);
}
