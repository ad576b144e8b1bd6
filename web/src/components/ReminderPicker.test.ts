import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { LIMITS, type Due, type Reminder } from '@model';
import ReminderPicker from './ReminderPicker.vue';

const NOW = new Date('2026-12-09T12:00:00Z');
const TIMED: Due = { date: '2026-12-10', time: '09:00', timeZone: 'Europe/Berlin' };

function mountPicker(due: Due | null, reminders: Reminder[] = []) {
  const wrapper = mount(ReminderPicker, {
    props: {
      due,
      uid: 'ann',
      viewerZone: 'America/Los_Angeles',
      now: NOW,
      modelValue: reminders,
      'onUpdate:modelValue': (value: Reminder[]) => wrapper.setProps({ modelValue: value }),
      error: null,
      'onUpdate:error': (value: string | null) => wrapper.setProps({ error: value }),
    },
  });
  return wrapper;
}

describe('ReminderPicker', () => {
  it('adds a reminder minutes before a timed due date, said on the viewer’s clock', async () => {
    const wrapper = mountPicker(TIMED);
    await wrapper.get('#todo-reminder-when').setValue('before:30');
    await wrapper.get('.reminders__add .button').trigger('click');
    expect(wrapper.props('modelValue')).toEqual([
      { id: expect.any(String), uid: 'ann', before: 30 },
    ]);
    // 09:00 in Berlin is midnight in Los Angeles: 30 minutes before is 23:30 the day before.
    expect(wrapper.get('.reminders__list').text()).toContain('30 minutes before (today, 23:30)');
  });

  it('adds a reminder at a date and time in the viewer’s zone', async () => {
    const wrapper = mountPicker({ date: '2026-12-10' });
    await wrapper.get('#todo-reminder-when').setValue('at');
    await wrapper.get('#todo-reminder-date').setValue('2026-12-10');
    await wrapper.get('#todo-reminder-time').setValue('08:15');
    await wrapper.get('.reminders__add .button').trigger('click');
    expect(wrapper.props('modelValue')).toEqual([
      {
        id: expect.any(String),
        uid: 'ann',
        at: { date: '2026-12-10', time: '08:15', timeZone: 'America/Los_Angeles' },
      },
    ]);
    expect(wrapper.get('.reminders__list').text()).toContain('Tomorrow, 08:15');
  });

  it('refuses “before” without a due time, and a sixth reminder, writing nothing', async () => {
    const dated = mountPicker({ date: '2026-12-10' });
    (dated.vm as unknown as { choice: string }).choice = 'before:30';
    await dated.get('.reminders__add .button').trigger('click');
    expect(dated.props('modelValue')).toEqual([]);
    expect(dated.props('error')).toBe(
      'A reminder before the due time needs a due date with a time.',
    );

    const others: Reminder[] = Array.from({ length: LIMITS.remindersPerTodo }, (_, i) => ({
      id: `r${i}`,
      uid: 'bob',
      before: i,
    }));
    const full = mountPicker(TIMED, others);
    await full.get('.reminders__add .button').trigger('click');
    expect(full.props('modelValue')).toEqual(others);
    expect(full.props('error')).toBe('A to-do has at most 5 reminders.');
  });

  it('removes the person’s reminder and keeps other members’', async () => {
    const bob: Reminder = { id: 'b', uid: 'bob', before: 10 };
    const wrapper = mountPicker(TIMED, [bob, { id: 'a', uid: 'ann', before: 0 }]);
    expect(wrapper.findAll('.reminders__item')).toHaveLength(1);
    await wrapper.get('[aria-label^="Remove reminder: At the due time"]').trigger('click');
    expect(wrapper.props('modelValue')).toEqual([bob]);
  });
});
