// Draws the toolbar icon (a lens over a cookie-coloured disc) as PNGs in public/icon/. Run: node scripts/make-icons.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes) {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'ascii');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

/** RGBA of the pixel at (x, y) in a 1x1 design space, anti-aliased by 4x4 supersampling. */
function pixel(size, x, y) {
  let r = 0, g = 0, b = 0, a = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size;
      const v = (y + (sy + 0.5) / 4) / size;
      const colour = shade(u, v);
      if (colour) {
        r += colour[0]; g += colour[1]; b += colour[2]; a += 255;
      }
    }
  }
  return a === 0 ? [0, 0, 0, 0] : [r / (a / 255), g / (a / 255), b / (a / 255), a / 16];
}

function shade(u, v) {
  const dx = u - 0.42, dy = v - 0.42, d = Math.hypot(dx, dy);
  const along = (u + v) / 2;
  const across = Math.abs(u - v) / Math.SQRT2;
  if (along > 0.64 && along < 0.95 && across < 0.07) return [40, 50, 70];
  if (d < 0.36 && d > 0.29) return [40, 50, 70];
  if (d <= 0.29) {
    const chip = [[0.34, 0.34], [0.5, 0.44], [0.38, 0.52]].some(([cx, cy]) => Math.hypot(u - cx, v - cy) < 0.045);
    return chip ? [120, 72, 32] : [226, 170, 92];
  }
  return null;
}

function png(size) {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const [r, g, b, a] = pixel(size, x, y);
      raw.set([r, g, b, a].map(Math.round), y * (size * 4 + 1) + 1 + x * 4);
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

mkdirSync('public/icon', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`public/icon/${size}.png`, png(size));
