// Draws build/icon.png (512x512 RGBA): a boardroom table with six seats on a navy tile.
// No image tools needed: shapes are signed distance functions, written out with node:zlib.
// Run `node build/make-icon.mjs` after changing it; the PNG is committed.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const NAVY = [31, 42, 68];
const TABLE = [244, 239, 228];
const SEAT = [214, 166, 72];

const roundBox = (x, y, cx, cy, hw, hh, r) => {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r;
/** Pixel coverage of a shape from its distance: a one-pixel anti-aliased edge. */
const cover = (d) => Math.min(1, Math.max(0, 0.5 - d));

const seats = [150, 256, 362].flatMap((cx) => [
  [cx, 150],
  [cx, 362],
]);

function pixel(x, y) {
  const tile = cover(roundBox(x, y, 256, 256, 232, 232, 104));
  const table = cover(roundBox(x, y, 256, 256, 170, 62, 62));
  const seat = Math.max(...seats.map(([cx, cy]) => cover(circle(x, y, cx, cy, 34))));
  let rgb = NAVY;
  rgb = rgb.map((c, i) => c + (SEAT[i] - c) * seat);
  rgb = rgb.map((c, i) => c + (TABLE[i] - c) * table);
  return [...rgb.map(Math.round), Math.round(255 * tile)];
}

const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  raw[row] = 0; // filter: none
  for (let x = 0; x < SIZE; x++) {
    // Average 4 samples per pixel so curves stay smooth.
    const samples = [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].map(([dx, dy]) => pixel(x + dx, y + dy));
    for (let c = 0; c < 4; c++) raw[row + 1 + x * 4 + c] = Math.round(samples.reduce((sum, s) => sum + s[c], 0) / 4);
  }
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
};
const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bit depth
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
console.log(`build/icon.png: ${SIZE}x${SIZE}, ${png.length} bytes`);
