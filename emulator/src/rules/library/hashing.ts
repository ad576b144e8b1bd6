/** `hashing.*`: crc32 and crc32c give ints, md5 and sha256 give bytes; input is string (UTF-8) or bytes. */
import { createHash } from 'node:crypto';
import { invalidArgument } from '../errors.js';
import type { RValue } from '../values.js';
import { arity, type Fn } from './args.js';

function table(poly: number): Uint32Array {
  const t = new Uint32Array(256);
  for (let i = 0; i < 256; i++) {
    let c = i;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ poly : c >>> 1;
    t[i] = c >>> 0;
  }
  return t;
}

const CRC32 = table(0xedb88320);
const CRC32C = table(0x82f63b78);

function crc(t: Uint32Array, data: Uint8Array): bigint {
  let c = 0xffffffff;
  for (const b of data) c = (t[(c ^ b) & 0xff] as number) ^ (c >>> 8);
  return BigInt((c ^ 0xffffffff) >>> 0);
}

function input(name: string, args: readonly RValue[]): Uint8Array {
  arity(name, args, 1);
  const v = args[0];
  if (typeof v === 'string') return new TextEncoder().encode(v);
  if (v instanceof Uint8Array) return v;
  return invalidArgument(name, args);
}

export const hashingFunctions: Record<string, Fn> = {
  crc32: (a) => crc(CRC32, input('hashing.crc32', a)),
  crc32c: (a) => crc(CRC32C, input('hashing.crc32c', a)),
  md5: (a) => new Uint8Array(createHash('md5').update(input('hashing.md5', a)).digest()),
  sha256: (a) => new Uint8Array(createHash('sha256').update(input('hashing.sha256', a)).digest()),
};
