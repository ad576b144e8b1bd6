import { describe, expect, it } from 'vitest';
import {
  encodeChunk,
  encodeForwardAck,
  FramingError,
  parseForwardBody,
  parseHeaderBlock,
} from './framing.js';

/** Splits a response the way the client does: `<length>\n<text>`, length in UTF-16 units. */
function decodeChunks(text: string): unknown[] {
  const chunks: unknown[] = [];
  let at = 0;
  while (at < text.length) {
    const newline = text.indexOf('\n', at);
    const size = Number(text.slice(at, newline));
    chunks.push(JSON.parse(text.slice(newline + 1, newline + 1 + size)));
    at = newline + 1 + size;
  }
  return chunks;
}

describe('parseForwardBody', () => {
  it('numbers the maps from ofs and decodes their fields', () => {
    const body = `count=2&ofs=5&req0___data__=${encodeURIComponent('{"a":1}')}&req1___data__=${encodeURIComponent('{"b":"x&y=z"}')}`;
    expect(parseForwardBody(body)).toEqual({
      headers: {},
      maps: [
        { id: 5, fields: { __data__: '{"a":1}' } },
        { id: 6, fields: { __data__: '{"b":"x&y=z"}' } },
      ],
    });
  });

  it('reads headers encoded into the body before the maps', () => {
    const block = encodeURIComponent(
      'Authorization:Bearer abc\r\nX-Goog-Api-Client:gl-js/ fire/12\r\n',
    );
    const parsed = parseForwardBody(`headers=${block}&count=1&ofs=0&req0___data__=%7B%7D`);
    expect(parsed.headers).toEqual({
      authorization: 'Bearer abc',
      'x-goog-api-client': 'gl-js/ fire/12',
    });
    expect(parsed.maps).toHaveLength(1);
  });

  it('accepts a handshake without maps', () => {
    expect(parseForwardBody('')).toEqual({ headers: {}, maps: [] });
    expect(parseForwardBody('count=0')).toEqual({ headers: {}, maps: [] });
  });

  it('rejects a missing map, a map beyond count, a bad count and a missing offset', () => {
    expect(() => parseForwardBody('count=2&ofs=0&req0___data__=%7B%7D')).toThrow(FramingError);
    expect(() => parseForwardBody('count=1&ofs=0&req0___data__=1&req1___data__=2')).toThrow(
      FramingError,
    );
    expect(() => parseForwardBody('count=-1&ofs=0')).toThrow(FramingError);
    expect(() => parseForwardBody('count=x')).toThrow(FramingError);
    expect(() => parseForwardBody('count=1&req0___data__=1')).toThrow(FramingError);
    expect(() => parseForwardBody('garbage')).toThrow(FramingError);
  });

  it('rejects a malformed header line', () => {
    expect(() => parseHeaderBlock('no colon here')).toThrow(FramingError);
  });
});

describe('encodeChunk', () => {
  it('prefixes each chunk with its length in UTF-16 code units', () => {
    const text = encodeChunk([[1, [{ s: 'héllo 🔥' }]]]) + encodeForwardAck(7, 42);
    expect(decodeChunks(text)).toEqual([[[1, [{ s: 'héllo 🔥' }]]], [1, 7, 42]]);
  });
});
