import { describe, expect, it } from 'vitest';
import { AppError } from '../shared/errors.js';
import { MAX_BODY_BYTES, readJsonBody } from './body.js';
import { ApiError } from './errors.js';

const json = 'application/json';
const read = (text: string | undefined, type = json, length?: string) =>
  readJsonBody(text === undefined ? undefined : Buffer.from(text, 'utf8'), type, length);

function statusOf(run: () => unknown): number | string {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

describe('readJsonBody', () => {
  it('parses JSON bodies, with or without a charset', () => {
    expect(read('{"title":"a"}')).toEqual({ title: 'a' });
    expect(read('{"title":"a"}', 'application/json; charset=utf-8')).toEqual({ title: 'a' });
  });

  it('treats an empty body as an empty object', () => {
    expect(read(undefined)).toEqual({});
    expect(read('  ')).toEqual({});
  });

  it.each([
    ['no content type', undefined],
    ['text', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a JSON look-alike', 'application/jsonp'],
  ])('refuses %s with 415', (_what, type) => {
    expect(statusOf(() => readJsonBody(Buffer.from('{}'), type, '2'))).toBe(415);
  });

  it('refuses bodies over the limit with 413, by declared or actual length', () => {
    expect(statusOf(() => read('{}', json, String(MAX_BODY_BYTES + 1)))).toBe(413);
    expect(statusOf(() => read(`{"notes":"${'x'.repeat(MAX_BODY_BYTES)}"}`))).toBe(413);
    expect(statusOf(() => read(`{"notes":"${'x'.repeat(MAX_BODY_BYTES - 20)}"}`))).toBe('no error');
  });

  it('refuses malformed JSON as invalid input', () => {
    expect(statusOf(() => read('{"title": '))).toBe('invalid-argument');
    expect(statusOf(() => read("{'title': 'a'}"))).toBe('invalid-argument');
  });

  it('refuses lone surrogates, naming the field', () => {
    expect(() => read('{"tags":["ok","\\ud800"]}')).toThrow(
      'tags.1: The text is not valid Unicode.',
    );
    expect(() => read('{"\\udc00":1}')).toThrow('body: A field name is not valid Unicode.');
  });

  it('accepts paired surrogates and other unusual but valid text', () => {
    expect(read('{"title":"\\ud83d\\ude00 \\u0000 \\u200b \\u202e"}')).toEqual({
      title: '😀 \u0000 \u200b \u202e',
    });
  });

  it('survives deep nesting without exhausting the stack', () => {
    const depth = 20_000;
    expect(statusOf(() => read(`${'['.repeat(depth)}${']'.repeat(depth)}`))).toBe('no error');
  });
});
