import { describe, expect, it } from 'vitest';
import { Code } from '../../model/errors.js';
import { createIndexLink, missingIndexError } from './indexLink.js';

const db = { projectId: 'demo-x', database: '(default)' };

describe('the link that creates a missing index', () => {
  it('carries the composite index as Admin API protobuf, with the trailing __name__', () => {
    const link = createIndexLink(db, {
      kind: 'composite',
      index: {
        collectionGroup: 'posts',
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'uid', order: 'ASCENDING' },
          { fieldPath: 'createdAt', order: 'DESCENDING' },
        ],
      },
    });
    const prefix =
      'https://console.firebase.google.com/v1/r/project/demo-x/firestore/indexes?create_composite=';
    expect(link.startsWith(prefix)).toBe(true);
    const bytes = Buffer.from(link.slice(prefix.length), 'base64url');
    const name = 'projects/demo-x/databases/(default)/collectionGroups/posts/indexes/_';
    expect(bytes.subarray(0, 2 + name.length).toString('latin1')).toBe(
      `\x0a${String.fromCharCode(name.length)}${name}`,
    );
    // query_scope COLLECTION, then uid ASC, createdAt DESC, __name__ DESC.
    expect([...bytes.subarray(2 + name.length)]).toEqual([
      0x10,
      1,
      0x1a,
      7,
      0x0a,
      3,
      ...Buffer.from('uid'),
      0x10,
      1,
      0x1a,
      13,
      0x0a,
      9,
      ...Buffer.from('createdAt'),
      0x10,
      2,
      0x1a,
      12,
      0x0a,
      8,
      ...Buffer.from('__name__'),
      0x10,
      2,
    ]);
  });

  it("points at a named database's indexes", () => {
    const link = createIndexLink(
      { projectId: 'p', database: 'other' },
      {
        kind: 'singleField',
        collectionGroup: 'todos',
        fieldPath: 'done',
        index: { order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' },
      },
    );
    expect(link).toMatch(
      /^https:\/\/console\.firebase\.google\.com\/v1\/r\/project\/p\/firestore\/databases\/other\/indexes\?create_exemption=[\w-]+$/,
    );
  });

  it('says what production says', () => {
    const composite = missingIndexError(db, {
      kind: 'composite',
      index: {
        collectionGroup: 'c',
        queryScope: 'COLLECTION',
        fields: [
          { fieldPath: 'a', order: 'ASCENDING' },
          { fieldPath: 'b', order: 'ASCENDING' },
        ],
      },
    });
    expect(composite.code).toBe(Code.FAILED_PRECONDITION);
    expect(composite.message).toMatch(
      /^The query requires an index\. You can create it here: https:\/\/console\.firebase\.google\.com\/v1\/r\/project\/demo-x\/firestore\/indexes\?create_composite=[\w-]+$/,
    );
    const single = missingIndexError(db, {
      kind: 'singleField',
      collectionGroup: 'todos',
      fieldPath: 'done',
      index: { order: 'ASCENDING', queryScope: 'COLLECTION_GROUP' },
    });
    expect(single.message).toMatch(
      /^The query requires a COLLECTION_GROUP_ASC index for collection todos and field done\. You can create it here: .*create_exemption=/,
    );
  });
});
