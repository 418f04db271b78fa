// Draws the demo's sample images (small PNGs of simple shapes) into examples/images/, and
// exports the PNG encoder the tests use.
// They are committed; run this again only to change them: node scripts/makeSampleImages.js
const fs = require('fs');
const path = require('path');
const { deflateSync } = require('zlib');

const crcTable = Array.from({ length: 256 }, (_, n) => {
	let c = n;
	for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
	return c >>> 0;
});
const crc32 = (bytes) => {
	let crc = 0xffffffff;
	for (const byte of bytes) crc = crcTable[(crc ^ byte) & 0xff] ^ (crc >>> 8);
	return (crc ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const typed = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(typed));
	return Buffer.concat([length, typed, crc]);
};

/** A real RGB PNG; `colourAt(x, y)` gets coordinates from 0 to 1 and returns [r, g, b]. */
function encodePng(width, height, colourAt) {
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8;
	header[9] = 2;
	const rows = [];
	for (let y = 0; y < height; y++) {
		const row = Buffer.alloc(1 + width * 3);
		for (let x = 0; x < width; x++) row.set(colourAt(x / width, y / height), 1 + x * 3);
		rows.push(row);
	}
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(Buffer.concat(rows))),
		chunk('IEND', Buffer.alloc(0)),
	]);
}

const white = [250, 250, 250];
const shapes = {
	'red-circle.png': (x, y) => ((x - 0.5) ** 2 + (y - 0.5) ** 2 < 0.12 ? [220, 30, 40] : white),
	'blue-square.png': (x, y) => (x > 0.2 && x < 0.8 && y > 0.2 && y < 0.8 ? [30, 70, 200] : white),
	'green-triangle.png': (x, y) =>
		y > 0.2 && y < 0.8 && Math.abs(x - 0.5) < (y - 0.2) * 0.6 ? [40, 160, 60] : white,
};

module.exports = { encodePng };

if (require.main === module) {
	const folder = path.join(__dirname, '..', 'examples', 'images');
	fs.mkdirSync(folder, { recursive: true });
	for (const [name, colourAt] of Object.entries(shapes)) {
		fs.writeFileSync(path.join(folder, name), encodePng(128, 128, colourAt));
		console.log(`wrote examples/images/${name}`);
	}
}
