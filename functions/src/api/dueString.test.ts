import { describe, expect, it } from 'vitest';
import { readDueString } from './dueString.js';

// Thursday 3 December 2026, 08:21 in Berlin.
const now = new Date('2026-12-03T07:21:00Z');

describe('readDueString', () => {
  it('reads a day and time in the caller’s zone', async () => {
    expect(
      await readDueString(
        { title: 'Call', dueString: 'tomorrow 5pm', timeZone: 'Europe/Berlin' },
        now,
      ),
    ).toEqual({
      title: 'Call',
      due: { date: '2026-12-04', time: '17:00', timeZone: 'Europe/Berlin' },
      repeat: null,
    });
  });

  it('reads a repeat, due on its first day from today, in UTC when no zone is given', async () => {
    expect(await readDueString({ dueString: 'every monday' }, now)).toMatchObject({
      due: { date: '2026-12-07' },
      repeat: 'FREQ=WEEKLY;BYDAY=MO',
    });
  });

  it('leaves a body without dueString as it is', async () => {
    const body = { title: 'x', due: { date: '2030-01-01' }, repeat: null };
    expect(await readDueString(body, now)).toEqual(body);
  });

  it.each([
    [{ dueString: 'tomorrow', due: { date: '2030-01-01' } }, /^dueString: Send either/],
    [{ dueString: 'tomorrow', repeat: 'FREQ=DAILY' }, /^dueString: Send either/],
    [{ dueString: 'whenever suits' }, /^dueString: No date or repeat in "whenever suits"/],
    [{ dueString: 'tomorrow at the bakery' }, /^dueString: "at the bakery" is not part/],
    [{ dueString: 'tomorrow #home' }, /^dueString: .* is not part/],
    [{ timeZone: 'Europe/Berlin' }, /^timeZone: /],
  ])('refuses %j, naming the field', async (body, message) => {
    await expect(readDueString(body, now)).rejects.toMatchObject({
      code: 'invalid-argument',
      message: expect.stringMatching(message),
    });
  });
});
