export type ImageMimeType = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif';

/** The image type told by the file's first bytes, or undefined when it is not PNG, JPEG, WEBP or GIF. */
export function sniffImageType(bytes: Uint8Array): ImageMimeType | undefined {
	const startsWith = (signature: number[], offset = 0) =>
		bytes.length >= offset + signature.length &&
		signature.every((byte, index) => bytes[offset + index] === byte);
	if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
	if (startsWith([0xff, 0xd8, 0xff])) return 'image/jpeg';
	if (startsWith([0x47, 0x49, 0x46, 0x38])) return 'image/gif';
	if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) {
		return 'image/webp';
	}
	return undefined;
}

/** MIME types that say nothing about the content, so the first bytes decide. */
const UNTYPED = ['', 'application/octet-stream', 'binary/octet-stream'];

/** Whether a binary's declared MIME type rules it out as an image before its bytes are read. */
export function isDeclaredNonImage(mimeType: string | undefined): boolean {
	const type = (mimeType ?? '').split(';')[0].trim().toLowerCase();
	return !UNTYPED.includes(type) && !type.startsWith('image/');
}
