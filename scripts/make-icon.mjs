// Draws the Airlock icon (media/icon.png, 128x128): a shield carrying an airlock hatch, on a dark
// rounded tile. Shapes are described as "inside?" tests and rendered with 8x8 supersampling for
// anti-aliasing; the PNG is encoded by hand with node:zlib. Run: node scripts/make-icon.mjs [out.png]
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SIZE = 128;
const SS = 8; // samples per axis per pixel
const out = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'media', 'icon.png');

// ---- colours ---------------------------------------------------------------------------------------
const hex = (h) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16)];
const mix = (a, b, t) => a.map((v, i) => v + (b[i] - v) * Math.min(1, Math.max(0, t)));
const TILE_TOP = hex('#22345c');
const TILE_BOTTOM = hex('#0d162b');
const SHIELD_TOP = hex('#3ee0c5');
const SHIELD_BOTTOM = hex('#0b8f86');
const RIM = hex('#b8fff2');
const HATCH = hex('#12203d');
const DOOR_TOP = hex('#eefcf9');
const DOOR_BOTTOM = hex('#b9d6d2');
const BOLT = hex('#3ee0c5');

// ---- shapes (coordinates in pixels, y down) ----------------------------------------------------------
function roundedRect(x, y, x0, y0, x1, y1, r) {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r && x >= x0 && x <= x1 && y >= y0 && y <= y1;
}

// A heater shield: a gently arched top, straight sides, then curving to a point at the bottom.
function shield(x, y, inset = 0) {
  const cx = 64;
  const halfW = 42 - inset;
  const dx = Math.abs(x - cx);
  if (dx > halfW) return false;
  const top = 15 + inset + 7 * (dx / halfW) ** 2; // arched: higher in the middle
  const shoulder = 58;
  const tip = 117 - inset * 1.3;
  if (y < top || y > tip) return false;
  if (y <= shoulder) return true;
  const t = (y - shoulder) / (tip - shoulder); // 0 at the shoulder, 1 at the tip
  return dx <= halfW * Math.cos((t * Math.PI) / 2) ** 0.75;
}

const HC = { x: 64, y: 61 }; // hatch centre
const dist = (x, y) => Math.hypot(x - HC.x, y - HC.y);

// ---- layers, painted back to front: [inside(x, y), colour(x, y)] ----------------------------------------
const layers = [
  [(x, y) => roundedRect(x, y, 2, 2, 126, 126, 26), (x, y) => mix(TILE_TOP, TILE_BOTTOM, y / SIZE)],
  [(x, y) => shield(x, y), () => RIM],
  [(x, y) => shield(x, y, 4), (x, y) => mix(SHIELD_TOP, SHIELD_BOTTOM, (y - 15) / 100)],
  // the hatch: a dark ring with eight bolts, and a two-leaf door split by a vertical seam
  [(x, y) => dist(x, y) <= 29, () => HATCH],
  [
    (x, y) => {
      const r = dist(x, y);
      if (r < 22.5 || r > 27) return false;
      const a = Math.atan2(y - HC.y, x - HC.x);
      const k = Math.round(a / (Math.PI / 4));
      const bx = HC.x + 24.75 * Math.cos(k * (Math.PI / 4));
      const by = HC.y + 24.75 * Math.sin(k * (Math.PI / 4));
      return Math.hypot(x - bx, y - by) <= 2.1;
    },
    () => BOLT,
  ],
  [(x, y) => dist(x, y) <= 20.5 && Math.abs(x - HC.x) >= 1.6, (x, y) => mix(DOOR_TOP, DOOR_BOTTOM, (y - HC.y + 20) / 40)],
  // handle bars on each leaf, next to the seam
  [(x, y) => roundedRect(x, y, HC.x - 9, HC.y - 9, HC.x - 5, HC.y + 9, 2), () => HATCH],
  [(x, y) => roundedRect(x, y, HC.x + 5, HC.y - 9, HC.x + 9, HC.y + 9, 2), () => HATCH],
  // a small check mark under the hatch: "let the safe majority through"
  [
    (x, y) => {
      const seg = (ax, ay, bx, by, w) => {
        const vx = bx - ax, vy = by - ay;
        const t = Math.max(0, Math.min(1, ((x - ax) * vx + (y - ay) * vy) / (vx * vx + vy * vy)));
        return Math.hypot(x - (ax + t * vx), y - (ay + t * vy)) <= w;
      };
      return seg(55, 97, 61.5, 103.5, 3) || seg(61.5, 103.5, 74, 91, 3);
    },
    () => HATCH,
  ],
];

// ---- render ------------------------------------------------------------------------------------------
const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let py = 0; py < SIZE; py++) {
  for (let px = 0; px < SIZE; px++) {
    // accumulate premultiplied colour over the samples
    let r = 0, g = 0, b = 0, a = 0;
    for (let sy = 0; sy < SS; sy++) {
      for (let sx = 0; sx < SS; sx++) {
        const x = px + (sx + 0.5) / SS;
        const y = py + (sy + 0.5) / SS;
        let cr = 0, cg = 0, cb = 0, ca = 0;
        for (const [inside, colour] of layers) {
          if (!inside(x, y)) continue;
          [cr, cg, cb] = colour(x, y);
          ca = 1;
        }
        r += cr * ca; g += cg * ca; b += cb * ca; a += ca;
      }
    }
    const i = (py * SIZE + px) * 4;
    const n = SS * SS;
    rgba[i + 3] = Math.round((a / n) * 255);
    if (a > 0) {
      rgba[i] = Math.round(r / a);
      rgba[i + 1] = Math.round(g / a);
      rgba[i + 2] = Math.round(b / a);
    }
  }
}

// ---- PNG encoding ------------------------------------------------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
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
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(SIZE, 0);
ihdr.writeUInt32BE(SIZE, 4);
ihdr[8] = 8; // bit depth
ihdr[9] = 6; // RGBA
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) {
  raw[y * (SIZE * 4 + 1)] = 0; // filter: none
  rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
}
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', ihdr),
  chunk('IDAT', deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);
writeFileSync(out, png);
console.log(`wrote ${out} (${png.length} bytes, ${SIZE}x${SIZE})`);
