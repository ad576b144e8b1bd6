import type { Ref } from 'vue';
import { canWrite } from '@model';
import type { Todo, TodoDraft } from '@/domain/entities';
import { useListsStore } from './lists';
import { useTodosStore } from './todos';

/**
 * What a page of to-dos from several lists (Today, Upcoming, Overdue, Search) does with one of
 * `shown`, by id: the same actions as a list's page, through the todos store (same Undo), with
 * each row's list deciding whether it may be changed.
 */
export function useCrossListActions(shown: Readonly<Ref<readonly Todo[]>>) {
  const lists = useListsStore();
  const todos = useTodosStore();

  function findTodo(todoId: string): Todo | null {
    return shown.value.find((todo) => todo.id === todoId) ?? null;
  }

  const canEdit = (todo: Pick<Todo, 'listId'>) => canWrite(lists.roleIn(todo.listId));
  const listTitle = (todo: Pick<Todo, 'listId'>) => lists.findList(todo.listId)?.title ?? '';

  function setDone(todoId: string, done: boolean): void {
    const todo = findTodo(todoId);
    if (todo) todos.setTodoDone(todo, done);
  }

  async function updateTodo(todoId: string, changes: Partial<TodoDraft>): Promise<void> {
    const todo = findTodo(todoId);
    if (todo) await todos.updateTodoIn(todo.listId, todoId, changes);
  }

  function removeTodo(todoId: string): void {
    const todo = findTodo(todoId);
    if (todo) todos.removeTodoIn(todo);
  }

  return { findTodo, canEdit, listTitle, setDone, updateTodo, removeTodo };
}

export type CrossListActions = ReturnType<typeof useCrossListActions>;
