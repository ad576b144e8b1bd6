import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { enableAutoUnmount, flushPromises, type VueWrapper } from '@vue/test-utils';
import { inboxListId } from '@model';
import { makeProfile, makeTodo, type FakeServices } from '@/testing/fakeServices';
import { aliceWith, alicesList, bobsList } from '@/testing/alice';
import { loadQuickAddParser } from '@/composables/useQuickAdd';
import { loadSchemas } from '@/domain/schemas';
import { mountApp } from '@/testing/mountApp';

let services: FakeServices;
const inbox = inboxListId('alice');

beforeEach(() => {
  services = aliceWith(
    alicesList(inbox, { title: 'Inbox' }),
    bobsList('shared', 'viewer', { title: 'Bob’s list' }),
  );
  services.todos
    .collection('shared')
    .set([makeTodo({ id: 'b1', listId: 'shared', title: 'Bob’s task' })]);
});

enableAutoUnmount(afterEach);

const titles = (w: VueWrapper) => w.findAll('.todo__title').map((title) => title.text());

// The model's schemas and the quick-add parser load on the composer's first use; here they are
// there already, as after its focus.
beforeAll(() => Promise.all([loadSchemas(), loadQuickAddParser()]));

describe('ListsView', () => {
  it('opens the Inbox when no list is named', async () => {
    const { wrapper, router } = await mountApp(services, '/lists');
    expect(router.currentRoute.value.fullPath).toBe(`/lists/${inbox}`);
    expect(wrapper.get('h1').text()).toBe('Inbox');
    expect(wrapper.text()).toContain('Nothing to do yet');
    expect(document.title).toBe('Inbox · Hearth');
  });

  it('adds to-dos, completes one and filters', async () => {
    const { wrapper } = await mountApp(services, `/lists/${inbox}`);
    for (const title of ['Buy milk', 'Call mum']) {
      await wrapper.get('#new-todo-title').setValue(title);
      await wrapper.get('form.composer').trigger('submit');
      await flushPromises();
    }
    expect(titles(wrapper)).toEqual(['Buy milk', 'Call mum']);
    expect(wrapper.findAll('.todo__pending')).toHaveLength(2);
    await wrapper.get('input[aria-label="Complete: Buy milk"]').setValue(true);
    expect(wrapper.get('.list-header__counts').text()).toContain('1 open · 1 done');
    await wrapper.get('input[name=todo-filter][value=active]').setValue(true);
    expect(titles(wrapper)).toEqual(['Call mum']);
    await wrapper.get('input[name=todo-filter][value=done]').setValue(true);
    expect(titles(wrapper)).toEqual(['Buy milk']);
  });

  it('shows a viewer a read-only list', async () => {
    const { wrapper } = await mountApp(services, '/lists/shared');
    expect(titles(wrapper)).toEqual(['Bob’s task']);
    expect(wrapper.find('#new-todo-title').exists()).toBe(false);
    expect(wrapper.text()).toContain('You can view this list. Only its editors can change it.');
    expect(wrapper.text()).toContain('Shared with you · viewer');
    expect(wrapper.find('.todo__delete').exists()).toBe(false);
  });

  it('shows a new account that its lists are being set up until the trigger has made its Inbox', async () => {
    services.lists.lists.set([]);
    const { wrapper, router } = await mountApp(services, '/lists');
    expect(wrapper.text()).toContain('Setting up your Inbox…');
    expect(wrapper.text()).not.toContain('No lists yet');
    // The trigger writes the profile and the Inbox in one commit.
    services.profiles.profiles.set([makeProfile('alice')]);
    services.lists.lists.set([alicesList(inbox, { title: 'Inbox' })]);
    await flushPromises();
    expect(router.currentRoute.value.fullPath).toBe(`/lists/${inbox}`);
    expect(wrapper.get('h1').text()).toBe('Inbox');
  });

  it('says there are no lists only when an account that exists has none', async () => {
    services.lists.lists.set([]);
    services.profiles.profiles.set([makeProfile('alice')]);
    const { wrapper } = await mountApp(services, '/lists');
    expect(wrapper.text()).toContain('No lists yet');
  });

  it('works from the keyboard: shortcuts that never fire while typing, listed by ?', async () => {
    services.todos
      .collection(inbox)
      .set([
        makeTodo({ id: 't1', listId: inbox, title: 'One', order: 1 }),
        makeTodo({ id: 't2', listId: inbox, title: 'Two', order: 2 }),
      ]);
    const { wrapper } = await mountApp(services, `/lists/${inbox}`);
    const press = async (key: string) => {
      const target = document.activeElement ?? document.body;
      target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      await flushPromises();
    };
    await press('n');
    expect(document.activeElement?.id).toBe('new-todo-title');
    await press('j');
    expect(document.activeElement?.id).toBe('new-todo-title');
    (document.activeElement as HTMLElement).blur();
    await press('j');
    await press('j');
    expect(document.activeElement?.textContent?.trim()).toBe('Two');
    await press('x');
    expect(services.todos.collection(inbox).items.find((todo) => todo.id === 't2')?.done).toBe(
      true,
    );
    await press('Delete');
    expect(titles(wrapper)).toEqual(['One']);
    expect(wrapper.text()).toContain('Deleted “Two”.');
    await press('z');
    expect(titles(wrapper)).toEqual(['One', 'Two']);
    await press('?');
    // Dialogs load when first opened.
    await vi.waitFor(() => expect(wrapper.get('dialog').text()).toContain('Keyboard shortcuts'));
  });

  it('says so when a list is not there', async () => {
    const { wrapper } = await mountApp(services, '/lists/gone');
    expect(wrapper.text()).toContain('List not found');
  });

  it('creates a list from the sidebar and opens it', async () => {
    const { wrapper, router } = await mountApp(services, `/lists/${inbox}`);
    await wrapper.get('#new-list-title').setValue('Holidays');
    await wrapper.get('form.sidebar__create').trigger('submit');
    await flushPromises();
    expect(wrapper.get('h1').text()).toBe('Holidays');
    expect(router.currentRoute.value.fullPath).toMatch(/^\/lists\/new-list-/);
  });

  it('deletes a list only after confirming, and never offers to delete the Inbox', async () => {
    services.lists.lists.set([
      ...services.lists.lists.items,
      alicesList('old', { title: 'Old', order: 5000 }),
    ]);
    const inInbox = await mountApp(services, `/lists/${inbox}`);
    expect(inInbox.wrapper.find('.list-header__delete').exists()).toBe(false);
    inInbox.wrapper.unmount();
    const { wrapper } = await mountApp(services, '/lists/old');
    await wrapper.get('.list-header__delete').trigger('click');
    expect(services.lists.lists.items.some((list) => list.id === 'old')).toBe(true);
    await vi.waitFor(() => expect(wrapper.find('dialog .button--danger').exists()).toBe(true));
    await wrapper.get('dialog .button--danger').trigger('click');
    await flushPromises();
    expect(services.lists.lists.items.some((list) => list.id === 'old')).toBe(false);
  });
});
