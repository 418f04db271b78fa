/**
 * The Chromium the browser test drives: Debian's /usr/bin/chromium where it is installed,
 * otherwise the one inside the npm package @sparticuz/chromium (a dev dependency), so the test
 * needs nothing but npm. CHROMIUM_PATH picks another one.
 */
import fs from 'fs';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

export async function chromiumExecutable(): Promise<string> {
	if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
	if (fs.existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
	// Unpacks the browser into the system's temporary folder on first use (about 2 s).
	const { default: packaged } = await import('@sparticuz/chromium');
	return await packaged.executablePath();
}

/** Flags for a headless Chromium on a machine without a display or outside network. */
export const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-quic',
	'--no-first-run',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
];
