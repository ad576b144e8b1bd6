/**
 * JSON judged before the decoders see it. A REST body is read as it arrives: one over Firestore's
 * request limit, bytes that are not UTF-8 or nesting deeper than protobuf's JSON parser allows are
 * refused at the first offending byte, so a hostile body costs what reading that far costs, not
 * its whole length. Parsed JSON (REST's, and each WebChannel message) must then hold only text
 * that UTF-8 can carry: an escape that leaves a lone surrogate is refused, as gRPC refuses invalid
 * UTF-8, so a name or value means the same on every wire.
 */
import type { Readable } from 'node:stream';
import { invalidArgument, type FirestoreError } from '../../../model/errors.js';
import { MAX_REQUEST_BYTES, requestTooLarge } from '../../api/requestLimits.js';

/** protobuf's JSON parser's default recursion limit. */
export const MAX_JSON_DEPTH = 100;

const OPEN_BRACKET = 0x5b;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACKET = 0x5d;
const CLOSE_BRACE = 0x7d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const invalidJson = (detail: string): FirestoreError =>
  invalidArgument(`Invalid JSON payload received. ${detail}`);
const tooDeep = (): FirestoreError =>
  invalidJson(`Nesting deeper than ${MAX_JSON_DEPTH} levels is not allowed.`);

/** A lone surrogate: a high one not followed by a low one, or a low one not after a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Nesting depth of JSON text, followed byte by byte across chunks (strings' contents skipped). */
class DepthTracker {
  private depth = 0;
  private inString = false;
  private escaped = false;

  feed(bytes: Uint8Array): void {
    for (const byte of bytes) {
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (byte === BACKSLASH) this.escaped = true;
        else if (byte === QUOTE) this.inString = false;
      } else if (byte === QUOTE) {
        this.inString = true;
      } else if (byte === OPEN_BRACE || byte === OPEN_BRACKET) {
        if (++this.depth > MAX_JSON_DEPTH) throw tooDeep();
      } else if (byte === CLOSE_BRACE || byte === CLOSE_BRACKET) {
        this.depth--;
      }
    }
  }
}

/**
 * Reads and parses a JSON body within Firestore's limits; `undefined` when it is empty. On a
 * refusal the body is left paused, not destroyed, so that the answer can still be sent on its
 * connection (which the caller should then close).
 */
export function readJsonBody(body: Readable): Promise<unknown> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const depth = new DepthTracker();
  const parts: string[] = [];
  let size = 0;
  const decode = (chunk?: Uint8Array): string => {
    try {
      return chunk ? decoder.decode(chunk, { stream: true }) : decoder.decode();
    } catch {
      throw invalidJson('The body is not valid UTF-8.');
    }
  };
  return new Promise((resolve, reject) => {
    const stop = (error: unknown): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.pause();
      reject(error);
    };
    const onData = (chunk: Buffer): void => {
      try {
        size += chunk.length;
        if (size > MAX_REQUEST_BYTES) throw requestTooLarge();
        depth.feed(chunk);
        parts.push(decode(chunk));
      } catch (error) {
        stop(error);
      }
    };
    const onEnd = (): void => {
      try {
        parts.push(decode());
        resolve(parse(parts.join('')));
      } catch (error) {
        reject(error);
      }
    };
    body.on('data', onData);
    body.once('end', onEnd);
    body.once('error', stop);
  });
}

function parse(text: string): unknown {
  if (text.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw invalidJson((error as Error).message);
  }
  checkJsonText(json);
  return json;
}

/** Refuses parsed JSON nested too deeply or holding a key or string with a lone surrogate. */
export function checkJsonText(json: unknown): void {
  const pending: [unknown, number][] = [[json, 0]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, depth] = next;
    if (typeof value === 'string') {
      checkWellFormed(value);
    } else if (typeof value === 'object' && value !== null) {
      if (depth >= MAX_JSON_DEPTH) throw tooDeep();
      if (Array.isArray(value)) {
        for (const item of value) pending.push([item, depth + 1]);
      } else {
        for (const [key, item] of Object.entries(value)) {
          checkWellFormed(key);
          pending.push([item, depth + 1]);
        }
      }
    }
  }
}

function checkWellFormed(text: string): void {
  const lone = LONE_SURROGATE.exec(text);
  if (lone)
    throw invalidJson(
      `A string holds a lone surrogate (\\u${(lone[0].codePointAt(0) as number).toString(16)}), which is not valid UTF-8.`,
    );
}
