import { describe, expect, it } from 'vitest';
import { fieldsFrom, type Fields } from '../model/value.js';
import { toDocumentEvent } from './documentChange.js';
import type { StoredDocument } from './sources.js';

const NAME = 'projects/demo-p/databases/(default)/documents/lists/l1/todos/t1';

function doc(fields: Fields, updateSeconds = 2): StoredDocument {
  return {
    name: NAME,
    fields,
    createTime: { seconds: 1, nanos: 0 },
    updateTime: { seconds: updateSeconds, nanos: 0 },
  };
}

describe('document changes as trigger events', () => {
  it('splits the resource name into project, database and path', () => {
    const event = toDocumentEvent({ name: NAME, before: null, after: doc({}) });
    expect(event).toMatchObject({
      project: 'demo-p',
      database: '(default)',
      path: 'lists/l1/todos/t1',
    });
  });

  it('classifies creations, updates and deletions', () => {
    expect(
      toDocumentEvent({ name: NAME, before: null, after: doc({ a: { booleanValue: true } }) })
        ?.operation,
    ).toBe('created');
    expect(
      toDocumentEvent({
        name: NAME,
        before: doc({ a: { booleanValue: true } }),
        after: doc({ a: { booleanValue: false } }),
      })?.operation,
    ).toBe('updated');
    expect(toDocumentEvent({ name: NAME, before: doc({}), after: null })?.operation).toBe(
      'deleted',
    );
  });

  it('is no event when nothing existed before or after', () => {
    expect(toDocumentEvent({ name: NAME, before: null, after: null })).toBeNull();
  });

  it('is no event when an update leaves the data unchanged, whatever the update time', () => {
    const fields: Fields = {
      n: { doubleValue: NaN },
      m: { mapValue: { fields: { b: { bytesValue: new Uint8Array([1]) } } } },
      t: { timestampValue: { seconds: 5, nanos: 6 } },
    };
    const same: Fields = {
      t: { timestampValue: { seconds: 5, nanos: 6 } },
      m: { mapValue: { fields: { b: { bytesValue: new Uint8Array([1]) } } } },
      n: { doubleValue: NaN },
    };
    expect(toDocumentEvent({ name: NAME, before: doc(fields, 2), after: doc(same, 3) })).toBeNull();
  });

  it('lists the changed leaf field paths of an update, quoting where needed', () => {
    const event = toDocumentEvent({
      name: NAME,
      before: doc({
        title: { stringValue: 'a' },
        counts: {
          mapValue: { fields: { open: { integerValue: 1n }, done: { integerValue: 0n } } },
        },
        gone: { nullValue: null },
        same: { integerValue: 1n },
      }),
      after: doc({
        title: { stringValue: 'b' },
        counts: {
          mapValue: { fields: { open: { integerValue: 0n }, done: { integerValue: 0n } } },
        },
        'new-field': { integerValue: 1n },
        same: { integerValue: 1n },
      }),
    });
    expect(event?.updatedPaths).toEqual(['counts.open', 'gone', '`new-field`', 'title']);
  });

  it('counts a change of type as a change, even between equal numbers', () => {
    const event = toDocumentEvent({
      name: NAME,
      before: doc({ n: { integerValue: 1n } }),
      after: doc({ n: { doubleValue: 1 } }),
    });
    expect(event?.updatedPaths).toEqual(['n']);
  });

  it('ignores names that are not document resource names', () => {
    expect(toDocumentEvent({ name: 'lists/l1', before: null, after: doc({}) })).toBeNull();
  });

  it('reads built-in names as fields: an added toString, a removed constructor, a changed __proto__', () => {
    const before = fieldsFrom([
      ['constructor', { integerValue: 1n }],
      ['__proto__', { integerValue: 1n }],
      ['m', { mapValue: { fields: fieldsFrom([['valueOf', { integerValue: 1n }]]) } }],
    ]);
    const after = fieldsFrom([
      ['toString', { integerValue: 1n }],
      ['__proto__', { integerValue: 2n }],
      ['m', { mapValue: { fields: fieldsFrom([['hasOwnProperty', { integerValue: 1n }]]) } }],
    ]);
    const event = toDocumentEvent({ name: NAME, before: doc(before), after: doc(after, 3) });
    expect(event?.updatedPaths).toEqual([
      '__proto__',
      'constructor',
      'm.hasOwnProperty',
      'm.valueOf',
      'toString',
    ]);
  });
});
