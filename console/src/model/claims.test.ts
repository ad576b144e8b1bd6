import { describe, expect, it } from 'vitest';
import { formatClaims, parseClaims } from './claims';

describe('parseClaims', () => {
  it('compacts a JSON object, and takes nothing as no claims', () => {
    expect(parseClaims('{ "admin": true,\n "tier": 2 }')).toEqual({
      ok: true,
      value: '{"admin":true,"tier":2}',
    });
    expect(parseClaims('  ')).toEqual({ ok: true, value: '' });
  });

  it.each([
    ['{admin: true}', /Not valid JSON/],
    ['[1]', /JSON object/],
    ['"x"', /JSON object/],
    ['{"sub": "x", "exp": 1}', /"sub", "exp" are reserved/],
    [`{"big": "${'x'.repeat(1000)}"}`, /at most 1000 bytes/],
  ])('refuses %j', (text, message) => {
    const result = parseClaims(text);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(message);
  });

  it('shows stored claims indented', () => {
    expect(formatClaims('{"a":1}')).toBe('{\n  "a": 1\n}');
    expect(formatClaims(undefined)).toBe('');
  });
});
