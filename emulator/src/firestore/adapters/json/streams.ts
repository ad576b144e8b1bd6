/** The Listen and Write streams' messages in proto3 JSON, as WebChannel carries them. */
import { invalidArgument } from '../../../model/errors.js';
import type * as T from '../../api/messages.js';
import { decodeStructuredQuery } from './query.js';
import { MessageReader } from './reader.js';
import { parseString } from './scalars.js';
import { encodeStatus } from './status.js';
import { decodeWrite, encodeWriteResult } from './write.js';
import { encodeDocument, formatBytes, formatTimestamp } from '../../../model/json.js';

export function decodeListenRequest(json: unknown): T.ListenRequest {
  return MessageReader.read(json, '', (reader) => {
    reader.oneof(['addTarget', 'removeTarget']);
    reader.map('labels', parseString);
    const addTarget = reader.message('addTarget', decodeTarget);
    const removeTarget = reader.int32('removeTarget');
    return {
      database: reader.requiredString('database'),
      ...(addTarget ? { addTarget } : {}),
      ...(removeTarget !== undefined ? { removeTarget } : {}),
    };
  });
}

function decodeTarget(reader: MessageReader): T.Target {
  reader.oneof(['query', 'documents']);
  reader.oneof(['resumeToken', 'readTime']);
  if (reader.raw('pipelineQuery') !== undefined)
    throw invalidArgument('Pipeline queries are not supported by this emulator.');
  const query = reader.message('query', (target) => {
    const structuredQuery = target.message('structuredQuery', decodeStructuredQuery);
    if (!structuredQuery)
      throw invalidArgument(`Missing required field '${target.fieldPath('structuredQuery')}'.`);
    return { parent: target.string('parent') ?? '', structuredQuery };
  });
  const documents = reader.message('documents', (target) => ({
    documents: target.repeated('documents', parseString),
  }));
  const targetId = reader.int32('targetId');
  const resumeToken = reader.bytes('resumeToken');
  const readTime = reader.timestamp('readTime');
  const once = reader.boolean('once');
  const expectedCount = reader.int32('expectedCount'); // an Int32Value wrapper: the bare number in JSON
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

export function encodeListenResponse(response: T.ListenResponse): Record<string, unknown> {
  if (response.targetChange) {
    const change = response.targetChange;
    return {
      targetChange: {
        ...(change.targetChangeType !== 'NO_CHANGE'
          ? { targetChangeType: change.targetChangeType }
          : {}),
        ...(change.targetIds.length > 0 ? { targetIds: change.targetIds } : {}),
        ...(change.cause ? { cause: encodeStatus(change.cause) } : {}),
        ...(change.resumeToken?.length ? { resumeToken: formatBytes(change.resumeToken) } : {}),
        ...(change.readTime ? { readTime: formatTimestamp(change.readTime) } : {}),
      },
    };
  }
  if (response.documentChange) {
    const change = response.documentChange;
    return {
      documentChange: {
        document: encodeDocument(change.document),
        ...(change.targetIds.length > 0 ? { targetIds: change.targetIds } : {}),
        ...(change.removedTargetIds.length > 0
          ? { removedTargetIds: change.removedTargetIds }
          : {}),
      },
    };
  }
  if (response.filter) return { filter: { ...response.filter } };
  const gone = response.documentDelete ?? response.documentRemove;
  if (!gone) throw new Error('A listen response sets no response type.');
  return {
    [response.documentDelete ? 'documentDelete' : 'documentRemove']: {
      document: gone.document,
      ...(gone.removedTargetIds.length > 0 ? { removedTargetIds: gone.removedTargetIds } : {}),
      readTime: formatTimestamp(gone.readTime),
    },
  };
}

export function decodeWriteRequest(json: unknown): T.WriteRequest {
  return MessageReader.read(json, '', (reader) => {
    reader.map('labels', parseString);
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
  });
}

export function encodeWriteResponse(response: T.WriteResponse): Record<string, unknown> {
  return {
    streamId: response.streamId,
    streamToken: formatBytes(response.streamToken),
    ...(response.writeResults.length > 0
      ? { writeResults: response.writeResults.map(encodeWriteResult) }
      : {}),
    ...(response.commitTime ? { commitTime: formatTimestamp(response.commitTime) } : {}),
  };
}
