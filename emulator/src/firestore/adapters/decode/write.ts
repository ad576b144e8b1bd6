/** Write, with its field transforms. */
import type { FieldTransform } from '../../documents/transform.js';
import type { Write } from '../../api/messages.js';
import type { MessageReader } from './reader.js';
import { decodeDocument, decodeDocumentMask, decodePrecondition } from './document.js';
import { decodeValue } from './value.js';

/** `verify` is the web SDK's precondition-only write for documents a transaction read but did not write. */
export function decodeWrite(reader: MessageReader): Write {
  reader.oneof(['update', 'delete', 'verify', 'transform']);
  const update = reader.message('update', decodeDocument);
  const deleted = reader.string('delete');
  const verify = reader.string('verify');
  const transform = reader.message('transform', (documentTransform) => ({
    document: documentTransform.string('document') ?? '',
    fieldTransforms: documentTransform.messages('fieldTransforms', decodeFieldTransform),
  }));
  const updateMask = reader.message('updateMask', decodeDocumentMask);
  const updateTransforms = reader.messages('updateTransforms', decodeFieldTransform);
  const currentDocument = reader.message('currentDocument', decodePrecondition);
  return {
    ...(update ? { update } : {}),
    ...(deleted !== undefined ? { delete: deleted } : {}),
    ...(verify !== undefined ? { verify } : {}),
    ...(transform ? { transform } : {}),
    ...(updateMask ? { updateMask: updateMask.fieldPaths } : {}),
    ...(updateTransforms.length > 0 ? { updateTransforms } : {}),
    ...(currentDocument ? { currentDocument } : {}),
  };
}

const SERVER_VALUES = { SERVER_VALUE_UNSPECIFIED: 0, REQUEST_TIME: 1 } as const;

const TRANSFORM_KINDS = [
  'setToServerValue',
  'increment',
  'maximum',
  'minimum',
  'appendMissingElements',
  'removeAllFromArray',
];

function decodeFieldTransform(reader: MessageReader): FieldTransform {
  reader.oneof(TRANSFORM_KINDS);
  const fieldPath = reader.string('fieldPath') ?? '';
  const setToServerValue = reader.enumValue('setToServerValue', SERVER_VALUES);
  const number = (name: string) => reader.message(name, decodeValue);
  const elements = (name: string) =>
    reader.message(name, (array) => array.messages('values', decodeValue));
  const increment = number('increment');
  const maximum = number('maximum');
  const minimum = number('minimum');
  const appendMissingElements = elements('appendMissingElements');
  const removeAllFromArray = elements('removeAllFromArray');
  return {
    fieldPath,
    // An unspecified server value is passed on so the transform layer rejects it by name.
    ...(setToServerValue !== undefined
      ? { setToServerValue: setToServerValue as 'REQUEST_TIME' }
      : {}),
    ...(increment ? { increment } : {}),
    ...(maximum ? { maximum } : {}),
    ...(minimum ? { minimum } : {}),
    ...(appendMissingElements ? { appendMissingElements } : {}),
    ...(removeAllFromArray ? { removeAllFromArray } : {}),
  };
}
