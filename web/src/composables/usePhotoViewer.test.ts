import { describe, expect, it } from 'vitest';
import { flushPromises } from '@vue/test-utils';
import { effectScope, nextTick, shallowRef } from 'vue';
import type { Attachment } from '@/domain/entities';
import { FakeError, makeAttachment } from '@/testing/fakeServices';
import { usePhotoViewer } from './usePhotoViewer';

const ready = (id: string) =>
  makeAttachment({ id, name: `${id}.jpg`, status: 'ready', thumbPath: `${id}/thumb.webp` });

/** A viewer over `ids`, whose original URLs resolve when the test says so. */
function setUp(ids: string[]) {
  const photos = shallowRef<Attachment[]>(ids.map(ready));
  const asked: string[] = [];
  const answers = new Map<
    string,
    { resolve: (url: string) => void; reject: (error: Error) => void }
  >();
  const scope = effectScope();
  const viewer = scope.run(() =>
    usePhotoViewer(
      () => photos.value,
      (id) => {
        asked.push(id);
        return new Promise<string>((resolve, reject) => answers.set(id, { resolve, reject }));
      },
    ),
  )!;
  const answer = async (id: string, url = `https://files.test/${id}`) => {
    answers.get(id)?.resolve(url);
    await flushPromises();
  };
  return { photos, asked, answers, answer, viewer };
}

describe('usePhotoViewer', () => {
  it('shows the opened photo with its place, once its URL comes', async () => {
    const { viewer, answer } = setUp(['a', 'b', 'c']);
    expect(viewer.current.value).toBeNull();
    viewer.open('b');
    expect(viewer.current.value).toMatchObject({ id: 'b', name: 'b.jpg', position: 2, count: 3 });
    expect(viewer.current.value?.url).toBeNull();
    await answer('b');
    expect(viewer.current.value?.url).toBe('https://files.test/b');
  });

  it('wraps around at both ends', () => {
    const { viewer } = setUp(['a', 'b', 'c']);
    viewer.open('c');
    viewer.step(1);
    expect(viewer.current.value?.id).toBe('a');
    viewer.step(-1);
    expect(viewer.current.value?.id).toBe('c');
    viewer.step(-1);
    expect(viewer.current.value?.id).toBe('b');
  });

  it('asks for each original once, and a late answer lands on its own photo', async () => {
    const { viewer, asked, answer } = setUp(['a', 'b']);
    viewer.open('a');
    viewer.step(1);
    await answer('a');
    expect(viewer.current.value).toMatchObject({ id: 'b', url: null });
    viewer.step(1);
    expect(viewer.current.value).toMatchObject({ id: 'a', url: 'https://files.test/a' });
    viewer.step(1);
    expect(asked).toEqual(['a', 'b']);
  });

  it('tells why an original cannot be had, and asks again on the next visit', async () => {
    const { viewer, asked, answers } = setUp(['a', 'b']);
    viewer.open('a');
    answers.get('a')?.reject(new FakeError('not-found'));
    await flushPromises();
    expect(viewer.current.value?.error).toBe('That item no longer exists.');
    viewer.step(1);
    viewer.step(1);
    expect(viewer.current.value).toMatchObject({ id: 'a', error: null, url: null });
    expect(asked).toEqual(['a', 'b', 'a']);
  });

  it('counts the photos as they change, keeping the one on show', async () => {
    const { viewer, photos } = setUp(['a', 'b']);
    viewer.open('b');
    photos.value = [ready('a'), ready('b'), ready('c')];
    await nextTick();
    expect(viewer.current.value).toMatchObject({ id: 'b', position: 2, count: 3 });
    photos.value = [ready('b'), ready('c')];
    await nextTick();
    expect(viewer.current.value).toMatchObject({ id: 'b', position: 1, count: 2 });
    viewer.step(1);
    expect(viewer.current.value?.id).toBe('c');
  });

  it('shows the photo that takes the place of one deleted, and closes when none is left', async () => {
    const { viewer, photos } = setUp(['a', 'b', 'c']);
    viewer.open('c');
    photos.value = [ready('a'), ready('b')];
    await nextTick();
    expect(viewer.current.value).toMatchObject({ id: 'b', position: 2, count: 2 });
    photos.value = [];
    await nextTick();
    expect(viewer.current.value).toBeNull();
    photos.value = [ready('d')];
    await nextTick();
    expect(viewer.current.value).toBeNull();
  });

  it('opens nothing for a photo that is not among them, and closes on request', () => {
    const { viewer } = setUp(['a']);
    viewer.open('zzz');
    expect(viewer.current.value).toBeNull();
    viewer.open('a');
    viewer.close();
    expect(viewer.current.value).toBeNull();
    viewer.step(1);
    expect(viewer.current.value).toBeNull();
  });
});
