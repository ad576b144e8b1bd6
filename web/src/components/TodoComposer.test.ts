import { beforeAll, describe, expect, it } from 'vitest';
import { flushPromises, mount } from '@vue/test-utils';
import { LIMITS } from '@model';
import { loadSchemas } from '@/domain/schemas';
import TodoComposer from './TodoComposer.vue';

// The model's schemas load on a form's first use; here they are there already, as after its focus.
beforeAll(() => loadSchemas());

describe('TodoComposer', () => {
  it('adds a to-do and empties itself for the next one', async () => {
    const wrapper = mount(TodoComposer);
    await wrapper.get('input').setValue('  Buy milk ');
    await wrapper.get('form').trigger('submit');
    await flushPromises();
    expect(wrapper.emitted('add')).toEqual([['Buy milk']]);
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
});
