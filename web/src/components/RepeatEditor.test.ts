import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import type { Due } from '@model';
import RepeatEditor from './RepeatEditor.vue';

function mountEditor(repeat: string | null, due: Due | null = { date: '2026-12-10' }) {
  const wrapper = mount(RepeatEditor, {
    props: {
      due,
      modelValue: repeat,
      'onUpdate:modelValue': (value: string | null) => wrapper.setProps({ modelValue: value }),
      error: null,
      'onUpdate:error': (value: string | null) => wrapper.setProps({ error: value }),
    },
  });
  return wrapper;
}

const rule = (wrapper: ReturnType<typeof mountEditor>) => wrapper.props('modelValue');

describe('RepeatEditor', () => {
  it('makes a weekly rule on chosen days and says it in words', async () => {
    const wrapper = mountEditor(null);
    await wrapper.get('#todo-repeat').setValue('weekly');
    await wrapper.get('[aria-label="Monday"]').setValue(true);
    await wrapper.get('[aria-label="Wednesday"]').setValue(true);
    await wrapper.get('#todo-repeat-interval').setValue('2');
    expect(rule(wrapper)).toBe('FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,WE');
    expect(wrapper.get('#todo-repeat-summary').text()).toBe(
      'Every 2 weeks on Monday and Wednesday',
    );
  });

  it('repeats monthly on the last day, and ends after a number of times or on a date', async () => {
    const wrapper = mountEditor(null);
    await wrapper.get('#todo-repeat').setValue('monthly');
    expect(rule(wrapper)).toBe('FREQ=MONTHLY;BYMONTHDAY=10');
    const [onDay, lastDay] = wrapper.findAll('input[name="repeat-month-day"]');
    await lastDay?.setValue(true);
    expect(rule(wrapper)).toBe('FREQ=MONTHLY;BYMONTHDAY=-1');
    const [, after, on] = wrapper.findAll('input[name="repeat-end"]');
    await after?.setValue(true);
    await wrapper.get('[aria-label="Number of times"]').setValue('3');
    expect(rule(wrapper)).toBe('FREQ=MONTHLY;BYMONTHDAY=-1;COUNT=3');
    expect(wrapper.get('#todo-repeat-summary').text()).toBe('Every month on the last day, 3 times');
    await on?.setValue(true);
    await wrapper.get('[aria-label="Last date"]').setValue('2027-06-30');
    expect(rule(wrapper)).toBe('FREQ=MONTHLY;BYMONTHDAY=-1;UNTIL=20270630');
    await onDay?.setValue(true);
    expect(rule(wrapper)).toBe('FREQ=MONTHLY;BYMONTHDAY=10;UNTIL=20270630');
  });

  it('offers weekdays, daily and yearly, and turns repeating off', async () => {
    const wrapper = mountEditor('FREQ=DAILY');
    expect((wrapper.get('#todo-repeat').element as HTMLSelectElement).value).toBe('daily');
    await wrapper.get('#todo-repeat').setValue('weekdays');
    expect(wrapper.get('#todo-repeat-summary').text()).toBe('Every weekday');
    await wrapper.get('#todo-repeat').setValue('yearly');
    expect(wrapper.get('#todo-repeat-summary').text()).toBe('Every year on 10 December');
    await wrapper.get('#todo-repeat').setValue('never');
    expect(rule(wrapper)).toBeNull();
  });

  it('says what is wrong and keeps the last good rule', async () => {
    const wrapper = mountEditor('FREQ=DAILY');
    await wrapper.get('#todo-repeat-interval').setValue('0');
    expect(rule(wrapper)).toBe('FREQ=DAILY');
    expect(wrapper.props('error')).toBe('Repeat every 1 to 999 days.');
    expect(wrapper.get('#todo-repeat-error').text()).toBe('Repeat every 1 to 999 days.');
  });

  it('keeps a rule written elsewhere that it cannot show as choices', () => {
    const wrapper = mountEditor('FREQ=MONTHLY;BYDAY=-1FR');
    const select = wrapper.get('#todo-repeat').element as HTMLSelectElement;
    expect(select.value).toBe('custom');
    expect(select.selectedOptions[0]?.text).toBe('Custom: Every month on the last Friday');
  });
});
