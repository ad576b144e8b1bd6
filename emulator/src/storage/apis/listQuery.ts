/** The list query parameters both APIs share, validated. */
import { BadRequestError } from '../errors.js';
import type { ListOptions } from '../store/listing.js';

export function parseListQuery(query: URLSearchParams): ListOptions {
  const rawMax = query.get('maxResults');
  let maxResults = 1000;
  if (rawMax !== null && rawMax !== '') {
    if (!/^\d+$/.test(rawMax) || Number(rawMax) < 1)
      throw new BadRequestError(`Invalid maxResults: ${rawMax}`);
    maxResults = Math.min(Number(rawMax), 1000);
  }
  const options: ListOptions = {
    prefix: query.get('prefix') ?? '',
    delimiter: query.get('delimiter') ?? '',
    maxResults,
    includeTrailingDelimiter: query.get('includeTrailingDelimiter') === 'true',
  };
  const pageToken = query.get('pageToken');
  if (pageToken) options.pageToken = pageToken;
  const startOffset = query.get('startOffset');
  if (startOffset) options.startOffset = startOffset;
  const endOffset = query.get('endOffset');
  if (endOffset) options.endOffset = endOffset;
  return options;
}
