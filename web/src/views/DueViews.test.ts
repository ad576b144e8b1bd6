import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { addDays, todayIn } from '@model';
import { browserTimeZone } from '@/domain/dueLabels';
import { loadSchemas } from '@/domain/schemas';
import type { Todo } from '@/domain/entities';
import { aliceAcrossLists, aliceInbox as inbox, todoIn } from '@/testing/acrossLists';
import type { FakeServices } from '@/testing/fakeServices';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;
const today = todayIn(browserTimeZone(), new Date());

const dated = (id: string, listId: string, days: number, extra: Partial<Todo> = {}) =>
  todoIn(id, listId, { due: { date: addDays(today, days) }, ...extra });

beforeEach(() => {
  services = aliceAcrossLists({
    [inbox]: [
      dated('Buy milk', inbox, 0),
      dated('Pay rent', inbox, -1),
      dated('Book dentist', inbox, 2),
    ],
    work: [dated('Send report', 'work', 0), dated('Plan sprint', 'work', 1)],
    shared: [dated('Water plants', 'shared', 0)],
  });
});

enableAutoUnmount(afterEach);

beforeAll(() => loadSchemas());

const titles = (w: VueWrapper) => w.findAll('.todo__title').map((title) => title.text());
const groupTitles = (w: VueWrapper) => w.findAll('.due-group__title').map((h) => h.text());
const rowList = (w: VueWrapper, title: string) =>
  w
    .findAll('.todo')
    .find((row) => row.get('.todo__title').text() === title)
    ?.get('.todo__list')
    .text();

describe('Today, Upcoming and Overdue', () => {
  it('shows what is due today across lists, by list, each row naming its list', async () => {
    const { wrapper, router } = await mountApp(services, '/today');
    expect(router.currentRoute.value.fullPath).toBe('/today');
    expect(wrapper.get('h1').text()).toBe('Today');
    expect(document.title).toBe('Today · Hearth');
    expect(groupTitles(wrapper)).toEqual(['Inbox', 'Work', 'Bob’s list']);
    expect(titles(wrapper)).toEqual(['Buy milk', 'Send report', 'Water plants']);
    expect(rowList(wrapper, 'Send report')).toBe('List: Work');
    // A viewer's to-do can be looked at, not changed.
    expect(wrapper.get('input[aria-label="Complete: Water plants"]').element).toHaveProperty(
      'disabled',
      true,
    );
    expect(wrapper.get('input[aria-label="Complete: Send report"]').element).toHaveProperty(
      'disabled',
      false,
    );
  });

  it('counts each view in the sidebar, live', async () => {
    const { wrapper } = await mountApp(services, `/lists/${inbox}`);
    const count = (view: string) => wrapper.get(`a[href="/${view}"] .due-links__count`).text();
    expect([count('today'), count('upcoming'), count('overdue')]).toEqual(['3', '2', '1']);
    const work = services.todos.collection('work');
    work.set([...work.items, dated('Call Sam', 'work', 0)]);
    await flushPromises();
    expect(count('today')).toBe('4');
  });

  it('groups Upcoming by day and Overdue by list', async () => {
    const { wrapper, router } = await mountApp(services, '/upcoming');
    expect(groupTitles(wrapper)).toEqual([
      expect.stringMatching(/^Tomorrow · /),
      expect.not.stringMatching(/^Tomorrow/),
    ]);
    expect(titles(wrapper)).toEqual(['Plan sprint', 'Book dentist']);
    await router.push('/overdue');
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Overdue');
    expect(groupTitles(wrapper)).toEqual(['Inbox']);
    expect(titles(wrapper)).toEqual(['Pay rent']);
    expect(wrapper.get('a[aria-current=page]').text()).toContain('Overdue');
  });

  it('completes a to-do from Today with Undo, as on its list', async () => {
    const { wrapper } = await mountApp(services, '/today');
    await wrapper.get('input[aria-label="Complete: Send report"]').setValue(true);
    await flushPromises();
    expect(titles(wrapper)).toEqual(['Buy milk', 'Water plants']);
    expect(services.todos.collection('work').items[0]?.done).toBe(true);
    expect(wrapper.text()).toContain('Completed “Send report”.');
    await wrapper.get('.notice button').trigger('click');
    await flushPromises();
    expect(titles(wrapper)).toEqual(['Buy milk', 'Send report', 'Water plants']);
  });

  it('edits a to-do of another list in the same dialog', async () => {
    const { wrapper } = await mountApp(services, '/today');
    await wrapper
      .findAll('.todo__title')
      .find((t) => t.text() === 'Send report')!
      .trigger('click');
    await vi.waitFor(() => expect(wrapper.find('dialog').exists()).toBe(true));
    await flushPromises();
    const dialog = wrapper.get('dialog');
    await dialog.get('input[type=date]').setValue(addDays(today, 3));
    await dialog.get('form').trigger('submit');
    await flushPromises();
    expect(services.todos.collection('work').items[0]?.due).toEqual({ date: addDays(today, 3) });
    expect(titles(wrapper)).toEqual(['Buy milk', 'Water plants']);
  });

  it('works from the keyboard across the groups: j/k move, x completes, Delete deletes', async () => {
    const { wrapper } = await mountApp(services, '/today');
    const press = async (key: string) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await flushPromises();
    };
    const focused = () => document.activeElement?.textContent?.trim();
    await press('j');
    expect(focused()).toBe('Buy milk');
    await press('j');
    expect(focused()).toBe('Send report');
    await press('x');
    expect(services.todos.collection('work').items[0]?.done).toBe(true);
    expect(titles(wrapper)).toEqual(['Buy milk', 'Water plants']);
    expect(focused()).toBe('Water plants');
    await press('k');
    expect(focused()).toBe('Buy milk');
    await press('Delete');
    expect(titles(wrapper)).toEqual(['Water plants']);
    expect(wrapper.text()).toContain('Deleted “Buy milk”.');
    // A viewer's to-do stays as it is.
    await press('x');
    expect(services.todos.collection('shared').items[0]?.done).toBe(false);
  });

  it('says when nothing is due', async () => {
    services.todos.collection(inbox).set([]);
    services.todos.collection('work').set([]);
    services.todos.collection('shared').set([]);
    const { wrapper } = await mountApp(services, '/today');
    expect(wrapper.text()).toContain('Nothing due today');
  });

  it('takes a list’s to-dos away the moment the list is no longer shared', async () => {
    const { wrapper } = await mountApp(services, '/today');
    services.lists.lists.set(services.lists.lists.items.filter((list) => list.id !== 'shared'));
    await flushPromises();
    expect(titles(wrapper)).toEqual(['Buy milk', 'Send report']);
    expect(groupTitles(wrapper)).toEqual(['Inbox', 'Work']);
  });
});
