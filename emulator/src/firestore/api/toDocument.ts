/** StoredDocument → the API's Document (optionally masked). */
import { projectFields, type StoredDocument } from '../documents/document.js';
import { parseFieldPath } from '../../model/fieldPath.js';
import type { Document, DocumentMask } from './messages.js';

export function toDocument(doc: StoredDocument, mask?: DocumentMask): Document {
  const fields = mask ? projectFields(doc.fields, mask.fieldPaths.map(parseFieldPath)) : doc.fields;
  return { name: doc.name, fields, createTime: doc.createTime, updateTime: doc.updateTime };
}
