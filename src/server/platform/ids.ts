import { randomFillSync } from 'node:crypto';

let lastMs = 0;
let seq = 0;

/**
 * Random bytes drawn from the system's CSPRNG 4 KiB at a time: a call for 16 bytes cost about as
 * much as one for 4 KiB, and a reply takes a dozen ids (its post, screening, events, notifications).
 */
const pool = Buffer.alloc(4096);
let poolUsed = pool.length;
function randomInto(target: Buffer, n: number): void {
  if (poolUsed + n > pool.length) {
    randomFillSync(pool);
    poolUsed = 0;
  }
  pool.copy(target, 0, poolUsed, poolUsed + n);
  // Never handed out twice.
  poolUsed += n;
}

/**
 * A UUIDv7: time-ordered, so ids sort by creation and serve as keyset cursors.
 * Within one millisecond a 12-bit counter keeps ids from one process strictly increasing.
 */
export function newId(now: number = Date.now()): string {
  if (now <= lastMs) {
    seq = (seq + 1) & 0xfff;
    if (seq === 0) lastMs += 1;
    now = lastMs;
  } else {
    lastMs = now;
    const two = Buffer.allocUnsafe(2);
    randomInto(two, 2);
    seq = two.readUInt16BE(0) & 0x7ff;
  }
  const bytes = Buffer.allocUnsafe(16);
  randomInto(bytes, 16);
  bytes.writeUIntBE(now, 0, 6);
  bytes[6] = 0x70 | (seq >> 8);
  bytes[7] = seq & 0xff;
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
