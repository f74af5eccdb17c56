import assert from 'node:assert/strict';
import { test } from 'node:test';

import '../../../helpers/no-warnings.js';
import { createSecretMatcher } from '../../../../src/supervisor/secrets/secret-matcher.js';

/** Every occurrence, the slow and obvious way. */
function findNaively(bytes: Buffer, secrets: readonly Buffer[]): string[] {
  const out: string[] = [];
  for (const secret of secrets)
    for (let at = 0; at + secret.length <= bytes.length; at++)
      if (bytes.subarray(at, at + secret.length).equals(secret)) out.push(`${at}-${at + secret.length}`);
  return out.sort();
}

/** A small deterministic generator (xorshift), so a failure can be replayed. */
function createRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) % below;
  };
}

test('find: every occurrence of every secret, short and long, overlapping ones too, as a naive search finds them', () => {
  const random = createRandom(20_261_126);
  const alphabet = 'ab01-';
  const word = (length: number): string =>
    Array.from({ length }, () => alphabet[random(alphabet.length)] ?? 'a').join('');
  for (let round = 0; round < 300; round++) {
    const secrets = Array.from({ length: 1 + random(12) }, () => Buffer.from(word(4 + random(14))));
    const parts = Array.from({ length: 20 }, () =>
      random(3) === 0 ? (secrets[random(secrets.length)] ?? Buffer.alloc(0)) : Buffer.from(word(random(9))),
    );
    const bytes = Buffer.concat(parts);
    const found = createSecretMatcher(secrets)
      .find(bytes)
      .map(([start, end]) => `${start}-${end}`)
      .sort();
    assert.deepEqual(found, findNaively(bytes, secrets), `round ${round}: ${bytes.toString()}`);
  }
});

test('the edges: the end of a secret at the start, the start of one still being written at the end', () => {
  const matcher = createSecretMatcher([Buffer.from('hunter2-secret'), Buffer.from('5432')]);
  assert.equal(matcher.cutAtStart(Buffer.from('secret and more')), 6);
  assert.equal(matcher.cutAtStart(Buffer.from('et and more')), 0, 'two bytes tell nothing');
  assert.equal(matcher.pendingAtEnd(Buffer.from('line\nhunter2-')), 8);
  assert.equal(matcher.pendingAtEnd(Buffer.from('port 54')), 2);
  assert.equal(matcher.pendingAtEnd(Buffer.from('port 54'), 3), 0);
  assert.equal(matcher.pendingAtEnd(Buffer.from('a whole line\n')), 0);
});
