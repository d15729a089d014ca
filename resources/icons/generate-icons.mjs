#!/usr/bin/env node
/**
 * Draws the app and tray icons (a white speech bubble on the desk's blue; the unread variant adds
 * a red dot) and writes them as PNG with node:zlib only. Run `node resources/icons/generate-icons.mjs`
 * after changing the drawing; the PNGs are committed.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const OUT = dirname(fileURLToPath(import.meta.url));
const BLUE = [59, 91, 219];
const WHITE = [255, 255, 255];
const RED = [224, 49, 49];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, rgba) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // RGBA
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(rows, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Signed-distance style tests in a unit square (0..1), supersampled for smooth edges. */
const inRoundRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
};
const inCircle = (x, y, cx, cy, r) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const inTriangle = (x, y, [ax, ay], [bx, by], [cx, cy]) => {
  const s = (px, py, qx, qy, rx, ry) => (px - rx) * (qy - ry) - (qx - rx) * (py - ry);
  const d1 = s(x, y, ax, ay, bx, by);
  const d2 = s(x, y, bx, by, cx, cy);
  const d3 = s(x, y, cx, cy, ax, ay);
  return !((d1 < 0 || d2 < 0 || d3 < 0) && (d1 > 0 || d2 > 0 || d3 > 0));
};

function colourAt(x, y, { background, unread }) {
  if (unread && inCircle(x, y, 0.8, 0.2, 0.2)) return [...RED, 255];
  const bubble = inRoundRect(x, y, 0.16, 0.2, 0.84, 0.7, 0.16) || inTriangle(x, y, [0.3, 0.66], [0.46, 0.66], [0.26, 0.86]);
  const dot = [0.34, 0.5, 0.66].some((cx) => inCircle(x, y, cx, 0.45, 0.055));
  if (background) {
    if (!inRoundRect(x, y, 0.02, 0.02, 0.98, 0.98, 0.2)) return [0, 0, 0, 0];
    if (bubble && !dot) return [...WHITE, 255];
    return [...BLUE, 255];
  }
  // Tray: the bubble alone in blue, dots cut out, on transparency.
  if (bubble && !dot) return [...BLUE, 255];
  return [0, 0, 0, 0];
}

function draw(size, options, samples = 4) {
  const out = Buffer.alloc(size * size * 4);
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colourAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size, options);
          // Premultiplied accumulation so transparent samples do not darken edges.
          acc[0] += c[0] * c[3];
          acc[1] += c[1] * c[3];
          acc[2] += c[2] * c[3];
          acc[3] += c[3];
        }
      }
      const i = (py * size + px) * 4;
      const a = acc[3] / (samples * samples);
      out[i] = acc[3] ? Math.round(acc[0] / acc[3]) : 0;
      out[i + 1] = acc[3] ? Math.round(acc[1] / acc[3]) : 0;
      out[i + 2] = acc[3] ? Math.round(acc[2] / acc[3]) : 0;
      out[i + 3] = Math.round(a);
    }
  }
  return png(size, out);
}

const files = {
  'icon.png': draw(512, { background: true, unread: false }),
  'tray.png': draw(16, { background: false, unread: false }),
  'tray@2x.png': draw(32, { background: false, unread: false }),
  'tray-unread.png': draw(16, { background: false, unread: true }),
  'tray-unread@2x.png': draw(32, { background: false, unread: true }),
};
for (const [name, data] of Object.entries(files)) writeFileSync(join(OUT, name), data);
console.log(`wrote ${Object.keys(files).join(', ')} to ${OUT}`);
process.exitCode = 0;
