import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { makeTodo } from '@/testing/fakeServices';
import TodoItems from './TodoItems.vue';

const todos = [
  makeTodo({ id: 'a', title: 'Alpha', order: 1 }),
  makeTodo({ id: 'b', title: 'Beta', order: 2 }),
  makeTodo({ id: 'c', title: 'Gamma', order: 3 }),
];
const props = { todos, canEdit: true, canReorder: true, now: new Date(2030, 0, 1) };

describe('TodoItems', () => {
  it('asks to move a to-do one place with the arrow keys, but not past the ends', async () => {
    const wrapper = mount(TodoItems, { props });
    const handles = wrapper.findAll('.todo__handle');
    await handles[0]!.trigger('keydown', { key: 'ArrowUp' });
    await handles[0]!.trigger('keydown', { key: 'ArrowDown' });
    await handles[2]!.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.emitted('move')).toEqual([['a', 1]]);
  });

  it('after a keyboard move, keeps focus on the moved to-do and announces its place', async () => {
    const wrapper = mount(TodoItems, { props, attachTo: document.body });
    const handle = wrapper.findAll('.todo__handle')[0]!;
    (handle.element as HTMLElement).focus();
    await handle.trigger('keydown', { key: 'ArrowDown' });
    await wrapper.setProps({ todos: [todos[1]!, todos[0]!, todos[2]!] });
    await new Promise((resolve) => setTimeout(resolve));
    expect(wrapper.get('[aria-live=assertive]').text()).toBe('Moved to position 2 of 3.');
    expect(document.activeElement?.getAttribute('aria-label')).toMatch(
      /^Reorder Alpha, position 2 of 3/,
    );
    wrapper.unmount();
  });

  it('is one Tab stop that the arrow keys move from row to row', async () => {
    const wrapper = mount(TodoItems, { props, attachTo: document.body });
    const tabbable = () =>
      wrapper.findAll('.todo__title').map((title) => title.attributes('tabindex'));
    expect(tabbable()).toEqual(['0', '-1', '-1']);
    const titles = wrapper.findAll('.todo__title');
    (titles[0]!.element as HTMLElement).focus();
    await titles[0]!.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent?.trim()).toBe('Beta');
    expect(tabbable()).toEqual(['-1', '0', '-1']);
    await titles[1]!.trigger('keydown', { key: 'End' });
    expect(document.activeElement?.textContent?.trim()).toBe('Gamma');
    await titles[2]!.trigger('keydown', { key: 'ArrowDown' });
    expect(document.activeElement?.textContent?.trim()).toBe('Gamma');
    wrapper.unmount();
  });

  it('drops a dragged to-do on another row', async () => {
    const wrapper = mount(TodoItems, { props });
    const rows = wrapper.findAll('li');
    await rows[2]!.trigger('dragstart');
    await rows[0]!.trigger('dragover');
    expect(rows[0]!.classes()).toContain('todos__row--over');
    await rows[0]!.trigger('drop');
    expect(wrapper.emitted('move')).toEqual([['c', 0]]);
  });

  it('offers no dragging when the order cannot change', () => {
    const wrapper = mount(TodoItems, { props: { ...props, canReorder: false } });
    expect(wrapper.find('li').attributes('draggable')).toBeUndefined();
    expect(wrapper.find('.todo__handle').exists()).toBe(false);
  });
});
