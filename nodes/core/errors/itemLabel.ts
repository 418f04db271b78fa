/**
 * How every error names its item: n8n's own form, which its error view recognises in a message
 * (it adds the same suffix to a message that lacks it), counted from 0 like $itemIndex.
 */
export function withItemLabel(message: string, itemIndex: number): string {
	return `${capitalized(message)} [item ${itemIndex}]`;
}

/** Messages start with a capital letter, as n8n's own do. */
export function capitalized(message: string): string {
	return message.charAt(0).toUpperCase() + message.slice(1);
}
