import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { makeAttachment, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList } from '@/testing/alice';
import { jpegFile, textFile } from '@/testing/files';
import { mountOnPage, useTestPinia } from '@/testing/testApp';
import { useAuthStore } from '@/stores/auth';
import TodoAttachments from './TodoAttachments.vue';

let services: FakeServices;

beforeEach(() => {
  services = aliceWith(alicesList('list-1'));
});

enableAutoUnmount(afterEach);

async function show(canEdit: boolean) {
  const pinia = useTestPinia(services);
  useAuthStore();
  return mountOnPage(TodoAttachments, pinia, services, {
    listId: 'list-1',
    todoId: 'todo-1',
    canEdit,
  });
}

function pick(w: VueWrapper, files: File[]) {
  const input = w.get('input[type=file]');
  Object.defineProperty(input.element, 'files', { value: files, configurable: true });
  return input.trigger('change');
}

describe('TodoAttachments', () => {
  it('says when there are no photos yet, and offers a labelled picker to writers', async () => {
    const w = await show(true);
    expect(w.text()).toContain('No photos yet.');
    expect(w.get('label[for=attachment-picker]').text()).toBe('Add photos');
    expect(w.get('input[type=file]').attributes('accept')).toBe(
      'image/jpeg,image/png,image/webp,image/avif,image/gif',
    );
  });

  it('shows a labelled progress bar with Cancel while a picked photo uploads', async () => {
    const w = await show(true);
    await pick(w, [jpegFile('cat.jpg')]);
    await flushPromises();
    services.attachments.uploads[0]?.progress(0.25);
    await flushPromises();
    const bar = w.get('progress');
    expect(bar.attributes('aria-valuetext')).toBe('25%');
    expect(w.get(`label[for=${bar.attributes('id')}]`).text()).toBe('Uploading cat.jpg');
    await w.get('button[aria-label="Cancel uploading cat.jpg"]').trigger('click');
    await flushPromises();
    expect(w.find('progress').exists()).toBe(false);
    expect(services.attachments.deleted).toHaveLength(1);
  });

  it('explains a refused file in an alert, a text file called .jpg too', async () => {
    const w = await show(true);
    await pick(w, [textFile('notes.txt'), textFile('notes.jpg', 'image/jpeg')]);
    await flushPromises();
    const alert = w.get('[role=alert]').text();
    expect(alert).toContain('“notes.txt” is not a photo');
    expect(alert).toContain('“notes.jpg” is not a photo');
    expect(services.attachments.uploads).toEqual([]);
  });

  it('attaches dropped files', async () => {
    const w = await show(true);
    const drop = new Event('drop', { bubbles: true, cancelable: true });
    Object.defineProperty(drop, 'dataTransfer', { value: { files: [jpegFile('dropped.jpg')] } });
    w.get('.attachments__drop').element.dispatchEvent(drop);
    await flushPromises();
    expect(services.attachments.uploads.map((upload) => upload.file.name)).toEqual(['dropped.jpg']);
  });

  it('attaches a pasted image, and leaves text pastes alone', async () => {
    await show(true);
    const paste = (files: File[]) => {
      const event = new Event('paste', { bubbles: true, cancelable: true });
      Object.defineProperty(event, 'clipboardData', { value: { files } });
      document.body.dispatchEvent(event);
      return event;
    };
    expect(paste([]).defaultPrevented).toBe(false);
    expect(paste([jpegFile('pasted.jpg')]).defaultPrevented).toBe(true);
    await flushPromises();
    expect(services.attachments.uploads.map((upload) => upload.file.name)).toEqual(['pasted.jpg']);
  });

  it('shows each status: spinner, thumbnail with figures; a refusal as a reason, not a card', async () => {
    services.attachments.collection('list-1', 'todo-1').set([
      makeAttachment({ id: 'a', name: 'wait.jpg', createdAt: new Date(1) }),
      makeAttachment({
        id: 'b',
        name: 'beach.jpg',
        status: 'ready',
        size: 250_000,
        width: 1200,
        height: 800,
        thumbPath: 'lists/list-1/todos/todo-1/b/thumb.webp',
        createdAt: new Date(2),
      }),
      makeAttachment({
        id: 'c',
        name: 'fake.jpg',
        status: 'rejected',
        error: 'This file is not an image.',
        createdAt: new Date(3),
      }),
    ]);
    const w = await show(true);
    expect(w.get('[data-status=processing]').text()).toContain('Processing wait.jpg…');
    const ready = w.get('[data-status=ready]');
    expect(ready.get('img').attributes('src')).toBe(
      'https://files.test/lists/list-1/todos/todo-1/b/thumb.webp',
    );
    expect(ready.text()).toContain('244 KB · 1200 × 800');
    expect(w.find('[data-status=rejected]').exists()).toBe(false);
    expect(w.get('[role=alert]').text()).toBe(
      '“fake.jpg” was not added: This file is not an image.',
    );
  });

  it('opens the original in a dialog and deletes by document', async () => {
    services.attachments
      .collection('list-1', 'todo-1')
      .set([
        makeAttachment({ id: 'b', name: 'beach.jpg', status: 'ready', thumbPath: 'x/thumb.webp' }),
      ]);
    const w = await show(true);
    await w.get('button[aria-label="Open beach.jpg"]').trigger('click');
    await flushPromises();
    const viewer = w.get('dialog');
    expect(viewer.get('img').attributes('src')).toBe(
      'https://files.test/lists/list-1/todos/todo-1/b/original',
    );
    expect(viewer.get('img').attributes('alt')).toBe('beach.jpg');
    await viewer.get('.viewer__close').trigger('click');
    expect(w.find('dialog').exists()).toBe(false);
    await w.get('button[aria-label="Delete beach.jpg"]').trigger('click');
    expect(services.attachments.deleted).toEqual(['b']);
    expect(w.text()).toContain('No photos yet.');
  });

  it('steps the viewer through the ready photos only, and hands focus back to the last one shown', async () => {
    services.attachments.collection('list-1', 'todo-1').set([
      makeAttachment({
        id: 'a',
        name: 'a.jpg',
        status: 'ready',
        thumbPath: 'a/t',
        createdAt: new Date(1),
      }),
      makeAttachment({ id: 'p', name: 'wait.jpg', createdAt: new Date(2) }),
      makeAttachment({ id: 'r', name: 'fake.jpg', status: 'rejected', createdAt: new Date(3) }),
      makeAttachment({
        id: 'b',
        name: 'b.jpg',
        status: 'ready',
        thumbPath: 'b/t',
        createdAt: new Date(4),
      }),
    ]);
    const w = await show(true);
    await w.get('button[aria-label="Open a.jpg"]').trigger('click');
    await flushPromises();
    expect(w.get('dialog .viewer__position').text()).toBe('a.jpg, 1 of 2');
    await w.get('button[aria-label="Next photo"]').trigger('click');
    await flushPromises();
    expect(w.get('dialog h2').text()).toBe('b.jpg');
    expect(w.get('dialog img').attributes('src')).toBe(
      'https://files.test/lists/list-1/todos/todo-1/b/original',
    );
    await w.get('button[aria-label="Next photo"]').trigger('click');
    expect(w.get('dialog .viewer__position').text()).toBe('a.jpg, 1 of 2');
    await w.get('button[aria-label="Previous photo"]').trigger('click');
    await w.get('.viewer__close').trigger('click');
    await flushPromises();
    expect(w.find('dialog').exists()).toBe(false);
    expect(document.activeElement?.getAttribute('aria-label')).toBe('Open b.jpg');
  });

  it('is read-only for viewers', async () => {
    services.attachments
      .collection('list-1', 'todo-1')
      .set([makeAttachment({ id: 'b', name: 'beach.jpg', status: 'ready', thumbPath: 'x' })]);
    const w = await show(false);
    expect(w.find('input[type=file]').exists()).toBe(false);
    expect(w.find('button[aria-label="Delete beach.jpg"]').exists()).toBe(false);
    expect(w.find('button[aria-label="Open beach.jpg"]').exists()).toBe(true);
  });
});
