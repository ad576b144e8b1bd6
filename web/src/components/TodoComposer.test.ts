import { beforeAll, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { LIMITS } from '@model';
import { loadQuickAddParser } from '@/composables/useQuickAdd';
import { loadSchemas } from '@/domain/schemas';
import TodoComposer from './TodoComposer.vue';

// The model's schemas load on a form's first use; here they are there already, as after its focus.
beforeAll(() => Promise.all([loadSchemas(), loadQuickAddParser()]));

const chipTexts = (wrapper: ReturnType<typeof mount>) =>
  wrapper.findAll('.chip').map((chip) => chip.text().replace(/\s+/g, ' ').replace(' ✕', ''));

describe('TodoComposer', () => {
  it('adds a to-do and empties itself for the next one', async () => {
    const wrapper = mount(TodoComposer);
    await wrapper.get('input').setValue('  Buy milk ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('add')).toEqual([
      [{ title: 'Buy milk', due: null, repeat: null, tags: [], priority: 0 }],
    ]);
    expect((wrapper.get('input').element as HTMLInputElement).value).toBe('');
  });

  it('says a title is too long while it is typed, cuts nothing, and keeps it to be shortened', async () => {
    const wrapper = mount(TodoComposer);
    const input = wrapper.get('input');
    expect(input.attributes('maxlength')).toBeUndefined();
    const long = 'x'.repeat(LIMITS.todoTitle + 5);
    await input.setValue(long);
    expect(wrapper.get('.char-limit').text()).toBe(
      `5 characters too long (at most ${LIMITS.todoTitle})`,
    );
    expect(input.attributes('aria-invalid')).toBe('true');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('add')).toBeUndefined();
    expect((input.element as HTMLInputElement).value).toBe(long);
  });

  it('shows what plain language means as chips before Enter, and adds it all', async () => {
    const wrapper = mount(TodoComposer);
    const input = wrapper.get('input');
    await input.trigger('focus');
    await flushPromises();
    await input.setValue('Pay rent every month on the 1st at 9am #home !1');
    expect(chipTexts(wrapper)).toEqual([
      expect.stringMatching(/^Due date: /),
      'Time: 09:00',
      'Repeats: Every month on the 1st',
      'Tag: #home',
      'Priority: High priority',
    ]);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    const [[draft]] = wrapper.emitted('add') as unknown as [[Record<string, unknown>]];
    expect(draft).toMatchObject({
      title: 'Pay rent',
      due: { date: expect.stringMatching(/-01$/), time: '09:00' },
      repeat: 'FREQ=MONTHLY;BYMONTHDAY=1',
      tags: ['home'],
      priority: 3,
    });
  });

  it('keeps a chip’s words in the title with one Backspace after them, or its ✕', async () => {
    const wrapper = mount(TodoComposer, { attachTo: document.body });
    const input = wrapper.get('input');
    await input.trigger('focus');
    await flushPromises();
    await input.setValue('Read chapter 3 tomorrow #study');
    const tomorrow = expect.stringMatching(/^Due date: \w{3}, \w{3} \d+$/);
    expect(chipTexts(wrapper)).toEqual([tomorrow, 'Tag: #study']);
    const element = input.element as HTMLInputElement;
    element.setSelectionRange(element.value.length, element.value.length);
    await input.trigger('keydown', { key: 'Backspace' });
    expect(chipTexts(wrapper)).toEqual([tomorrow]);
    expect(element.value).toBe('Read chapter 3 tomorrow #study');
    await wrapper.get('.chip__remove').trigger('click');
    expect(chipTexts(wrapper)).toEqual([]);
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('add')).toEqual([
      [{ title: 'Read chapter 3 tomorrow #study', due: null, repeat: null, tags: [], priority: 0 }],
    ]);
    wrapper.unmount();
  });

  it('asks for a title when every word was understood as something else', async () => {
    const wrapper = mount(TodoComposer);
    await wrapper.get('input').setValue('tomorrow #home');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('add')).toBeUndefined();
    expect(wrapper.get('[role="alert"]').text()).toContain('Add a title too');
  });
});
