/** What reached the test server: arrivals in sliding windows, and how many were open at once. */
import type { ReceivedRequest } from '../server/openAiServer';

/** The most arrivals within any `windowMs` (a sliding window, as rate limiters count). */
export function mostWithin(arrivals: number[], windowMs: number): number {
	const sorted = [...arrivals].sort((x, y) => x - y);
	let most = 0;
	for (let first = 0, last = 0; first < sorted.length; first++) {
		while (last < sorted.length && sorted[last] < sorted[first] + windowMs) last++;
		most = Math.max(most, last - first);
	}
	return most;
}

/** The most requests open at the server at once, as it counted them on each arrival. */
export const mostOpen = (requests: ReceivedRequest[]) =>
	Math.max(0, ...requests.map((request) => request.openAtArrival ?? 0));
