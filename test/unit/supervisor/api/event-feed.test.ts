import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import {
  createEventFeed,
  FEED_BATCH_LINES,
  type FeedSink,
} from '../../../../src/supervisor/api/event-feed.js';

class FakeSink implements FeedSink {
  writes: string[] = [];
  ended = false;
  accepting = true;
  private onDrain: (() => void) | null = null;
  write(chunk: string): boolean {
    this.writes.push(chunk);
    return this.accepting;
  }
  end(): void {
    this.ended = true;
  }
  once(_event: 'drain', listener: () => void): this {
    this.onDrain = listener;
    return this;
  }
  drain(): void {
    this.accepting = true;
    const listener = this.onDrain;
    this.onDrain = null;
    listener?.();
  }
}

test('history first, then live lines, then the end', () => {
  const lines = ['a\n', 'b\n'];
  const sink = new FakeSink();
  let ended = 0;
  const feed = createEventFeed(lines, sink, () => (ended += 1));
  feed.pump();
  lines.push('c\n');
  feed.pump();
  feed.finish();
  assert.deepEqual(sink.writes, ['a\nb\n', 'c\n']);
  assert.equal(sink.ended, true);
  assert.equal(ended, 1);
});

test('a stuck client: one write, then nothing is copied or queued however many events follow', () => {
  const lines: string[] = [];
  const sink = new FakeSink();
  sink.accepting = false;
  const feed = createEventFeed(lines, sink, () => undefined);
  for (let i = 0; i < 100_000; i += 1) {
    lines.push(`{"n":${i}}\n`);
    feed.pump();
  }
  assert.equal(sink.writes.length, 1, 'it waits for drain instead of buffering');
  assert.equal(feed.blocked, true);
  assert.equal(feed.lag, 100_000 - 1);
  feed.finish();
  assert.equal(sink.ended, false, 'it cannot end before it has written everything');
  sink.drain();
  assert.equal(sink.ended, true);
  assert.equal(sink.writes.join(''), lines.join(''));
  assert.ok(sink.writes.every((w) => w.split('\n').length - 1 <= FEED_BATCH_LINES));
});
