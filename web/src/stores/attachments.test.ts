import { beforeEach, describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { LIMITS } from '@model';
import { FakeError, makeAttachment, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList } from '@/testing/alice';
import { jpegFile, textFile } from '@/testing/files';
import { useTestPinia } from '@/testing/testApp';
import { useAttachmentsStore } from './attachments';
import { useAuthStore } from './auth';
import { useNoticesStore } from './notices';

let services: FakeServices;

const photo = (name = 'cat.jpg', size = 2048) => jpegFile(name, size);

beforeEach(() => {
  services = aliceWith();
  useTestPinia(services);
  useAuthStore();
});

async function openTodo() {
  const store = useAttachmentsStore();
  store.showTodo('list-1', 'todo-1');
  await flushPromises();
  return store;
}

describe('attachments store', () => {
  it('creates the processing document, then uploads with progress, then lets it go', async () => {
    const store = await openTodo();
    await store.attach([photo()]);
    expect(store.problems).toEqual([]);
    await flushPromises();
    const [upload] = services.attachments.uploads;
    expect(upload?.file).toMatchObject({ name: 'cat.jpg', contentType: 'image/jpeg', size: 2048 });
    expect(services.attachments.collection('list-1', 'todo-1').items[0]).toMatchObject({
      id: upload?.attachmentId,
      status: 'processing',
      createdBy: 'alice',
    });
    // While this tab uploads, the document shows as an upload, not as a second entry.
    expect(store.attachments).toEqual([]);
    upload?.progress(0.5);
    expect(store.uploads).toEqual([{ id: upload?.attachmentId, name: 'cat.jpg', progress: 0.5 }]);
    upload?.finish();
    await flushPromises();
    expect(store.uploads).toEqual([]);
    expect(store.attachments.map((attachment) => attachment.status)).toEqual(['processing']);
  });

  it('refuses files the browser can tell are wrong, with a sentence each', async () => {
    const store = await openTodo();
    await store.attach([
      textFile('notes.txt'),
      textFile('holiday.jpg', 'image/jpeg'),
      photo('huge.jpg', LIMITS.attachmentBytes + 1),
    ]);
    expect(store.problems).toEqual([
      '“notes.txt” is not a photo Hearth can show (JPEG, PNG, WebP, AVIF or GIF).',
      '“holiday.jpg” is not a photo Hearth can show (JPEG, PNG, WebP, AVIF or GIF).',
      '“huge.jpg” is 10.0 MB; a photo may be at most 10.0 MB.',
    ]);
    await flushPromises();
    expect(services.attachments.uploads).toEqual([]);
  });

  it('uploads a photo as what its bytes say it is, whatever its name says', async () => {
    const store = await openTodo();
    await store.attach([jpegFile('scan.png', 100, 'image/png')]);
    await flushPromises();
    expect(services.attachments.uploads[0]?.file).toMatchObject({ contentType: 'image/jpeg' });
  });

  it('says why the upload trigger refused a photo and clears its card away', async () => {
    services.lists.lists.set([alicesList('list-1')]);
    const live = services.attachments.collection('list-1', 'todo-1');
    const store = await openTodo();
    live.set([
      makeAttachment({ id: 'r', name: 'broken.jpg', status: 'rejected', error: 'It is damaged.' }),
    ]);
    await flushPromises();
    expect(store.problems).toEqual(['“broken.jpg” was not added: It is damaged.']);
    expect(store.attachments).toEqual([]);
    expect(services.attachments.deleted).toEqual(['r']);
  });

  it('keeps a to-do to ten photos', async () => {
    services.attachments
      .collection('list-1', 'todo-1')
      .set(Array.from({ length: 9 }, (_, index) => makeAttachment({ id: `a${index}` })));
    const store = await openTodo();
    await store.attach([photo('one.jpg'), photo('two.jpg')]);
    expect(store.problems).toEqual(['“two.jpg” was not added: a to-do holds at most 10 photos.']);
    await flushPromises();
    expect(services.attachments.uploads.map((upload) => upload.file.name)).toEqual(['one.jpg']);
  });

  it('cancelling stops the upload and deletes the document', async () => {
    const store = await openTodo();
    await store.attach([photo()]);
    await flushPromises();
    const [upload] = services.attachments.uploads;
    store.cancelUpload(upload!.attachmentId);
    await flushPromises();
    expect(upload?.cancelled).toBe(true);
    expect(services.attachments.deleted).toEqual([upload?.attachmentId]);
    expect(store.uploads).toEqual([]);
    expect(useNoticesStore().notices).toEqual([]);
  });

  it('a failed upload is reported and its document removed', async () => {
    const store = await openTodo();
    await store.attach([photo()]);
    await flushPromises();
    const [upload] = services.attachments.uploads;
    upload?.fail(new FakeError('permission-denied'));
    await flushPromises();
    expect(services.attachments.deleted).toEqual([upload?.attachmentId]);
    expect(useNoticesStore().notices.map((notice) => notice.text)).toEqual([
      'You don’t have permission to do that.',
    ]);
  });

  it('fetches the thumbnail of a ready photo once, and deletes by document', async () => {
    const live = services.attachments.collection('list-1', 'todo-1');
    live.set([makeAttachment({ id: 'p' })]);
    const store = await openTodo();
    expect(store.thumbUrls).toEqual({});
    live.set([
      makeAttachment({ id: 'p', status: 'ready', thumbPath: 'lists/l/todos/t/p/thumb.webp' }),
    ]);
    await flushPromises();
    expect(store.thumbUrls).toEqual({ p: 'https://files.test/lists/l/todos/t/p/thumb.webp' });
    expect(await store.originalUrl('p')).toBe(
      'https://files.test/lists/list-1/todos/todo-1/p/original',
    );
    store.remove('p');
    expect(store.attachments).toEqual([]);
  });

  it('watches the photos again once the server has a list created a moment ago', async () => {
    services.lists.lists.set([alicesList('list-1', { pending: true })]);
    const store = await openTodo();
    const photos = services.attachments.collection('list-1', 'todo-1');
    photos.fail(new FakeError('permission-denied'));
    await flushPromises();
    expect(store.error).toBeNull();

    services.lists.lists.set([alicesList('list-1', { pending: false })]);
    photos.set([makeAttachment({ id: 'a1' })]);
    await flushPromises();
    expect(store.error).toBeNull();
    expect(store.attachments.map((a) => a.id)).toEqual(['a1']);
    expect(photos.watcherCount).toBe(1);
  });
});
