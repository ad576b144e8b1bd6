/** Document (as clients send it), DocumentMask, Precondition, TransactionOptions and the read consistency selector. */
import type { Fields } from '../../../model/value.js';
import type {
  DocumentMask,
  Precondition,
  ReadConsistency,
  TransactionOptions,
} from '../../api/messages.js';
import type { MessageReader } from './reader.js';
import { decodeFields } from './value.js';

/** A document as clients send it: name (possibly empty for creates) and fields; times are ignored. */
export function decodeDocument(reader: MessageReader): { name: string; fields: Fields } {
  reader.timestamp('createTime');
  reader.timestamp('updateTime');
  return { name: reader.string('name') ?? '', fields: decodeFields(reader) };
}

export function decodeDocumentMask(reader: MessageReader): DocumentMask {
  return { fieldPaths: reader.strings('fieldPaths') };
}

export function decodePrecondition(reader: MessageReader): Precondition {
  reader.oneof(['exists', 'updateTime']);
  const exists = reader.boolean('exists');
  const updateTime = reader.timestamp('updateTime');
  return { ...(exists === undefined ? {} : { exists }), ...(updateTime ? { updateTime } : {}) };
}

export function decodeTransactionOptions(reader: MessageReader): TransactionOptions {
  reader.oneof(['readOnly', 'readWrite']);
  const readOnly = reader.message('readOnly', (options) => {
    const readTime = options.timestamp('readTime');
    return readTime ? { readTime } : {};
  });
  const readWrite = reader.message('readWrite', (options) => {
    const retryTransaction = options.bytes('retryTransaction');
    return retryTransaction?.length ? { retryTransaction } : {};
  });
  return { ...(readOnly ? { readOnly } : {}), ...(readWrite ? { readWrite } : {}) };
}

/** The `consistency_selector` oneof; `allowNew` is false for requests without `new_transaction`. */
export function decodeConsistency(reader: MessageReader, allowNew = true): ReadConsistency {
  const names = allowNew
    ? ['transaction', 'newTransaction', 'readTime']
    : ['transaction', 'readTime'];
  reader.oneof(names);
  const transaction = reader.bytes('transaction');
  const newTransaction = allowNew
    ? reader.message('newTransaction', decodeTransactionOptions)
    : undefined;
  const readTime = reader.timestamp('readTime');
  return {
    // proto3: empty bytes are the default, i.e. not set.
    ...(transaction?.length ? { transaction } : {}),
    ...(newTransaction ? { newTransaction } : {}),
    ...(readTime ? { readTime } : {}),
  };
}
