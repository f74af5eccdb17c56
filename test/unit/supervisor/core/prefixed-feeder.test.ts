import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';

import { MAX_LINE_BYTES, OUTPUT_BUFFER_BYTES } from '../../../../src/supervisor/core/line-output.js';
import { createPrefixedFeeder } from '../../../../src/supervisor/core/prefixed-feeder.js';

/** Every piece the feeder writes for `chunks` (then the end), each copied out of the shared buffer. */
function feed(chunks: readonly Buffer[], prefix: string): Buffer[] {
  const queue = [...chunks];
  const feeder = createPrefixedFeeder({ read: () => queue.shift() ?? null, done: () => undefined }, prefix);
  const out = Buffer.alloc(OUTPUT_BUFFER_BYTES);
  const pieces: Buffer[] = [];
  for (let piece = feeder.next(out, true); piece !== null; piece = feeder.next(out, true)) {
    pieces.push(Buffer.from(piece));
  }
  return pieces;
}

/** The lines of the pieces, each without its prefix and newline. */
function linesOf(pieces: readonly Buffer[], prefix: string): Buffer[] {
  const all = Buffer.concat(pieces);
  const lines: Buffer[] = [];
  for (let at = 0; at < all.length;) {
    const end = all.indexOf(0x0a, at);
    assert.ok(end >= 0, 'every piece ends its line');
    assert.ok(all.subarray(at, at + prefix.length).equals(Buffer.from(prefix)), 'every line is prefixed');
    lines.push(all.subarray(at + prefix.length, end));
    at = end + 1;
  }
  return lines;
}

/** Split into chunks of `size` bytes, as a pipe would give them. */
function chunked(bytes: Buffer, size: number): Buffer[] {
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) chunks.push(bytes.subarray(at, at + size));
  return chunks;
}

for (const char of ['é', '€', '😀']) {
  const width = Buffer.byteLength(char);
  for (let into = 1; into < width; into++) {
    test(`a long line of ${width}-byte characters, the cut ${into} byte(s) into one: each piece decodes`, () => {
      // ASCII first, so that the MAX_LINE_BYTES-th byte falls `into` bytes into a character
      const lead = Buffer.alloc((MAX_LINE_BYTES - into) % width, 0x61);
      const line = Buffer.concat([lead, Buffer.from(char.repeat(Math.ceil(70_000 / width)))]);
      assert.ok(
        line.subarray(0, MAX_LINE_BYTES).toString().endsWith('\ufffd'),
        'a cut at the limit would split one',
      );
      for (const size of [65_536, 4_096, 1_000]) {
        const lines = linesOf(feed(chunked(Buffer.concat([line, Buffer.from('\n')]), size), '[x] '), '[x] ');
        assert.equal(lines.length, 2, `chunks of ${size}: two pieces`);
        assert.ok(Buffer.concat(lines).equals(line), 'the pieces put together are the line');
        for (const piece of lines) {
          assert.ok(piece.length <= MAX_LINE_BYTES, 'no piece is longer than the limit');
          assert.ok(!piece.toString().includes('\ufffd'), 'each piece decodes on its own');
        }
        assert.equal(lines[0]?.length, MAX_LINE_BYTES - into, 'cut at the character before the limit');
      }
    });
  }
}

test('invalid UTF-8 at the cut: cut at the limit, every byte unaltered', () => {
  const line = Buffer.concat([
    Buffer.alloc(MAX_LINE_BYTES - 1, 0x61),
    Buffer.from([0xe2, 0xe9, 0xff, 0x80]),
    Buffer.alloc(10, 0x62),
  ]);
  const lines = linesOf(feed(chunked(Buffer.concat([line, Buffer.from('\n')]), 1_000), 'P '), 'P ');
  assert.deepEqual(
    lines.map((l) => l.length),
    [MAX_LINE_BYTES, line.length - MAX_LINE_BYTES],
  );
  assert.ok(Buffer.concat(lines).equals(line));
  // a read that ends just after the lead byte cannot tell: the byte goes to the next piece
  const split = linesOf(feed(chunked(Buffer.concat([line, Buffer.from('\n')]), 65_536), 'P '), 'P ');
  assert.deepEqual(
    split.map((l) => l.length),
    [MAX_LINE_BYTES - 1, line.length - MAX_LINE_BYTES + 1],
  );
  assert.ok(Buffer.concat(split).equals(line));
});

test('a line of exactly MAX_LINE_BYTES is not cut when its newline comes in the same read', () => {
  const line = Buffer.alloc(MAX_LINE_BYTES, 0x61);
  const lines = linesOf(feed([Buffer.concat([line, Buffer.from('\nnext\n')])], 'P '), 'P ');
  assert.deepEqual(
    lines.map((l) => l.length),
    [MAX_LINE_BYTES, 4],
  );
  // in a later read, it is cut (its bytes are not held): the newline ends an empty line
  const later = linesOf(feed([line, Buffer.from('\nnext\n')], 'P '), 'P ');
  assert.deepEqual(
    later.map((l) => l.length),
    [MAX_LINE_BYTES, 0, 4],
  );
});

test('binary without newlines: pieces of MAX_LINE_BYTES, the rest ended at the end', () => {
  const bytes = Buffer.alloc(3 * MAX_LINE_BYTES + 7, 0);
  const lines = linesOf(feed(chunked(bytes, 65_536), '[bin] '), '[bin] ');
  assert.deepEqual(
    lines.map((l) => l.length),
    [MAX_LINE_BYTES, MAX_LINE_BYTES, MAX_LINE_BYTES, 7],
  );
});

test('a chunk of empty lines with a long prefix is written in several pieces, all of it', () => {
  const prefix = '[APP/PROC/WEB/SIDECAR/SIDECARS-WEB/0] OUT ';
  const pieces = feed([Buffer.alloc(65_536, 0x0a)], prefix);
  assert.ok(pieces.length > 1, 'more than the buffer holds at once');
  for (const piece of pieces) assert.ok(piece.length <= OUTPUT_BUFFER_BYTES);
  const lines = linesOf(pieces, prefix);
  assert.equal(lines.length, 65_536);
  assert.ok(lines.every((l) => l.length === 0));
});

/** Lines of every kind a child writes, the last left unterminated, as one stream of bytes. */
const MIXED = Buffer.concat([
  Buffer.from('plain\nwindows\r\n\r\n\nhéllo wörld € 😀\n'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)), // binary, with a newline (0x0a) in it
  Buffer.from('\n'),
  // a long line of 3-byte characters: cut once, between two of them
  Buffer.from(`${'x'.repeat(101)}${'€'.repeat(30_000)}\n`),
  Buffer.from('last, unterminated 😀'),
]);

/** Seeded pseudo-random sizes (mulberry32), so a failure can be replayed. */
function randomSizes(seed: number, max: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return 1 + (((t ^ (t >>> 14)) >>> 0) % max);
  };
}

/** `bytes` cut at each of `cuts` (offsets, ascending). */
function cutAt(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const chunks: Buffer[] = [];
  let from = 0;
  for (const cut of [...cuts, bytes.length]) {
    if (cut > from) chunks.push(bytes.subarray(from, cut));
    from = Math.max(from, cut);
  }
  return chunks;
}

test('the same lines, prefixed, wherever the reads cut: CRLF, binary, UTF-8, a long line, no final newline', () => {
  const prefix = '[side] ';
  const whole = Buffer.concat(feed([MIXED], prefix));
  const lines = linesOf([whole], prefix);
  const euros = Math.floor((MAX_LINE_BYTES - 101) / 3);
  const longAt = lines.findIndex((line) => line.length === 101 + 3 * euros);
  assert.ok(
    longAt > 0 && (MAX_LINE_BYTES - 101) % 3 !== 0,
    'the long line is cut before the € the limit falls into',
  );
  assert.equal(lines[longAt + 1]?.toString(), '€'.repeat(30_000 - euros));
  const expected = MIXED.toString('latin1').split('\n');
  assert.deepEqual(
    lines.map((line) => line.toString('latin1')).filter((_, i) => i !== longAt && i !== longAt + 1),
    expected.filter((line) => line.length < MAX_LINE_BYTES),
    'every other line is one line, as written (its CR kept)',
  );
  assert.equal(lines.at(-1)?.toString(), 'last, unterminated 😀', 'the unterminated last line, ended');
  assert.ok(lines.every((line) => !line.toString().includes('\ufffd') || line.includes(0xff)));

  const chunkings: Buffer[][] = [];
  // one cut anywhere among the short lines, around the long line's cut, and in the last line
  const longStart = MIXED.indexOf('xxx');
  const around = [
    ...Array.from({ length: longStart + 2 }, (_, i) => i),
    ...Array.from({ length: 16 }, (_, i) => longStart + MAX_LINE_BYTES - 8 + i),
    ...Array.from({ length: 30 }, (_, i) => MIXED.length - 30 + i),
  ];
  for (const cut of around) chunkings.push(cutAt(MIXED, [cut]));
  for (const size of [1, 2, 3, 5, 7, 80, 4_096, 65_536]) chunkings.push(chunked(MIXED, size));
  for (let seed = 1; seed <= 40; seed++) {
    const next = randomSizes(seed, seed % 2 === 0 ? 64 : 20_000);
    const cuts: number[] = [];
    for (let at = next(); at < MIXED.length; at += next()) cuts.push(at);
    chunkings.push(cutAt(MIXED, cuts));
  }
  for (const chunks of chunkings) {
    const out = Buffer.concat(feed(chunks, prefix));
    if (!out.equals(whole)) {
      const sizes = chunks.map((c) => c.length);
      assert.fail(`reads of ${JSON.stringify(sizes.slice(0, 12))}…: not the same lines`);
    }
  }
});
