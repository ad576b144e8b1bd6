/**
 * One WebChannel session: a bidirectional message stream that outlives the HTTP requests carrying
 * it. Knows nothing of HTTP or Firestore: requests hand it forward maps and attach backchannels.
 *
 * Delivery guarantees, as the protocol defines them:
 * - client → server: maps are numbered by the client; a retried POST repeats maps already seen,
 *   which are skipped, so each message reaches the listener exactly once and in order.
 * - server → client: arrays are numbered here and kept until the client acknowledges them (`AID`
 *   on every request). A new backchannel resends everything after its `AID`, so a backchannel that
 *   dies mid-stream loses nothing and the client, which only advances past arrays it processed,
 *   sees nothing twice.
 */
import {
  encodeChunk,
  encodeForwardAck,
  FramingError,
  RAW_DATA_KEY,
  type ForwardMap,
  type ServerArray,
} from './framing.js';

/** What the Firestore-side adapter sees of a session. */
export interface ChannelStream {
  readonly id: string;
  /** Request path of the handshake, e.g. `/google.firestore.v1.Firestore/Listen/channel`. */
  readonly path: string;
  /** Query parameters of the handshake (`database`, …). */
  readonly params: URLSearchParams;
  /** Handshake headers, lower-cased: HTTP headers, then `$httpHeaders`, then body-encoded ones. */
  readonly headers: Readonly<Record<string, string>>;
  /** Queues a message for the client (delivered as the array payload `[message]`). */
  send(message: unknown): void;
  /** Asks the client to close the channel; the session ends when it does (or expires). */
  close(): void;
}

/** The adapter's side: receives the client's messages in order, and the end of the session. */
export interface ChannelListener {
  /** One client message, with its size as sent (UTF-8 bytes of its JSON). */
  message(message: unknown, size: number): void;
  /** Called exactly once, whether the client terminated, the session expired or broke. */
  closed(): void;
}

/** Where arrays go: an HTTP response held open (streaming) or answered once (long polling). */
export interface Backchannel {
  readonly streaming: boolean;
  /** For a long poll: the client's own bound on how long it may be held (`TO`), if any. */
  readonly maxHoldMs?: number;
  write(chunk: string): void;
  end(): void;
}

export interface SessionTimings {
  /** A streaming backchannel idle this long gets a noop, so neither side times it out. */
  keepAliveMs: number;
  /** A long poll with nothing to say is answered with a noop after this long. */
  longPollHoldMs: number;
  /** A session with no backchannel and no request for this long is abandoned. */
  idleTimeoutMs: number;
  /** A streaming backchannel is ended after this many characters so the client's buffer stays small. */
  maxStreamingChars: number;
}

interface Pending {
  id: number;
  chunkChars: number;
  payload: unknown;
}

export class Session implements ChannelStream {
  private listener: ChannelListener | undefined;
  private readonly unacknowledged: Pending[] = [];
  private nextArrayId = 1; // array 0 is the handshake's `c` array
  private nextMapId = 0;
  /** Highest array id handed to any backchannel. */
  private lastSentArrayId = 0;
  private backchannel: Backchannel | undefined;
  private backchannelChars = 0;
  private backchannelTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private ended = false;

  constructor(
    readonly id: string,
    readonly path: string,
    readonly params: URLSearchParams,
    readonly headers: Readonly<Record<string, string>>,
    private readonly timings: SessionTimings,
    private readonly onEnd: (session: Session) => void,
  ) {
    this.touch();
  }

  get isEnded(): boolean {
    return this.ended;
  }

  listen(listener: ChannelListener): void {
    this.listener = listener;
  }

  send(message: unknown): void {
    this.enqueue([message]);
  }

  close(): void {
    this.enqueue(['close']);
  }

  /** The handshake's answer: session id, host prefix, version, server version, keep-alive. */
  handshakeChunk(): string {
    return encodeChunk([[0, ['c', this.id, '', 8, 14, this.timings.keepAliveMs]]]);
  }

  /**
   * Takes the maps of one forward POST and returns the POST's answer. Throws FramingError when the
   * maps do not continue the sequence or a raw-JSON map does not parse; the caller ends the session.
   */
  receive(maps: readonly ForwardMap[], acknowledgedArrayId: number | undefined): string {
    this.touch();
    if (acknowledgedArrayId !== undefined) this.acknowledge(acknowledgedArrayId);
    const fresh = maps.filter((map) => map.id >= this.nextMapId);
    for (const map of fresh) {
      if (map.id !== this.nextMapId)
        throw new FramingError(`map ${map.id} arrived before map ${this.nextMapId}`);
      this.nextMapId++;
    }
    // Parse all first: a bad map rejects the whole POST before any of it is delivered.
    const messages = fresh.map((map) => decodeMap(map));
    for (const { message, size } of messages) {
      if (this.ended) break;
      this.listener?.message(message, size);
    }
    return encodeForwardAck(this.lastQueuedArrayId(), this.outstandingChars());
  }

  /** A new backchannel replaces any previous one and first receives what the client has not seen. */
  attachBackchannel(backchannel: Backchannel, acknowledgedArrayId: number): void {
    this.touch();
    this.acknowledge(acknowledgedArrayId);
    this.detachBackchannel();
    this.backchannel = backchannel;
    this.backchannelChars = 0;
    this.lastSentArrayId = acknowledgedArrayId;
    if (this.unacknowledged.length > 0) {
      this.flush();
    } else if (backchannel.streaming) {
      // An immediate first byte tells a client probing for buffering proxies that there are none.
      this.enqueue(['noop']);
    }
    if (this.backchannel === backchannel) this.armBackchannelTimer();
  }

  /** The backchannel's request went away (client aborted, socket died): keep the arrays. */
  backchannelGone(backchannel: Backchannel): void {
    if (this.backchannel !== backchannel) return;
    this.clearBackchannelTimer();
    this.backchannel = undefined;
    this.touch();
  }

  /** Ends the session for good: client terminate, expiry, broken request or server shutdown. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    this.detachBackchannel();
    this.unacknowledged.length = 0;
    this.onEnd(this);
    this.listener?.closed();
  }

  /** Any request on the session keeps it alive. */
  touch(): void {
    clearTimeout(this.idleTimer);
    if (this.ended) return;
    this.idleTimer = setTimeout(() => {
      if (this.backchannel) this.touch();
      else this.end();
    }, this.timings.idleTimeoutMs);
    this.idleTimer.unref();
  }

  private enqueue(payload: unknown): void {
    if (this.ended) return;
    const id = this.nextArrayId++;
    this.unacknowledged.push({ id, payload, chunkChars: encodeChunk([[id, payload]]).length });
    this.flush();
  }

  private flush(): void {
    const backchannel = this.backchannel;
    if (!backchannel) return;
    const unsent = this.unacknowledged.filter((pending) => pending.id > this.lastSentArrayId);
    if (unsent.length === 0) return;
    const chunk = encodeChunk(unsent.map((pending): ServerArray => [pending.id, pending.payload]));
    this.lastSentArrayId = (unsent[unsent.length - 1] as Pending).id;
    backchannel.write(chunk);
    this.backchannelChars += chunk.length;
    if (!backchannel.streaming || this.backchannelChars >= this.timings.maxStreamingChars) {
      this.detachBackchannel();
    } else {
      this.armBackchannelTimer();
    }
  }

  private acknowledge(arrayId: number): void {
    let count = 0;
    while (
      count < this.unacknowledged.length &&
      (this.unacknowledged[count] as Pending).id <= arrayId
    )
      count++;
    this.unacknowledged.splice(0, count);
  }

  private lastQueuedArrayId(): number {
    return this.nextArrayId - 1;
  }

  private outstandingChars(): number {
    return this.unacknowledged.reduce((sum, pending) => sum + pending.chunkChars, 0);
  }

  private armBackchannelTimer(): void {
    this.clearBackchannelTimer();
    const backchannel = this.backchannel;
    if (!backchannel) return;
    const delay = backchannel.streaming
      ? this.timings.keepAliveMs
      : Math.min(this.timings.longPollHoldMs, backchannel.maxHoldMs ?? Infinity);
    this.backchannelTimer = setTimeout(() => this.enqueue(['noop']), delay);
    this.backchannelTimer.unref();
  }

  private clearBackchannelTimer(): void {
    clearTimeout(this.backchannelTimer);
    this.backchannelTimer = undefined;
  }

  private detachBackchannel(): void {
    this.clearBackchannelTimer();
    const backchannel = this.backchannel;
    this.backchannel = undefined;
    backchannel?.end();
    this.touch();
  }
}

function decodeMap(map: ForwardMap): { message: unknown; size: number } {
  const raw = map.fields[RAW_DATA_KEY];
  if (raw === undefined)
    return { message: map.fields, size: Buffer.byteLength(JSON.stringify(map.fields)) };
  try {
    return { message: JSON.parse(raw), size: Buffer.byteLength(raw) };
  } catch {
    throw new FramingError(`map ${map.id} is not JSON`);
  }
}
