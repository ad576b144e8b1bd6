/**
 * Server-sent events from the Hearth emulator's control routes. EventSource reconnects on its own
 * and resends the last event id, from which the emulator replays what was missed.
 */
export interface StreamHandlers<T> {
  onEvent(data: T): void;
  /** true once connected, false while the stream is down (the emulator stopped or restarted). */
  onState?(connected: boolean): void;
}

export function openEventStream<T>(
  url: string,
  event: string,
  handlers: StreamHandlers<T>,
): () => void {
  const source = new EventSource(url);
  source.addEventListener('open', () => handlers.onState?.(true));
  source.addEventListener('error', () => handlers.onState?.(false));
  source.addEventListener(event, (message) => {
    handlers.onEvent(JSON.parse((message as MessageEvent<string>).data) as T);
  });
  return () => source.close();
}
