/**
 * The emulator process's last line of defence. Every request path ends its own failures with a
 * status; an exception that still escapes (a library's event emitter, a stream callback, a timer)
 * would otherwise end the process and lose every write since the last export. Here it is reported
 * loudly, as the bug it is, and the process keeps serving.
 */
export function installProcessGuard(log: (line: string) => void): void {
  const report = (kind: string, error: unknown): void => {
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    log(
      [
        `hearth-emulator: INTERNAL ERROR: ${kind}, caught by the process guard.`,
        'The emulator keeps running, but this is a bug: please report it with the lines below.',
        detail,
      ].join('\n'),
    );
  };
  process.on('uncaughtException', (error) => report('an uncaught exception', error));
  process.on('unhandledRejection', (reason) => report('an unhandled promise rejection', reason));
}
