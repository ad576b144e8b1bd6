/** The Listen and Write streams' requests, from any wire (gRPC, or WebChannel's JSON). */
import { invalidArgument } from '../../../model/errors.js';
import type * as api from '../../api/messages.js';
import { decodeStructuredQuery } from './query.js';
import { requiredString, type MessageReader } from './reader.js';
import { decodeWrite } from './write.js';

export function decodeListenRequest(reader: MessageReader): api.ListenRequest {
  reader.oneof(['addTarget', 'removeTarget']);
  reader.stringMap('labels');
  const addTarget = reader.message('addTarget', decodeTarget);
  const removeTarget = reader.int32('removeTarget');
  return {
    database: requiredString(reader, 'database'),
    ...(addTarget ? { addTarget } : {}),
    ...(removeTarget !== undefined ? { removeTarget } : {}),
  };
}

function decodeTarget(reader: MessageReader): api.Target {
  reader.oneof(['query', 'documents']);
  reader.oneof(['resumeToken', 'readTime']);
  if (reader.has('pipelineQuery'))
    throw invalidArgument('Pipeline queries are not supported by this emulator.');
  const query = reader.message('query', (target) => {
    const structuredQuery = target.message('structuredQuery', decodeStructuredQuery);
    if (!structuredQuery)
      throw invalidArgument(`Missing required field '${target.fieldPath('structuredQuery')}'.`);
    return { parent: target.string('parent') ?? '', structuredQuery };
  });
  const documents = reader.message('documents', (target) => ({
    documents: target.strings('documents'),
  }));
  const targetId = reader.int32('targetId');
  const resumeToken = reader.bytes('resumeToken');
  const readTime = reader.timestamp('readTime');
  const once = reader.boolean('once');
  const expectedCount = reader.int32Value('expectedCount');
  return {
    ...(query ? { query } : {}),
    ...(documents ? { documents } : {}),
    ...(targetId !== undefined ? { targetId } : {}),
    ...(resumeToken?.length ? { resumeToken } : {}),
    ...(readTime ? { readTime } : {}),
    ...(once ? { once } : {}),
    ...(expectedCount !== undefined ? { expectedCount } : {}),
  };
}

export function decodeWriteRequest(reader: MessageReader): api.WriteRequest {
  reader.stringMap('labels');
  const streamId = reader.string('streamId');
  const streamToken = reader.bytes('streamToken');
  const writes = reader.messages('writes', decodeWrite);
  return {
    // Only the stream's first request names the database; the service checks that.
    database: reader.string('database') ?? '',
    ...(streamId ? { streamId } : {}),
    ...(writes.length > 0 ? { writes } : {}),
    ...(streamToken?.length ? { streamToken } : {}),
  };
}
