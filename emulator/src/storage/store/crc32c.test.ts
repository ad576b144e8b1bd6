import { describe, expect, it } from 'vitest';
import { crc32cToBase64, crc32cUpdate } from './crc32c.js';

describe('crc32c', () => {
  it('matches the RFC 3720 check value for "123456789"', () => {
    expect(crc32cUpdate(0, Buffer.from('123456789'))).toBe(0xe3069283);
  });
  it('is the same whether computed at once or in pieces', () => {
    const data = Buffer.from('The quick brown fox jumps over the lazy dog, many times over.');
    const whole = crc32cUpdate(0, data);
    const pieces = crc32cUpdate(crc32cUpdate(0, data.subarray(0, 13)), data.subarray(13));
    expect(pieces).toBe(whole);
  });
  it('prints as GCS does (empty object is AAAAAA==)', () => {
    expect(crc32cToBase64(crc32cUpdate(0, new Uint8Array()))).toBe('AAAAAA==');
  });
});
