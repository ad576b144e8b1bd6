/** Resume tokens name a snapshot by its read time (microseconds, 8 bytes big-endian). */
import { invalidArgument } from '../../model/errors.js';
import type { Micros } from '../store/clock.js';

export function encodeResumeToken(time: Micros): Uint8Array {
  const buffer = Buffer.alloc(8);
  buffer.writeBigUInt64BE(BigInt(time));
  return buffer;
}

export function decodeResumeToken(token: Uint8Array): Micros {
  if (token.length !== 8) throw invalidArgument('Invalid resume token.');
  return Number(Buffer.from(token).readBigUInt64BE());
}
