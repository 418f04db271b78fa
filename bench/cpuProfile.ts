/** Reads a V8 `.cpuprofile` (from `node --cpu-prof`) over one time window: where the time went. */

interface CallFrame {
	functionName: string;
	url: string;
	lineNumber: number;
}

interface ProfileNode {
	id: number;
	callFrame: CallFrame;
	parent?: number;
	children?: number[];
}

export interface CpuProfile {
	nodes: ProfileNode[];
	samples: number[];
	timeDeltas: number[];
}

export interface Share {
	name: string;
	ms: number;
}

export interface WindowSummary {
	windowMs: number;
	/** Self time by where the code lives: a package, Node's own code, V8's GC, idle. */
	byPlace: Share[];
	/** The functions with the most self time. */
	topSelf: Share[];
	/** The functions with the most time on the stack (each counted once per sample). */
	topTotal: Share[];
}

/** Where a frame's code lives: the package that holds it, or what V8 calls the time. */
export function placeOf(frame: CallFrame): string {
	if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
	if (frame.url.startsWith('node:')) return 'node (built-in)';
	const packages = [...frame.url.matchAll(/node_modules\/((?:@[^/]+\/)?[^/]+)/g)];
	return packages.length ? packages[packages.length - 1][1] : '(other)';
}

function frameName(frame: CallFrame): string {
	const file = frame.url.split('/').slice(-1)[0];
	return `${frame.functionName || '(anonymous)'} ${placeOf(frame)}/${file}:${frame.lineNumber + 1}`;
}

const top = (totals: Map<string, number>, count: number): Share[] =>
	[...totals.entries()]
		.sort((x, y) => y[1] - x[1])
		.slice(0, count)
		.map(([name, us]) => ({ name, ms: us / 1000 }));

/**
 * Sums the samples from the first one whose stack holds a frame that `startsAt` accepts, for
 * `windowMs` (the node's execution time from n8n's run data).
 */
export function summarizeWindow(
	profile: CpuProfile,
	startsAt: (frame: CallFrame) => boolean,
	windowMs: number,
	count = 25,
): WindowSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	for (const node of profile.nodes)
		for (const child of node.children ?? []) byId.get(child)!.parent = node.id;
	const stackOf = (id: number): ProfileNode[] => {
		const stack: ProfileNode[] = [];
		for (
			let node = byId.get(id);
			node;
			node = node.parent === undefined ? undefined : byId.get(node.parent)
		)
			stack.push(node);
		return stack;
	};

	const byPlace = new Map<string, number>();
	const self = new Map<string, number>();
	const total = new Map<string, number>();
	const add = (totals: Map<string, number>, key: string, us: number) =>
		totals.set(key, (totals.get(key) ?? 0) + us);
	let elapsed = 0;
	let started = false;
	for (let index = 0; index < profile.samples.length; index++) {
		const stack = stackOf(profile.samples[index]);
		if (!started) {
			started = stack.some((node) => startsAt(node.callFrame));
			if (!started) continue;
		}
		// A sample's time is the gap to the next one.
		const us = profile.timeDeltas[index + 1] ?? 0;
		elapsed += us;
		if (elapsed > windowMs * 1000) break;
		add(byPlace, placeOf(stack[0].callFrame), us);
		add(self, frameName(stack[0].callFrame), us);
		for (const name of new Set(stack.map((node) => frameName(node.callFrame))))
			add(total, name, us);
	}
	return {
		windowMs: elapsed / 1000,
		byPlace: top(byPlace, count),
		topSelf: top(self, count),
		topTotal: top(total, count),
	};
}
