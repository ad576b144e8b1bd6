import { describe, expect, it } from 'vitest';
import { autoId, deleteFieldWrite, setFieldWrite } from './documentWrites';

const name = 'projects/p/databases/(default)/documents/a/b';

describe('field writes', () => {
  it('sets a nested field through its maps, masked to that field alone', () => {
    expect(setFieldWrite(name, ['address', 'post code'], { stringValue: 'X1' })).toEqual({
      update: {
        name,
        fields: { address: { mapValue: { fields: { 'post code': { stringValue: 'X1' } } } } },
      },
      updateMask: { fieldPaths: ['address.`post code`'] },
      currentDocument: { exists: true },
    });
  });

  it('deletes a field by naming it in the mask only', () => {
    expect(deleteFieldWrite(name, ['tags'])).toEqual({
      update: { name, fields: {} },
      updateMask: { fieldPaths: ['tags'] },
      currentDocument: { exists: true },
    });
  });
});

describe('autoId', () => {
  it('makes 20 characters from the SDK alphabet, different each time', () => {
    const ids = new Set(Array.from({ length: 200 }, autoId));
    expect(ids.size).toBe(200);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9]{20}$/);
  });
});
