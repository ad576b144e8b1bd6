// Triggers run after the write that fires them: tests wait for their outcome, with a deadline.

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `read` until `done(value)` holds and returns that value; fails with the last value seen. */
export async function eventually<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  { timeoutMs = 20_000, intervalMs = 100 } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T = await read();
  while (!done(last)) {
    if (Date.now() > deadline)
      throw new Error(
        `condition not reached in ${timeoutMs} ms; last value: ${JSON.stringify(last)}`,
      );
    await sleep(intervalMs);
    last = await read();
  }
  return last;
}

export { sleep };
