/** Reads a server-sent event stream as a browser's EventSource would, for tests. */
export interface ServerEvent {
  id?: string;
  event: string;
  data: string;
}

export interface EventReader {
  /** Resolves with the next `count` events (fails after `timeoutMs`). */
  next(count: number, timeoutMs?: number): Promise<ServerEvent[]>;
  close(): void;
}

export function readEvents(url: string, headers: Record<string, string> = {}): EventReader {
  const abort = new AbortController();
  const queued: ServerEvent[] = [];
  let wake: () => void = () => undefined;
  const done = (async () => {
    const response = await fetch(url, {
      headers: { Accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    if (!response.ok || !response.body) throw new Error(`${url} answered ${response.status}`);
    const decoder = new TextDecoder();
    const reader = response.body.getReader();
    let buffer = '';
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const event: ServerEvent = { event: 'message', data: '' };
        for (const line of block.split('\n')) {
          const colon = line.indexOf(':');
          if (colon <= 0) continue;
          const field = line.slice(0, colon);
          const value = line.slice(colon + 1).trimStart();
          if (field === 'id') event.id = value;
          else if (field === 'event') event.event = value;
          else if (field === 'data') event.data += value;
        }
        if (event.data !== '') {
          queued.push(event);
          wake();
        }
      }
    }
  })().catch(() => undefined);
  return {
    async next(count, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (queued.length < count) {
        if (Date.now() > deadline)
          throw new Error(`expected ${count} events from ${url}, got ${queued.length}`);
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, 50);
        });
      }
      return queued.splice(0, count);
    },
    close() {
      abort.abort();
      void done;
    },
  };
}
