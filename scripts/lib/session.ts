/** Runs `body` inside a started stack and tears the stack down however the body ends. */
import { loadStackConfig, type StackConfig } from './config.js';
import { startStack, type Stack, type StackOptions } from './stack.js';

export const progress = (line: string) => process.stderr.write(`hearth: ${line}\n`);

export async function withStack(
  options: Omit<StackOptions, 'progress'>,
  body: (stack: Stack, config: StackConfig, interrupted: Promise<void>) => Promise<number>,
): Promise<number> {
  let config: StackConfig;
  let stack: Stack;
  try {
    config = loadStackConfig();
    stack = await startStack(config, { ...options, progress });
  } catch (error) {
    progress(`✘ ${(error as Error).message}`);
    return 1;
  }
  const interrupted = new Promise<void>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.once(signal, () => resolve());
  });
  let code: number;
  let stopping = false;
  try {
    code = await Promise.race([
      body(stack, config, interrupted),
      stack.died.then((p) => {
        if (stopping) return 0;
        progress(`✘ ${p.name} stopped unexpectedly. Its last output:\n${p.tail()}`);
        return 1;
      }),
    ]);
  } catch (error) {
    progress(`✘ ${(error as Error).message}`);
    code = 1;
  }
  stopping = true;
  progress('… stopping the stack');
  await stack.stop();
  progress('✔ stopped');
  return code;
}
