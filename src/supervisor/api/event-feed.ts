// One GET /events client. It holds no queue of its own: it reads the shared, already serialized
// event log through a cursor, writing while its socket accepts data and pausing (not buffering)
// while the socket is full. So a slow or stuck client costs one cursor plus the socket's own
// buffer — never more memory, and never a wait in the supervisor.

/** Lines written per write() call: bounds what one write can push past the socket's buffer. */
export const FEED_BATCH_LINES = 256;

/** What the feed needs of a socket (a ServerResponse in the API; a fake in unit tests). */
export interface FeedSink {
  /** false: the buffer is full, wait for 'drain' */
  write(chunk: string): boolean;
  end(): void;
  once(event: 'drain', listener: () => void): unknown;
}

export interface EventFeed {
  /** new lines were appended to the log */
  pump(): void;
  /** the run ended: write what is left, then end the response */
  finish(): void;
  /** how many lines it has not yet written */
  readonly lag: number;
  /** true while it waits for the socket to drain */
  readonly blocked: boolean;
}

export function createEventFeed(lines: readonly string[], sink: FeedSink, onEnd: () => void): EventFeed {
  let cursor = 0;
  let blocked = false;
  let finishing = false;
  let ended = false;
  const pump = (): void => {
    if (blocked || ended) return;
    while (cursor < lines.length) {
      const batch = lines.slice(cursor, cursor + FEED_BATCH_LINES).join('');
      cursor = Math.min(lines.length, cursor + FEED_BATCH_LINES);
      if (!sink.write(batch)) {
        blocked = true;
        sink.once('drain', () => {
          blocked = false;
          pump();
        });
        return;
      }
    }
    if (finishing) {
      ended = true;
      sink.end();
      onEnd();
    }
  };
  return {
    pump,
    finish() {
      finishing = true;
      pump();
    },
    get lag() {
      return lines.length - cursor;
    },
    get blocked() {
      return blocked;
    },
  };
}
