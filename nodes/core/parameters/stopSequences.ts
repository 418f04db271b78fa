import { InputProblem } from '../errors/problems';

/** A value as JSON for a message: its start, or what it is when it is too deep to write. */
function shortJson(value: unknown): string {
	try {
		return String(JSON.stringify(value)).slice(0, 80);
	} catch {
		return 'a list nested too deep';
	}
}

/**
 * The stop sequences the user typed. n8n saves a box left empty as an empty list inside the
 * list, so nested lists are flattened and empty entries dropped; numbers count as their text.
 */
export function checkStopSequences(value: unknown): string[] {
	const field = 'Stop Sequences';
	// Two levels: n8n saves an empty box as a list inside the list; deeper is not text.
	const typed = (Array.isArray(value) ? value : [value]).flat(2);
	const stops = typed
		.filter((stop) => stop !== '' && stop !== undefined && stop !== null)
		.map((stop, index) => {
			if (typeof stop === 'string') return stop;
			if (typeof stop === 'number') return String(stop);
			throw new InputProblem(field, `sequence ${index + 1} is ${shortJson(stop)}, not text`);
		});
	if (stops.length > 4) {
		throw new InputProblem(
			field,
			`at most 4 are allowed, you gave ${stops.length}: ${JSON.stringify(stops)}`,
		);
	}
	return stops;
}
