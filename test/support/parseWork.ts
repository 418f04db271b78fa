/**
 * The work a parse does, counted instead of timed: the characters the string and pattern built-ins
 * it calls must at least look at. A scan that starts again from every position (the way a linear
 * pattern turns quadratic in a loop) counts as what it is, on any machine and under any load.
 * What one pattern does inside one call (its backtracking) is not counted here: the static check
 * of every pattern (recheck, in parsers.property.test.ts) covers it. A failing sticky pattern
 * counts one position, however far it looked.
 */

type Method = (this: unknown, ...args: any[]) => unknown;

let characters = 0;

const lengthOf = (self: unknown) => String(self).length;
const found = (at: unknown) => typeof at === 'number' && at >= 0;
const within = (self: string, from: unknown) =>
	Math.min(self.length, Math.max(0, Number(from) || 0));
const stringIndexOf = String.prototype.indexOf;

/** A search from `from`: up to the end of what it found at `at`, or to the end of the text. */
const scanned = (self: string, search: string, from: unknown, at: unknown) =>
	found(at)
		? (at as number) - within(self, from) + search.length
		: self.length - within(self, from);

/** How many characters each built-in looks at, from its receiver, arguments and result. */
const STRING_WORK: Record<string, (self: string, args: any[], result: any) => number> = {
	indexOf: (self, [search, from], at) => scanned(self, String(search), from, at),
	includes: (self, [search, from]) =>
		scanned(
			self,
			String(search),
			from,
			stringIndexOf.call(self, String(search), within(self, from)),
		),
	lastIndexOf: (self, [, from = self.length], at) =>
		found(at) ? Math.min(from, self.length) - at : Math.min(from, self.length),
	startsWith: (_self, [search]) => String(search).length,
	endsWith: (_self, [search]) => String(search).length,
	slice: (_self, _args, result) => lengthOf(result),
	substring: (_self, _args, result) => lengthOf(result),
	trim: (self) => self.length,
	trimStart: (self) => self.length,
	trimEnd: (self) => self.length,
	toLowerCase: (self) => self.length,
	toUpperCase: (self) => self.length,
	repeat: (_self, _args, result) => lengthOf(result),
	split: (self) => self.length,
	replace: (self) => self.length,
	replaceAll: (self) => self.length,
	padStart: (_self, _args, result) => lengthOf(result),
	padEnd: (_self, _args, result) => lengthOf(result),
	normalize: (self) => self.length,
	at: () => 1,
	codePointAt: () => 1,
	charCodeAt: () => 1,
	charAt: () => 1,
};

/**
 * A pattern's exec (which match, matchAll, replace, split and test call once it is replaced):
 * from where it starts to the end of its match, or to the end of the text when nothing matches
 * (a sticky pattern looks at one position only).
 */
function execWork(regexp: RegExp, text: string, from: number, match: RegExpExecArray | null) {
	if (match) return match.index + match[0].length - from + 1;
	return regexp.sticky ? 1 : text.length - from + 1;
}

/** Counts the characters `run` makes the built-ins look at. */
export function charactersLookedAt(run: () => void): number {
	const saved: Array<[object, string, Method]> = [];
	const wrap = (
		owner: object,
		name: string,
		work: (self: any, args: any[], result: any) => number,
	) => {
		const original = (owner as Record<string, Method>)[name];
		saved.push([owner, name, original]);
		Object.defineProperty(owner, name, {
			configurable: true,
			writable: true,
			value(this: unknown, ...args: any[]) {
				let result: unknown;
				try {
					result = original.apply(this, args);
					return result;
				} finally {
					// A call that throws (JSON.parse of what is not JSON) did its work too.
					characters += Math.max(0, work(this, args, result));
				}
			},
		});
	};
	for (const [name, work] of Object.entries(STRING_WORK)) {
		wrap(String.prototype, name, (self, args, result) => work(String(self), args, result));
	}
	const exec = RegExp.prototype.exec;
	saved.push([RegExp.prototype, 'exec', exec as Method]);
	Object.defineProperty(RegExp.prototype, 'exec', {
		configurable: true,
		writable: true,
		value(this: RegExp, text: string) {
			const from = this.global || this.sticky ? within(String(text), this.lastIndex) : 0;
			const match = exec.call(this, text);
			characters += execWork(this, String(text), from, match);
			return match;
		},
	});
	wrap(JSON, 'parse', (_self, [text]) => lengthOf(text));
	characters = 0;
	try {
		run();
		return characters;
	} finally {
		for (const [owner, name, original] of saved.reverse()) {
			Object.defineProperty(owner, name, { configurable: true, writable: true, value: original });
		}
	}
}
