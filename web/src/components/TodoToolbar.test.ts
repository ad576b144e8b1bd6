import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import TodoToolbar from './TodoToolbar.vue';

describe('TodoToolbar', () => {
  it('updates filter, sort and search through v-model', async () => {
    const wrapper = mount(TodoToolbar, {
      props: { filter: 'all', sort: 'order', search: '', doneCount: 2, canClear: true },
    });
    await wrapper.get('input[value=done]').setValue(true);
    await wrapper.get('#todo-sort').setValue('due');
    await wrapper.get('#todo-search').setValue('milk');
    expect(wrapper.emitted('update:filter')).toEqual([['done']]);
    expect(wrapper.emitted('update:sort')).toEqual([['due']]);
    expect(wrapper.emitted('update:search')).toEqual([['milk']]);
  });

  it('offers clearing completed to-dos only to editors, and only when there are some', async () => {
    const base = { filter: 'all', sort: 'order', search: '' } as const;
    const editor = mount(TodoToolbar, { props: { ...base, doneCount: 0, canClear: true } });
    expect(editor.find('button').exists()).toBe(false);
    await editor.setProps({ doneCount: 3 });
    await editor.get('button').trigger('click');
    expect(editor.emitted('clearCompleted')).toHaveLength(1);
    const viewer = mount(TodoToolbar, { props: { ...base, doneCount: 3, canClear: false } });
    expect(viewer.find('button').exists()).toBe(false);
  });
});
