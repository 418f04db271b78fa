import type { IBinaryKeyData, IDataObject } from 'n8n-workflow';

import { InputProblem } from '../errors/problems';
import { tryParseJson } from '../json';
import { answerProblems } from '../schema/checkAnswer';
import type { AnswerFormat } from './answerFormat';
import type { ImageSource } from './imageSources';
import { parseImageUrls } from '../parameters/imageUrls';

/** The examples shown before the item: each one image and the answer expected for it. */
export interface Examples {
	sources: ImageSource[];
	answers: string[];
}

/** Pure: the Examples parameter (a list of pairs), checked; binary ones must be on the item. */
export function readExamples(
	value: unknown,
	binary: IBinaryKeyData | undefined,
	answer: Pick<AnswerFormat, 'json' | 'schema'>,
): Examples {
	const list = ((value as IDataObject | undefined)?.example ?? []) as IDataObject[];
	const examples: Examples = { sources: [], answers: [] };
	list.forEach((example, index) => {
		const field = `Examples (example ${index + 1})`;
		const expected = String(example.answer ?? '');
		if (expected.trim() === '') throw new InputProblem(field, 'has no Expected Answer');
		checkExpectedAnswer(field, expected, answer);
		if (example.imageSource === 'binary') {
			const name = String(example.binaryProperty ?? '').trim();
			if (!binary?.[name]) throw new InputProblem(field, missingBinary(name, binary));
			examples.sources.push({ binaryProperty: name });
		} else {
			const urls = parseImageUrls(example.imageUrl);
			if (urls.length === 0) {
				throw new InputProblem(
					field,
					'has no image: set its Image URL, or Image From > Binary Property of the Item',
				);
			}
			if (urls.length !== 1) {
				throw new InputProblem(field, `needs one Image URL, got ${urls.length}`);
			}
			examples.sources.push({ url: urls[0] });
		}
		examples.answers.push(expected);
	});
	return examples;
}

/**
 * An example's expected answer is what the model learns to answer: with a JSON format it must be
 * JSON, and with a schema (Fields, JSON Example, JSON Schema) an answer the schema takes.
 */
function checkExpectedAnswer(
	field: string,
	expected: string,
	answer: Pick<AnswerFormat, 'json' | 'schema'>,
): void {
	if (!answer.json) return;
	const parsed = tryParseJson(expected);
	if ('error' in parsed) {
		throw new InputProblem(field, `Expected Answer is not valid JSON (${parsed.error})`);
	}
	const problems = answer.schema ? answerProblems(answer.schema, parsed.value) : [];
	if (problems.length > 0) {
		throw new InputProblem(
			field,
			`Expected Answer does not match the schema: ${problems.join('; ')}`,
		);
	}
}

/** What to set when an example's binary property is not on the item. */
function missingBinary(name: string, binary: IBinaryKeyData | undefined): string {
	const available = Object.keys(binary ?? {});
	const has = available.length
		? `it has ${available.map((n) => `"${n}"`).join(', ')}`
		: 'it has no binary data';
	return `the item has no binary property "${name}" (${has}): set Binary Property to the one that holds the example image, or give it by Image URL`;
}
