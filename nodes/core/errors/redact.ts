/** Replaces every occurrence of the secret in a value's strings. */
export function redact<T>(value: T, secret: string | undefined): T {
	if (!secret || secret.length < 4) return value;
	if (typeof value === 'string') return value.split(secret).join('***') as T;
	if (typeof value !== 'object' || value === null) return value;
	const text = JSON.stringify(value);
	return text.includes(secret) ? (JSON.parse(text.split(secret).join('***')) as T) : value;
}
