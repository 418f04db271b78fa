export const PDF_MIME_TYPE = 'application/pdf';

/** Whether a file's first bytes say PDF (`%PDF-`). */
export function isPdf(bytes: Uint8Array): boolean {
	return [0x25, 0x50, 0x44, 0x46, 0x2d].every((byte, index) => bytes[index] === byte);
}

/** Whether a binary's declared MIME type says PDF (its first bytes are checked when read). */
export function isDeclaredPdf(mimeType: string | undefined): boolean {
	return (mimeType ?? '').split(';')[0].trim().toLowerCase() === PDF_MIME_TYPE;
}

/** Whether a URL names a PDF: a data URL of one, or an address whose path ends in `.pdf`. */
export function isPdfUrl(url: string): boolean {
	if (/^data:application\/pdf[;,]/i.test(url)) return true;
	if (!URL.canParse(url)) return false;
	return new URL(url).pathname.toLowerCase().endsWith('.pdf');
}
