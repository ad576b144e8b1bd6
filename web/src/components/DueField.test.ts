import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Due } from '@model';
import DueField from './DueField.vue';

const NOW = new Date('2026-12-01T18:00:00Z');

function mountField(due: Due | null, viewerZone = 'America/Los_Angeles') {
  const wrapper = mount(DueField, {
    props: {
      viewerZone,
      now: NOW,
      modelValue: due,
      'onUpdate:modelValue': (value: Due | null) => wrapper.setProps({ modelValue: value }),
      error: null,
      'onUpdate:error': (value: string | null) => wrapper.setProps({ error: value }),
    },
  });
  return wrapper;
}

/** What a native date or time input reports, including a value it could not read. */
async function type(
  wrapper: ReturnType<typeof mountField>,
  id: string,
  value: string,
  bad = false,
) {
  const input = wrapper.get(id).element as HTMLInputElement;
  input.value = value;
  Object.defineProperty(input, 'validity', { value: { badInput: bad }, configurable: true });
  await wrapper.get(id).trigger('input');
}

describe('DueField', () => {
  it('sets a date, then a time in the viewer’s zone', async () => {
    const wrapper = mountField(null);
    await type(wrapper, '#todo-due-date', '2026-12-10');
    expect(wrapper.props('modelValue')).toEqual({ date: '2026-12-10' });
    await type(wrapper, '#todo-due-time', '09:00');
    expect(wrapper.props('modelValue')).toEqual({
      date: '2026-12-10',
      time: '09:00',
      timeZone: 'America/Los_Angeles',
    });
    expect(wrapper.get('#todo-due-zone').text()).toBe('Time in your zone, America/Los_Angeles.');
  });

  it('says a time set in another zone, and what it is for the viewer', () => {
    const wrapper = mountField({ date: '2026-12-10', time: '09:00', timeZone: 'Europe/Berlin' });
    expect(wrapper.get('#todo-due-zone').text()).toBe(
      'Time in Berlin (Europe/Berlin), where it was set: 00:00 on Thu, Dec 10 for you.',
    );
  });

  it('refuses a day that is not on the calendar, keeping the due date it had', async () => {
    const wrapper = mountField({ date: '2026-02-10' });
    await type(wrapper, '#todo-due-date', '', true);
    expect(wrapper.props('modelValue')).toEqual({ date: '2026-02-10' });
    expect(wrapper.props('error')).toBe(
      'That date isn’t on the calendar: check the day and the month.',
    );
    expect(wrapper.get('#todo-due-date').attributes('aria-invalid')).toBe('true');
  });

  it('asks for a day for a time', async () => {
    const wrapper = mountField(null);
    await type(wrapper, '#todo-due-time', '09:00');
    expect(wrapper.props('modelValue')).toBeNull();
    expect(wrapper.props('error')).toBe('Pick a day for the time.');
  });

  it('picks today and tomorrow on the viewer’s calendar, and clears', async () => {
    // 18:00 UTC on Dec 1 is already Dec 2 in Kiritimati.
    const wrapper = mountField(null, 'Pacific/Kiritimati');
    await wrapper.get('button:nth-of-type(2)').trigger('click');
    expect(wrapper.props('modelValue')).toEqual({ date: '2026-12-03' });
    await wrapper.findAll('button').at(-1)?.trigger('click');
    expect(wrapper.props('modelValue')).toBeNull();
  });
});
