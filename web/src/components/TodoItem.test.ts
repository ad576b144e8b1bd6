import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { makeTodo } from '@/testing/fakeServices';
import TodoItem from './TodoItem.vue';

const now = new Date(2030, 5, 10);

function mountItem(props: Partial<InstanceType<typeof TodoItem>['$props']> = {}) {
  return mount(TodoItem, {
    props: {
      todo: makeTodo({ id: 't', title: 'Water plants' }),
      canEdit: true,
      canReorder: true,
      position: 2,
      total: 5,
      now,
      tabbable: true,
      ...props,
    },
  });
}

describe('TodoItem', () => {
  it('completes through a labelled checkbox', async () => {
    const wrapper = mountItem();
    const checkbox = wrapper.get('input[type=checkbox]');
    expect(checkbox.attributes('aria-label')).toBe('Complete: Water plants');
    await checkbox.setValue(true);
    expect(wrapper.emitted('toggle')).toEqual([[true]]);
  });

  it('shows how many of its steps are done, and that it repeats', () => {
    const wrapper = mountItem({
      todo: makeTodo({
        id: 't',
        title: 'Pack',
        due: { date: '2030-06-13' },
        repeat: 'FREQ=WEEKLY;BYDAY=TH',
        reminders: [
          { id: 'r1', uid: 'ann', at: { date: '2030-06-12', time: '18:00', timeZone: 'UTC' } },
          { id: 'r2', uid: 'bob', at: { date: '2030-06-13', time: '08:00', timeZone: 'UTC' } },
        ],
        subtasks: [
          { id: 'a', title: 'Socks', done: true },
          { id: 'b', title: 'Shirts', done: true },
          { id: 'c', title: 'Shoes', done: false },
          { id: 'd', title: 'Hat', done: false },
          { id: 'e', title: 'Map', done: false },
        ],
      }),
    });
    const steps = wrapper.get('[aria-label="2 of 5 steps done"]');
    expect(steps.text()).toBe('2/5');
    expect(wrapper.get('[aria-label="Repeats: Every week on Thursday"]').text()).toBe('Repeats');
    expect(wrapper.get('[aria-label="2 reminders"]').text()).toBe('2');
  });

  it('shows priority, due date, tags and the pending state', () => {
    const wrapper = mountItem({
      todo: makeTodo({
        id: 't',
        title: 'Pay rent',
        priority: 3,
        due: { date: '2030-06-01' },
        tags: ['home'],
        pending: true,
      }),
    });
    expect(wrapper.text()).toContain('High priority');
    expect(wrapper.get('.todo__due--overdue').text()).toMatch(/^Overdue/);
    expect(wrapper.text()).toContain('#home');
    expect(wrapper.text()).toContain('Not synced yet');
  });

  it('moves with the arrow keys on its handle', async () => {
    const wrapper = mountItem();
    const handle = wrapper.get('.todo__handle');
    expect(handle.attributes('aria-label')).toContain('position 2 of 5');
    await handle.trigger('keydown', { key: 'ArrowUp' });
    await handle.trigger('keydown', { key: 'ArrowDown' });
    expect(wrapper.emitted('move')).toEqual([[-1], [1]]);
  });

  it('says plainly that it has photos and notes', () => {
    const wrapper = mountItem({
      todo: makeTodo({ id: 't', title: 'Fix the gate', attachmentCount: 2, notes: 'Hinges' }),
    });
    const badges = wrapper.findAll('.todo__badge').map((badge) => badge.text());
    expect(badges).toEqual(['2 photos', 'Notes']);
    expect(mountItem({ todo: makeTodo({ id: 't', attachmentCount: 1 }) }).text()).toContain(
      '1 photo',
    );
  });

  it('is one Tab stop: its title; the other controls answer to shortcuts instead', () => {
    const wrapper = mountItem();
    expect(wrapper.get('.todo__title').attributes('tabindex')).toBe('0');
    for (const control of ['.todo__check', '.todo__handle', '.todo__delete'])
      expect(wrapper.get(control).attributes('tabindex'), control).toBe('-1');
    expect(mountItem({ tabbable: false }).get('.todo__title').attributes('tabindex')).toBe('-1');
  });

  it('steps to the next or previous row with the arrows, and moves with Alt+arrows', async () => {
    const wrapper = mountItem();
    const title = wrapper.get('.todo__title');
    await title.trigger('keydown', { key: 'ArrowDown' });
    await title.trigger('keydown', { key: 'ArrowUp' });
    await title.trigger('keydown', { key: 'End' });
    await title.trigger('keydown', { key: 'ArrowUp', altKey: true });
    expect(wrapper.emitted('step')).toEqual([[1], [-1], [Infinity]]);
    expect(wrapper.emitted('move')).toEqual([[-1]]);
  });

  it('is read-only for viewers: no delete, no handle, disabled checkbox', () => {
    const wrapper = mountItem({ canEdit: false, canReorder: false });
    expect(wrapper.find('.todo__delete').exists()).toBe(false);
    expect(wrapper.find('.todo__handle').exists()).toBe(false);
    expect(wrapper.get('input[type=checkbox]').attributes('disabled')).toBeDefined();
  });

  it('opens the details from its title', async () => {
    const wrapper = mountItem();
    await wrapper.get('.todo__title').trigger('click');
    expect(wrapper.emitted('open')).toHaveLength(1);
  });
});
