import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { mount, type VueWrapper } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import NoticeRegion from './NoticeRegion.vue';
import { UNDO_LABEL, useNoticesStore } from '@/stores/notices';

let wrapper: VueWrapper;
let notices: ReturnType<typeof useNoticesStore>;
const expired = vi.fn();

beforeEach(() => {
  vi.useFakeTimers();
  const pinia = createPinia();
  setActivePinia(pinia);
  notices = useNoticesStore();
  wrapper = mount(NoticeRegion, { global: { plugins: [pinia] }, attachTo: document.body });
  expired.mockReset();
  notices.notify('Deleted “Buy milk”.', {
    action: { label: UNDO_LABEL, run: () => {} },
    onExpire: expired,
  });
});
afterEach(() => {
  wrapper.unmount();
  vi.useRealTimers();
});

const notice = () => wrapper.find('.notice');

/** The notice is still there 5.9 s on, and gone, its expiry called once, 0.2 s later. */
async function expectGoneInSixSeconds() {
  await vi.advanceTimersByTimeAsync(5_900);
  expect(notice().exists()).toBe(true);
  await vi.advanceTimersByTimeAsync(200);
  expect(notice().exists()).toBe(false);
  expect(expired).toHaveBeenCalledTimes(1);
}

describe('NoticeRegion', () => {
  it('lets a notice go after six seconds', async () => {
    await expectGoneInSixSeconds();
  });

  it('keeps it while the pointer is over it, then shows it six seconds more', async () => {
    await vi.advanceTimersByTimeAsync(5_000);
    await notice().trigger('mouseenter');
    await vi.advanceTimersByTimeAsync(60_000);
    expect(notice().exists()).toBe(true);
    expect(expired).not.toHaveBeenCalled();
    await notice().trigger('mouseleave');
    await expectGoneInSixSeconds();
  });

  it('keeps it while focus is on its Undo, even when the pointer leaves', async () => {
    await notice().trigger('focusin');
    await notice().trigger('mouseenter');
    await notice().trigger('mouseleave');
    await vi.advanceTimersByTimeAsync(30_000);
    expect(notice().exists()).toBe(true);
    await notice().trigger('focusout');
    await vi.advanceTimersByTimeAsync(6_100);
    expect(notice().exists()).toBe(false);
  });
});
