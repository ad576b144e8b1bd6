import { describe, expect, it } from 'vitest';
import { useTask } from './useTask';

describe('useTask', () => {
  it('names the work while it runs and hands back what it returned', async () => {
    const task = useTask<'export'>();
    let seen: string | null = null;
    const value = await task.attempt('export', async () => {
      seen = task.busy.value;
      return 42;
    });
    expect({ seen, value, busy: task.busy.value, error: task.error.value }).toEqual({
      seen: 'export',
      value: 42,
      busy: null,
      error: null,
    });
  });

  it('keeps the message of work that threw until the next run starts', async () => {
    const task = useTask<'import'>();
    const value = await task.attempt('import', () => Promise.reject(new Error('no such folder')));
    expect({ value, busy: task.busy.value, error: task.error.value }).toEqual({
      value: undefined,
      busy: null,
      error: 'no such folder',
    });
    let errorDuringNextRun: string | null = 'unread';
    await task.attempt('import', async () => {
      errorDuringNextRun = task.error.value;
    });
    expect(errorDuringNextRun).toBeNull();
  });
});
