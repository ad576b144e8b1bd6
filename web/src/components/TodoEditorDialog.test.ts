import { afterEach, describe, expect, it } from 'vitest';
import { enableAutoUnmount, mount } from '@vue/test-utils';
import { makeTodo } from '@/testing/fakeServices';
import TodoEditorDialog from './TodoEditorDialog.vue';

const todo = makeTodo({
  id: 't',
  title: 'Plan trip',
  notes: 'Book trains',
  priority: 1,
  tags: ['travel'],
  due: { date: '2030-07-01' },
});

enableAutoUnmount(afterEach);

/** The editor of `todo` for Ann, who may edit it unless `canEdit` says otherwise. */
const openEditor = (canEdit = true) =>
  mount(TodoEditorDialog, { props: { todo, canEdit, uid: 'ann' }, attachTo: document.body });

describe('TodoEditorDialog', () => {
  it('starts from the to-do and saves the edited fields, validated', async () => {
    const wrapper = openEditor();
    expect((wrapper.get('#todo-due-date').element as HTMLInputElement).value).toBe('2030-07-01');
    await wrapper.get('#todo-title').setValue('Plan the trip ');
    await wrapper.get('#todo-priority').setValue('3');
    await wrapper.get('#todo-tags').setValue('Travel, #summer');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('save')).toEqual([
      [
        {
          title: 'Plan the trip',
          notes: 'Book trains',
          due: { date: '2030-07-01' },
          repeat: null,
          subtasks: [],
          reminders: [],
          priority: 3,
          tags: ['travel', 'summer'],
        },
      ],
    ]);
  });

  it('saves a time of day, a weekly repeat and steps with the rest', async () => {
    const wrapper = openEditor();
    await wrapper.get('#todo-due-time').setValue('09:30');
    await wrapper.get('#todo-repeat').setValue('weekly');
    await wrapper.get('#new-step-title').setValue('Book the trains');
    await wrapper.get('form.steps__add').trigger('submit');
    // Adding a step does not save the dialog: its form is not the editor's.
    expect(wrapper.emitted('save')).toBeUndefined();
    await wrapper.get('#todo-editor-form').trigger('submit');
    const [[saved]] = wrapper.emitted('save') as [[Record<string, unknown>]];
    expect(saved).toMatchObject({
      due: { date: '2030-07-01', time: '09:30', timeZone: expect.any(String) },
      repeat: expect.stringMatching(/^FREQ=WEEKLY/),
      subtasks: [{ id: expect.any(String), title: 'Book the trains', done: false }],
    });
  });

  it('adds the person’s reminders, and drops one "before" the due time once there is no time', async () => {
    const wrapper = openEditor();
    await wrapper.get('#todo-due-time').setValue('09:30');
    await wrapper.get('#todo-reminder-when').setValue('before:30');
    await wrapper
      .findAll('button')
      .find((b) => b.text() === 'Add reminder')!
      .trigger('click');
    expect(wrapper.text()).toContain('30 minutes before');
    await wrapper.get('#todo-editor-form').trigger('submit');
    expect((wrapper.emitted('save') as [[{ reminders: unknown }]])[0][0].reminders).toEqual([
      { id: expect.any(String), uid: 'ann', before: 30 },
    ]);
    await wrapper.get('#todo-due-time').setValue('');
    await wrapper.get('#todo-editor-form').trigger('submit');
    expect((wrapper.emitted('save') as [{ reminders: unknown }][])[1]![0].reminders).toEqual([]);
  });

  it('follows changes made elsewhere to fields not edited here, and keeps the edited ones', async () => {
    const wrapper = openEditor();
    await wrapper.get('#todo-notes').setValue('Book trains and a hotel');
    await wrapper.setProps({
      todo: { ...todo, title: 'Plan the trip', notes: 'Someone else’s notes', attachmentCount: 1 },
    });
    expect((wrapper.get('#todo-title').element as HTMLInputElement).value).toBe('Plan the trip');
    expect((wrapper.get('#todo-notes').element as HTMLTextAreaElement).value).toBe(
      'Book trains and a hotel',
    );
  });

  it('counts towards the title’s limit the way the composer does, cutting nothing', async () => {
    const wrapper = openEditor();
    const title = wrapper.get('#todo-title');
    expect(title.attributes('maxlength')).toBeUndefined();
    await title.setValue('x'.repeat(210));
    expect(wrapper.get('#todo-title-limit').text()).toBe('10 characters too long (at most 200)');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('save')).toBeUndefined();
  });

  it('explains invalid input instead of saving', async () => {
    const wrapper = openEditor();
    await wrapper.get('#todo-title').setValue('   ');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('save')).toBeUndefined();
    expect(wrapper.get('.alert--error').text()).toBe('Enter a title.');
  });

  it('is labelled by its title and focuses the first field', () => {
    const wrapper = openEditor();
    const dialog = wrapper.get('dialog');
    expect(wrapper.get(`#${dialog.attributes('aria-labelledby')}`).text()).toBe('Edit to-do');
    expect(document.activeElement?.id).toBe('todo-title');
  });

  it('shows viewers the to-do read-only, without save or delete', () => {
    const wrapper = openEditor(false);
    // Text, not fields: nothing a viewer sees looks as if it could be typed into.
    expect(wrapper.find('input, textarea, select').exists()).toBe(false);
    expect(wrapper.get('.details__title').text()).toBe('Plan trip');
    expect(wrapper.get('.details__notes').text()).toBe('Book trains');
    expect(wrapper.text()).toContain('#travel');
    expect(wrapper.find('button[type=submit]').exists()).toBe(false);
    expect(wrapper.text()).toContain('You can view this list but not change it.');
  });
});
