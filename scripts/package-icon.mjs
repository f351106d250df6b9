#!/usr/bin/env node
// Draws the extension's Marketplace icon (images/icon.png, 128x128 PNG; the Marketplace takes no
// SVG): a magnifying glass over lines of code on a rounded square. Run it again after changing the
// drawing; the PNG is committed.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const size = 128;
const samples = 4; // per axis, for anti-aliased edges
const output = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'images', 'icon.png');

// Signed distances (negative inside) of the shapes, in pixels.
const roundedBox = (x, y, cx, cy, halfWidth, halfHeight, radius) => {
  const qx = Math.abs(x - cx) - halfWidth + radius;
  const qy = Math.abs(y - cy) - halfHeight + radius;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
};
const segment = (x, y, ax, ay, bx, by, halfWidth) => {
  const px = x - ax, py = y - ay, dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - t * dx, py - t * dy) - halfWidth;
};

const lens = { x: 54, y: 54, radius: 30, ring: 6 };
const codeLines = [[36, 44, 62], [36, 54, 74], [36, 64, 56]]; // [start x, y, end x]

/** The colour at (x, y): [r, g, b, a] with a from 0 to 1. */
function colour(x, y) {
  if (roundedBox(x, y, 64, 64, 62, 62, 22) > 0) return [0, 0, 0, 0];
  const t = (x + y) / (2 * size);
  let pixel = [Math.round(18 + 20 * t), Math.round(78 + 40 * t), Math.round(96 + 50 * t), 1]; // deep teal
  const fromLens = Math.hypot(x - lens.x, y - lens.y);
  if (fromLens < lens.radius - lens.ring / 2) pixel = [232, 246, 244, 1]; // the glass
  for (const [startX, lineY, endX] of codeLines) {
    if (fromLens < lens.radius - lens.ring && segment(x, y, startX, lineY, endX, lineY, 3) < 0) pixel = startX === 36 && lineY === 54 ? [226, 112, 58, 1] : [40, 96, 112, 1];
  }
  if (Math.abs(fromLens - lens.radius) < lens.ring / 2) pixel = [255, 255, 255, 1]; // the rim
  if (segment(x, y, 78, 78, 104, 104, 7) < 0 && fromLens > lens.radius) pixel = [255, 255, 255, 1]; // the handle
  return pixel;
}

function render() {
  const rows = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 4); // filter byte 0, then RGBA
    for (let x = 0; x < size; x++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const [r, g, b, a] = colour(x + (sx + 0.5) / samples, y + (sy + 0.5) / samples);
          sum[0] += r * a;
          sum[1] += g * a;
          sum[2] += b * a;
          sum[3] += a;
        }
      }
      const alpha = sum[3] / (samples * samples);
      for (let channel = 0; channel < 3; channel++) row[1 + x * 4 + channel] = sum[3] ? Math.round(sum[channel] / sum[3]) : 0;
      row[1 + x * 4 + 3] = Math.round(alpha * 255);
    }
    rows.push(row);
  }
  return Buffer.concat(rows);
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(size, 0);
header.writeUInt32BE(size, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(render(), { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
mkdirSync(dirname(output), { recursive: true });
writeFileSync(output, png);
console.log(`Wrote ${output} (${png.length} bytes).`);
