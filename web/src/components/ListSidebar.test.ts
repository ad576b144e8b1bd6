import { beforeAll, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { createMemoryHistory, createRouter } from 'vue-router';
import { loadSchemas } from '@/domain/schemas';
import { makeList } from '@/testing/fakeServices';
import ListSidebar from './ListSidebar.vue';

const router = createRouter({
  history: createMemoryHistory(),
  routes: [{ path: '/:p(.*)*', component: { template: '<div/>' } }],
});

function mountSidebar() {
  return mount(ListSidebar, {
    global: { plugins: [router] },
    attachTo: document.body,
    props: {
      ownLists: [
        makeList({ id: 'a', ownerId: 'me', title: 'Inbox', counts: { open: 3, done: 1 } }),
        makeList({ id: 'b', ownerId: 'me', title: 'Work', order: 2000, pending: true }),
      ],
      sharedLists: [makeList({ id: 'c', ownerId: 'bob', title: 'Groceries' })],
      activeId: 'a',
      state: 'ready',
      error: null,
      // The page's counts win over the stored ones (here: the open list has a pending to-do).
      counts: { a: { open: 4, done: 1 } },
    },
  });
}

// The model's schemas load on a form's first use; here they are there already, as after its focus.
beforeAll(() => loadSchemas());

describe('ListSidebar', () => {
  it('shows own and shared lists with their open counts and marks the current one', () => {
    const wrapper = mountSidebar();
    expect(wrapper.findAll('.list-link__title').map((title) => title.text())).toEqual([
      'Inbox',
      'Work',
      'Groceries',
    ]);
    expect(wrapper.get('[aria-current=page]').text()).toContain('Inbox');
    expect(wrapper.get('.list-link__count').attributes('aria-label')).toBe('4 open, 1 done');
    expect(wrapper.findAll('.list-link__pending')).toHaveLength(1);
    wrapper.unmount();
  });

  it('creates a list with a valid title and explains an empty one', async () => {
    const wrapper = mountSidebar();
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.get('#new-list-error').text()).toBe('Enter a title.');
    await wrapper.get('#new-list-title').setValue('  Trips ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('create')).toEqual([['Trips']]);
    expect((wrapper.get('#new-list-title').element as HTMLInputElement).value).toBe('');
    wrapper.unmount();
  });

  it('moves an own list with Alt+arrow keys, within bounds', async () => {
    const wrapper = mountSidebar();
    const inbox = wrapper.get('[data-list-id=a]');
    await inbox.trigger('keydown', { key: 'ArrowDown', altKey: true });
    await inbox.trigger('keydown', { key: 'ArrowUp', altKey: true });
    expect(wrapper.emitted('move')).toEqual([['a', 1]]);
    wrapper.unmount();
  });
});
