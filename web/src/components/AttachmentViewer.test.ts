import { afterEach, describe, expect, it } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import type { ViewedPhoto } from '@/composables/usePhotoViewer';
import AttachmentViewer from './AttachmentViewer.vue';

let wrapper: VueWrapper | null = null;

afterEach(() => {
  wrapper?.unmount();
  wrapper = null;
});

function photo(overrides: Partial<ViewedPhoto> = {}): ViewedPhoto {
  return {
    id: 'b',
    name: 'beach.jpg',
    position: 2,
    count: 3,
    url: 'https://files.test/b/original',
    error: null,
    ...overrides,
  };
}

function show(viewed: ViewedPhoto) {
  wrapper = mount(AttachmentViewer, { props: { photo: viewed }, attachTo: document.body });
  return wrapper;
}

function press(w: VueWrapper, key: string, modifiers: KeyboardEventInit = {}) {
  const event = new KeyboardEvent('keydown', {
    key,
    bubbles: true,
    cancelable: true,
    ...modifiers,
  });
  w.get('dialog').element.dispatchEvent(event);
  return event;
}

describe('AttachmentViewer', () => {
  it('shows the original, named, with its place among the photos', () => {
    const w = show(photo());
    expect(w.get('h2').text()).toBe('beach.jpg');
    expect(w.get('img').attributes()).toMatchObject({
      src: 'https://files.test/b/original',
      alt: 'beach.jpg',
    });
    const position = w.get('.viewer__position');
    expect(position.text()).toBe('beach.jpg, 2 of 3');
    expect(position.get('.visually-hidden').text()).toBe('beach.jpg,');
    expect(position.attributes('aria-live')).toBe('polite');
  });

  it('steps with Previous and Next, which keep focus', async () => {
    const w = show(photo());
    const previous = w.get('button[aria-label="Previous photo"]');
    const next = w.get('button[aria-label="Next photo"]');
    expect(previous.attributes('aria-keyshortcuts')).toBe('ArrowLeft');
    expect(next.attributes('aria-keyshortcuts')).toBe('ArrowRight');
    (next.element as HTMLButtonElement).focus();
    await next.trigger('click');
    await previous.trigger('click');
    expect(w.emitted()).toMatchObject({ next: [[]], previous: [[]] });
    await w.setProps({ photo: photo({ id: 'c', name: 'cliff.jpg', position: 3 }) });
    expect(document.activeElement).toBe(next.element);
    expect(w.get('.viewer__position').text()).toBe('cliff.jpg, 3 of 3');
  });

  it('steps with the arrow keys, leaving modified arrows to the browser', () => {
    const w = show(photo());
    expect(press(w, 'ArrowRight').defaultPrevented).toBe(true);
    expect(press(w, 'ArrowLeft').defaultPrevented).toBe(true);
    expect(press(w, 'ArrowLeft', { altKey: true }).defaultPrevented).toBe(false);
    expect(press(w, 'ArrowRight', { metaKey: true }).defaultPrevented).toBe(false);
    expect(press(w, 'ArrowDown').defaultPrevented).toBe(false);
    expect(w.emitted('next')).toHaveLength(1);
    expect(w.emitted('previous')).toHaveLength(1);
  });

  it('offers no stepping for a single photo', () => {
    const w = show(photo({ position: 1, count: 1 }));
    expect(w.find('button[aria-label="Next photo"]').exists()).toBe(false);
    expect(w.find('.viewer__position').exists()).toBe(false);
    expect(press(w, 'ArrowRight').defaultPrevented).toBe(false);
    expect(w.emitted('next')).toBeUndefined();
  });

  it('starts with focus on Close, and moves it there when the other photos go', async () => {
    const w = show(photo());
    const close = w.get('.viewer__close').element;
    expect(document.activeElement).toBe(close);
    (w.get('button[aria-label="Next photo"]').element as HTMLButtonElement).focus();
    await w.setProps({ photo: photo({ position: 1, count: 1 }) });
    expect(w.find('button[aria-label="Next photo"]').exists()).toBe(false);
    expect(document.activeElement).toBe(close);
  });

  it('says while the photo loads, and why it cannot be shown', async () => {
    const w = show(photo({ url: null }));
    expect(w.get('[role=status]').text()).toBe('Loading the photo…');
    await w.setProps({ photo: photo({ url: null, error: 'That item no longer exists.' }) });
    expect(w.get('[role=alert]').text()).toBe('That item no longer exists.');
    expect(w.find('img').exists()).toBe(false);
  });

  it('closes with Close and with Escape (the dialog’s cancel)', async () => {
    const w = show(photo());
    await w.get('.viewer__close').trigger('click');
    w.get('dialog').element.dispatchEvent(new Event('cancel', { cancelable: true }));
    expect(w.emitted('close')).toHaveLength(2);
  });
});
