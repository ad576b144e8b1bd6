import { describe, expect, it } from 'vitest';
import { applyPatch, etagOf, parseMetadataPatch, type StoredObject } from './object.js';
import { toFirebaseResource, toGcsResource, toRulesResource } from './views.js';

const object: StoredObject = {
  bucket: 'demo.appspot.com',
  name: 'a/b c.txt',
  generation: '1700000000000001',
  metageneration: 1,
  size: 3,
  md5Hash: 'md5',
  crc32c: 'crc',
  contentType: 'text/plain',
  metadata: { firebaseStorageDownloadTokens: 't1,t2', owner: 'alice' },
  timeCreated: '2026-01-02T03:04:05.678Z',
  updated: '2026-01-02T03:04:05.678Z',
  storageClass: 'STANDARD',
  blob: 'blob-id',
};

describe('views', () => {
  it('etags encode generation and metageneration as GCS does', () => {
    expect(etagOf({ generation: '1', metageneration: 1 })).toBe('CAEQAQ==');
    expect(etagOf(object)).not.toBe(etagOf({ ...object, metageneration: 2 }));
  });
  it('the GCS resource has string numbers, links and the custom metadata with tokens', () => {
    expect(toGcsResource(object, 'http://127.0.0.1:9199')).toMatchObject({
      kind: 'storage#object',
      id: 'demo.appspot.com/a/b c.txt/1700000000000001',
      selfLink: 'http://127.0.0.1:9199/storage/v1/b/demo.appspot.com/o/a%2Fb%20c.txt',
      size: '3',
      metageneration: '1',
      metadata: { firebaseStorageDownloadTokens: 't1,t2', owner: 'alice' },
    });
  });
  it('the Firebase resource lifts the tokens out of the custom metadata', () => {
    const resource = toFirebaseResource(object);
    expect(resource.downloadTokens).toBe('t1,t2');
    expect(resource.metadata).toEqual({ owner: 'alice' });
    expect(resource.contentEncoding).toBe('identity');
  });
  it('rules see ints, timestamps, and the custom metadata without download tokens', () => {
    const resource = toRulesResource(object);
    expect(resource.size).toEqual({ integerValue: 3n });
    expect(resource.timeCreated).toEqual({
      timestampValue: { seconds: 1767323045, nanos: 678_000_000 },
    });
    expect(resource.metadata).toEqual({
      mapValue: { fields: { owner: { stringValue: 'alice' } } },
    });
  });
});

describe('metadata patches', () => {
  it('null clears a field or a key; other keys merge', () => {
    const patched = applyPatch(
      object,
      parseMetadataPatch({ contentType: null, metadata: { owner: null, x: 1 } }),
    );
    expect(patched.contentType).toBe('application/octet-stream');
    expect(patched.metadata).toEqual({ firebaseStorageDownloadTokens: 't1,t2', x: '1' });
  });
  it('rejects values of the wrong type', () => {
    expect(() => parseMetadataPatch({ contentType: 5 })).toThrow(/contentType/);
    expect(() => parseMetadataPatch({ metadata: { a: {} } })).toThrow(/metadata\.a/);
    expect(() => parseMetadataPatch([])).toThrow(/JSON object/);
    expect(() => parseMetadataPatch({ contentDisposition: 'a\nb' })).toThrow(/HTTP header/);
    expect(() => parseMetadataPatch({ contentType: 'text/plain\u2028' })).toThrow(/HTTP header/);
  });
});
