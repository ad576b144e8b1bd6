import { describe, expect, it } from 'vitest';
import { mount } from '@vue/test-utils';
import { LIMITS, type Subtask } from '@model';
import SubtaskList from './SubtaskList.vue';

const steps = (titles: string[], done: number[] = []): Subtask[] =>
  titles.map((title, index) => ({ id: `s${index}`, title, done: done.includes(index) }));

function mountList(subtasks: Subtask[], canEdit = true) {
  return mount(SubtaskList, { props: { subtasks, canEdit }, attachTo: document.body });
}

const changes = (wrapper: ReturnType<typeof mountList>) =>
  (wrapper.emitted('change') ?? []).map(([subtasks]) => subtasks as Subtask[]);

describe('SubtaskList', () => {
  it('adds a step at the end and says how many are done', async () => {
    const wrapper = mountList(steps(['Buy paint', 'Sand'], [0]));
    expect(wrapper.get('.steps__progress').text()).toBe('1/2');
    await wrapper.get('#new-step-title').setValue('  Paint the fence ');
    await wrapper.get('form').trigger('submit');
    const [added] = changes(wrapper);
    expect(added?.map((step) => step.title)).toEqual(['Buy paint', 'Sand', 'Paint the fence']);
    expect(added?.[2]).toMatchObject({ done: false, id: expect.stringMatching(/^[\w-]{1,64}$/) });
    expect((wrapper.get('#new-step-title').element as HTMLInputElement).value).toBe('');
  });

  it('checks, renames, reorders and deletes steps', async () => {
    const wrapper = mountList(steps(['A', 'B', 'C']));
    await wrapper.findAll('.steps__check')[1]?.setValue(true);
    const title = wrapper.findAll('.steps__title')[0];
    await title?.setValue('A, renamed'); // setValue fires input and change, as typing then leaving
    await wrapper.findAll('.steps__down')[0]?.trigger('click');
    await wrapper.findAll('.steps__title')[2]?.trigger('keydown', { key: 'ArrowUp', altKey: true });
    await wrapper.get('[aria-label="Delete step “B”"]').trigger('click');
    expect(changes(wrapper)).toEqual([
      steps(['A', 'B', 'C'], [1]),
      steps(['A, renamed', 'B', 'C']),
      [steps(['A', 'B', 'C'])[1], steps(['A', 'B', 'C'])[0], steps(['A', 'B', 'C'])[2]],
      [steps(['A', 'B', 'C'])[0], steps(['A', 'B', 'C'])[2], steps(['A', 'B', 'C'])[1]],
      steps(['A', 'B', 'C']).filter((step) => step.title !== 'B'),
    ]);
  });

  it('refuses a 51st step with the limit said, writing nothing', async () => {
    const full = steps(Array.from({ length: LIMITS.subtasksPerTodo }, (_, i) => `Step ${i + 1}`));
    const wrapper = mountList(full);
    expect(wrapper.get('.steps__limit').text()).toContain(
      '50 of 50 steps: a to-do has at most 50.',
    );
    await wrapper.get('#new-step-title').setValue('One too many');
    await wrapper.get('form').trigger('submit');
    expect(wrapper.emitted('change')).toBeUndefined();
    expect(wrapper.get('#steps-error').text()).toBe('A to-do has at most 50 subtasks.');
    expect((wrapper.get('#new-step-title').element as HTMLInputElement).value).toBe('One too many');
  });

  it('refuses an empty name and puts the old one back', async () => {
    const wrapper = mountList(steps(['Keep me']));
    const title = wrapper.get('.steps__title');
    await title.setValue('   ');
    expect(wrapper.emitted('change')).toBeUndefined();
    expect(wrapper.get('#steps-error').text()).toBe('A step cannot be empty.');
    expect((title.element as HTMLInputElement).value).toBe('Keep me');
  });

  it('shows viewers the steps as text, with nothing to change', () => {
    const wrapper = mountList(steps(['Done one', 'Open one'], [0]), false);
    expect(wrapper.findAll('input')).toHaveLength(0);
    expect(wrapper.findAll('button')).toHaveLength(0);
    expect(wrapper.get('.steps__list').text()).toContain('Done one (done)');
    expect(wrapper.get('.steps__progress').attributes('aria-label')).toBe('1 of 2 done');
  });
});
