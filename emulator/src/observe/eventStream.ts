/**
 * Server-sent events (text/event-stream) on a plain Node response: the stream the console keeps
 * open to each emulator. Events are numbered, so a browser's EventSource that reconnects with
 * Last-Event-ID is sent what it missed; a comment every 15 s keeps idle proxies from closing it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RingLog } from './ringLog.js';

const HEARTBEAT_MS = 15_000;
/** Entries arriving close together go out in one write. */
const FLUSH_AFTER_MS = 100;
/** A new stream without Last-Event-ID starts with this many of the newest entries. */
const REPLAY = 2000;

export class EventStream {
  private readonly heartbeat: NodeJS.Timeout;
  private readonly closers: (() => void)[] = [];
  closed = false;

  constructor(private readonly res: ServerResponse) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    this.heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    this.heartbeat.unref();
    const close = () => {
      if (this.closed) return;
      this.closed = true;
      clearInterval(this.heartbeat);
      for (const closer of this.closers) closer();
    };
    // The response closes when the client goes away.
    res.on('close', close);
  }

  send(event: string, data: unknown, id?: number): void {
    if (!this.closed) this.res.write(EventStream.format(event, data, id));
  }

  /** Many events in one write: a socket write per event would cost a busy emulator more than the events. */
  sendAll(events: string): void {
    if (!this.closed && events !== '') this.res.write(events);
  }

  static format(event: string, data: unknown, id?: number): string {
    return `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
  }

  onClose(closer: () => void): void {
    if (this.closed) closer();
    else this.closers.push(closer);
  }
}

/** The entry number a reconnecting EventSource (or `?after=`) asks to resume after. */
export function resumePoint(req: IncomingMessage, url: URL): number | undefined {
  const raw = req.headers['last-event-id'] ?? url.searchParams.get('after');
  const after = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw !== null && raw !== undefined && Number.isInteger(after) && after >= 0
    ? after
    : undefined;
}

/**
 * Streams a log: the entries after the resume point (else the newest ones), then each new entry
 * as it is appended. `toJson` returns undefined for an entry this stream does not show.
 */
export function streamLog<T>(
  req: IncomingMessage,
  res: ServerResponse,
  log: RingLog<T>,
  event: string,
  toJson: (entry: T, seq: number) => unknown,
): void {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const stream = new EventStream(res);
  let sent = resumePoint(req, url) ?? Math.max(0, log.latest - REPLAY);
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    let events = '';
    for (const [seq, entry] of log.since(sent)) {
      const json = toJson(entry, seq);
      if (json !== undefined) events += EventStream.format(event, json, seq);
    }
    sent = log.latest;
    stream.sendAll(events);
  };
  flush();
  const stop = log.watch(() => {
    timer ??= setTimeout(flush, FLUSH_AFTER_MS);
  });
  stream.onClose(() => {
    stop();
    clearTimeout(timer);
  });
}
