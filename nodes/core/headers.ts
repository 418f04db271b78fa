/** Response headers as the HTTP client gives them, names in any case. */
export type ResponseHeaders = Record<string, unknown> | undefined;

/** A response header's value, whatever the case of its name. */
export function headerValue(headers: ResponseHeaders, name: string): string | undefined {
	if (!headers) return undefined;
	const key = Object.keys(headers).find((candidate) => candidate.toLowerCase() === name);
	const value = key === undefined ? undefined : headers[key];
	return value === undefined || value === null ? undefined : String(value);
}
