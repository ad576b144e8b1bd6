import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { loadSchemas } from '@/domain/schemas';
import { aliceAcrossLists, aliceInbox as inbox, todoIn as todo } from '@/testing/acrossLists';
import type { FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;

beforeEach(() => {
  services = aliceAcrossLists({
    [inbox]: [
      todo('Buy milk', inbox, { order: 2 }),
      todo('Old milk order', inbox, { done: true, order: 1 }),
      todo('Bake bread', inbox, { order: 3 }),
    ],
    work: [
      todo('Send report', 'work', { notes: 'Include the milk figures' }),
      todo('Plan offsite', 'work', { tags: ['milkbar'] }),
    ],
    shared: [todo('Crème brûlée milk', 'shared')],
  });
});

enableAutoUnmount(afterEach);

beforeAll(() => loadSchemas());

const titles = (w: VueWrapper) => w.findAll('.todo__title').map((title) => title.text());
const groupTitles = (w: VueWrapper) => w.findAll('.search-group__title').map((h) => h.text());

describe('search across lists', () => {
  it('finds to-dos of every list by title, notes and tags, by list, open before done', async () => {
    const { wrapper } = await mountApp(services, '/search?q=MILK');
    expect(wrapper.get('h1').text()).toBe('Search');
    expect(document.title).toBe('Search · Hearth');
    expect(groupTitles(wrapper)).toEqual(['Inbox', 'Work', 'Bob’s list']);
    expect(titles(wrapper)).toEqual([
      'Buy milk',
      'Old milk order',
      'Send report',
      'Plan offsite',
      'Crème brûlée milk',
    ]);
    expect(wrapper.text()).toContain('5 to-dos in 3 lists');
    // Found by its notes, a row says where.
    expect(wrapper.findAll('.todo__excerpt').map((excerpt) => excerpt.text())).toEqual([
      'Include the milk figures',
    ]);
    // A viewer's to-do is found, but can only be looked at.
    expect(wrapper.get('input[aria-label="Complete: Crème brûlée milk"]').element).toHaveProperty(
      'disabled',
      true,
    );
  });

  it('is reached from a list’s search box with Enter, and narrows as the person types', async () => {
    const { wrapper, router } = await mountApp(services, `/lists/${inbox}`);
    const box = wrapper.get('#todo-search');
    await box.setValue('creme');
    expect(wrapper.get('.toolbar__all').text()).toContain('Search all lists for “creme”');
    await box.trigger('keydown', { key: 'Enter' });
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/search?q=creme');
    expect(titles(wrapper)).toEqual(['Crème brûlée milk']);
    await wrapper.get('#todo-search').setValue('bread');
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/search?q=bread');
    expect(titles(wrapper)).toEqual(['Bake bread']);
  });

  it('says when nothing matches, and follows changes live', async () => {
    const { wrapper } = await mountApp(services, '/search?q=dentist');
    expect(wrapper.text()).toContain('Nothing matches “dentist” in your lists');
    expect(wrapper.text()).toContain('No to-dos match');
    const work = services.todos.collection('work');
    work.set([...work.items, todo('Book dentist', 'work')]);
    await flushPromises();
    expect(titles(wrapper)).toEqual(['Book dentist']);
  });

  it('completes a to-do of another list with Undo, and keeps it among the done ones', async () => {
    const { wrapper } = await mountApp(services, '/search?q=milk');
    await wrapper.get('input[aria-label="Complete: Buy milk"]').setValue(true);
    await flushPromises();
    expect(services.todos.collection(inbox).items[0]?.done).toBe(true);
    expect(wrapper.text()).toContain('Completed “Buy milk”.');
    expect(titles(wrapper).slice(0, 2)).toEqual(['Old milk order', 'Buy milk']);
  });

  it('edits a found to-do in the same dialog', async () => {
    const { wrapper } = await mountApp(services, '/search?q=report');
    await wrapper.get('.todo__title').trigger('click');
    await vi.waitFor(() => expect(wrapper.find('dialog').exists()).toBe(true));
    await flushPromises();
    const dialog = wrapper.get('dialog');
    await dialog.get('#todo-title').setValue('Send the report');
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(services.todos.collection('work').items[0]?.title).toBe('Send the report');
    expect(titles(wrapper)).toEqual(['Send the report']);
  });

  it('loads the person’s to-dos only while the search page is open', async () => {
    const original = services.todos.watchMyTodos.bind(services.todos);
    const watch = vi.spyOn(services.todos, 'watchMyTodos');
    const stopped = vi.fn();
    watch.mockImplementation((uid, observer) => {
      const stop = original(uid, observer);
      return () => {
        stopped();
        return stop();
      };
    });
    const { router } = await mountApp(services, `/lists/${inbox}`);
    expect(watch).not.toHaveBeenCalled();
    await router.push('/search?q=milk');
    await flushPromises();
    await router.push('/search?q=bread');
    await flushPromises();
    expect(watch).toHaveBeenCalledTimes(1);
    expect(watch).toHaveBeenCalledWith('alice', expect.anything());
    await router.push(`/lists/${inbox}`);
    await flushPromises();
    expect(stopped).toHaveBeenCalledTimes(1);
  });

  it('is in the sidebar, and `/` opens it from a page without a search box', async () => {
    const { wrapper, router } = await mountApp(services, '/today');
    expect(wrapper.find('#todo-search').exists()).toBe(false);
    document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '/', bubbles: true }));
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe('/search');
    expect(wrapper.text()).toContain('Search every list');
    expect(document.activeElement?.id).toBe('todo-search');
    expect(wrapper.get('a[href="/search"]').attributes('aria-current')).toBe('page');
  });
});
