import type { JsonSchema } from '../../../../nodes/core/schema/strictSchema';

/**
 * OpenAI's strict-mode rules for a response_format schema, written apart from the node's code
 * (from the Structured Outputs guide): the top is an object; every object lists all its
 * properties in `required` and has `additionalProperties: false`; no composition but anyOf; at
 * most 10 levels of objects. What a schema breaks, by its path.
 */
export function strictRuleBreaks(schema: JsonSchema): string[] {
	const breaks: string[] = [];
	if (schema.type !== 'object') breaks.push('top: not an object');
	const visit = (node: JsonSchema, path: string, depth: number) => {
		for (const keyword of ['allOf', 'oneOf', 'not', 'if', 'patternProperties']) {
			if (keyword in node) breaks.push(`${path}: ${keyword}`);
		}
		const types = Array.isArray(node.type) ? node.type : [node.type];
		if (types.includes('object') || node.properties) {
			if (depth > 10) breaks.push(`${path}: deeper than 10`);
			const names = Object.keys(node.properties ?? {});
			const required = node.required ?? [];
			if (names.some((name) => !required.includes(name)) || required.length !== names.length) {
				breaks.push(`${path}: required is not every property`);
			}
			if (node.additionalProperties !== false) breaks.push(`${path}: additionalProperties`);
			for (const name of names) visit(node.properties[name], `${path}.${name}`, depth + 1);
		}
		if (Array.isArray(node.enum) && node.type && !Array.isArray(node.type)) {
			if (node.enum.some((value: unknown) => value === null)) breaks.push(`${path}: null enum`);
		}
		if (node.items) visit(node.items, `${path}[]`, depth);
		for (const branch of node.anyOf ?? []) visit(branch, path, depth);
	};
	visit(schema, 'top', 1);
	return breaks;
}
