/**
 * WebChannel (BrowserChannel protocol version 8) wire framing, both directions.
 *
 * Client → server: a forward-channel POST body is form-urlencoded:
 * `[headers=…&]count=N&ofs=K&req0_key=value&req1_key=value…`, where map `reqI` is the client's
 * map number K+I. In raw-JSON mode (what Firestore uses) every map has the single key `__data__`.
 *
 * Server → client: responses are a sequence of chunks, each `<length>\n<json>` where the length
 * counts UTF-16 code units (the client slices its decoded response text), and each JSON chunk is an
 * array of `[arrayId, payload]` entries.
 */

/** The key a raw-JSON message travels under inside a map. */
export const RAW_DATA_KEY = '__data__';

export interface ForwardMap {
  /** The client's sequence number of this map. */
  id: number;
  fields: Record<string, string>;
}

export interface ForwardBody {
  /** Headers the client encoded into the body (`encodeInitMessageHeaders`). */
  headers: Record<string, string>;
  maps: ForwardMap[];
}

export class FramingError extends Error {
  override name = 'FramingError';
}

const MAP_KEY = /^req(\d{1,6})_(.+)$/s;
const MAX_MAPS_PER_REQUEST = 1000;

/** Parses a forward-channel body; anything inconsistent is a FramingError, never a partial result. */
export function parseForwardBody(body: string): ForwardBody {
  // URLSearchParams would turn escapes that are not UTF-8 into U+FFFD: refuse them instead.
  for (const part of body.split('&')) {
    try {
      decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      throw new FramingError(`a field is not UTF-8 once decoded: ${part.slice(0, 80)}`);
    }
  }
  const params = new URLSearchParams(body);
  const headers = parseHeaderBlock(params.get('headers') ?? '');
  const countText = params.get('count');
  if (countText === null) {
    // A handshake may carry no maps at all.
    if (body.trim() !== '' && !params.has('headers')) throw new FramingError('missing count');
    return { headers, maps: [] };
  }
  const count = parseNonNegativeInt(countText, 'count');
  if (count > MAX_MAPS_PER_REQUEST) throw new FramingError(`too many maps: ${count}`);
  const offset = count === 0 ? 0 : parseNonNegativeInt(params.get('ofs'), 'ofs');

  const fields: Record<string, string>[] = Array.from({ length: count }, () => ({}));
  for (const [key, value] of params) {
    const match = MAP_KEY.exec(key);
    if (!match) continue;
    const index = Number(match[1]);
    const map = fields[index];
    if (map === undefined) throw new FramingError(`map req${index} outside count ${count}`);
    map[match[2] as string] = value;
  }
  const maps = fields.map((map, index) => {
    if (Object.keys(map).length === 0) throw new FramingError(`map req${index} is missing`);
    return { id: offset + index, fields: map };
  });
  return { headers, maps };
}

/**
 * Decodes a `Name:value\r\n…` header block (the `headers` body field and the `$httpHeaders` URL
 * parameter use the same format). Names are lower-cased, as Node presents request headers.
 */
export function parseHeaderBlock(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split(/\r?\n/)) {
    if (line.trim() === '') continue;
    const colon = line.indexOf(':');
    if (colon <= 0)
      throw new FramingError(`malformed header line: ${JSON.stringify(line.slice(0, 80))}`);
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function parseNonNegativeInt(text: string | null, name: string): number {
  if (text === null || !/^\d{1,9}$/.test(text))
    throw new FramingError(`bad ${name}: ${JSON.stringify(text)}`);
  return Number(text);
}

/** An outgoing array: its id and payload, e.g. `[3, [{targetChange: …}]]` or `[4, ['noop']]`. */
export type ServerArray = readonly [number, unknown];

/** One length-prefixed chunk holding the given arrays. */
export function encodeChunk(arrays: readonly ServerArray[]): string {
  return frame(arrays);
}

/** The chunk answering a forward POST: backchannel present, last array id, unacknowledged chars. */
export function encodeForwardAck(lastArrayId: number, outstandingChars: number): string {
  return frame([1, lastArrayId, outstandingChars]);
}

function frame(value: unknown): string {
  const json = JSON.stringify(value) + '\n';
  return `${json.length}\n${json}`;
}
