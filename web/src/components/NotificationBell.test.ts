import { afterEach, describe, expect, it, vi } from 'vitest';
import { DOMWrapper, flushPromises, type VueWrapper } from '@vue/test-utils';
import type { AppNotification } from '@/domain/entities';
import { makeList, makeTodo, signedInServices, type FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let wrapper: VueWrapper | undefined;
afterEach(() => wrapper?.unmount());

const notification = (id: string, overrides: Partial<AppNotification & { uid: string }> = {}) => ({
  id,
  uid: 'ann',
  title: `To-do ${id}`,
  body: 'Due Thu, Dec 10 at 09:00 (Europe/Berlin)',
  listId: 'home',
  todoId: 't1',
  createdAt: new Date(Date.now() - 5 * 60_000),
  read: false,
  pending: false,
  ...overrides,
});

async function mountWith(notifications: ReturnType<typeof notification>[]) {
  const services: FakeServices = signedInServices('ann', [
    makeList({ id: 'home', ownerId: 'ann' }),
  ]);
  services.todos
    .collection('home')
    .set([makeTodo({ id: 't1', listId: 'home', title: 'Water the plants' })]);
  services.notifications.notifications.set(notifications);
  const mounted = await mountApp(services, '/lists/home');
  wrapper = mounted.wrapper;
  // The header is loaded with the first signed-in page.
  await vi.waitFor(() => bell());
  return { services, router: mounted.router };
}

/** The app renders several roots; look in the page. */
const page = () => new DOMWrapper(document.body);
const bell = () => page().get('button[popovertarget="notifications-panel"]');

describe('NotificationBell', () => {
  it('counts the unread reminders, and only this person’s', async () => {
    await mountWith([
      notification('a'),
      notification('b'),
      notification('c', { read: true }),
      notification('d', { uid: 'bob' }),
    ]);
    expect(bell().attributes('aria-label')).toBe('Notifications, 2 unread');
    expect(bell().text()).toBe('2');
    expect(page().findAll('#notifications-panel li')).toHaveLength(3);
    expect(page().get('#notifications-panel').text()).toContain('5 minutes ago');
  });

  it('opens a notification’s to-do and marks it read; "Mark all read" reads the rest', async () => {
    const { services, router } = await mountWith([notification('a'), notification('b')]);
    await page().findAll('#notifications-panel li button')[0]!.trigger('click');
    await flushPromises();
    const read = () => services.notifications.notifications.items.map((each) => each.read);
    expect(read()).toEqual([true, false]);
    expect(router.currentRoute.value.fullPath).toBe('/lists/home');
    await vi.waitFor(() =>
      expect(page().get<HTMLInputElement>('#todo-title').element.value).toBe('Water the plants'),
    );

    await page()
      .findAll('#notifications-panel button')
      .find((button) => button.text() === 'Mark all read')!
      .trigger('click');
    await flushPromises();
    expect(read()).toEqual([true, true]);
    expect(bell().attributes('aria-label')).toBe('Notifications');
  });

  it('says what will show up there while it is empty', async () => {
    await mountWith([]);
    expect(page().get('#notifications-panel').text()).toContain(
      'Reminders you set on to-dos show up here when they are due.',
    );
  });
});
