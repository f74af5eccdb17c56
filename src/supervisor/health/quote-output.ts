import type { Censor } from '../secrets/censor.js';

const isHighSurrogate = (unit: number): boolean => unit >= 0xd800 && unit <= 0xdbff;

/**
 * What a failing check's detail quotes of its output: the last line, at most `maxChars`, with every
 * secret masked, also a multi-line one and a piece of one that a cut left (the output kept began
 * inside it, or the line is longer than `maxChars`): the detail goes into events, finished.json
 * and the run's summary.
 */
export function toQuotedLine(
  output: string,
  opts: { cutAtStart: boolean; maxChars: number; censor: Censor },
): string {
  const text = opts.censor.text(output).trim();
  const lineStart = text.lastIndexOf('\n') + 1;
  const line = text.slice(lineStart);
  if (line === '') return '';
  // never half a surrogate pair: a lone one would show as U+FFFD
  const high = line.length > opts.maxChars && isHighSurrogate(line.charCodeAt(opts.maxChars - 1));
  const quoted = Buffer.from(line.slice(0, high ? opts.maxChars - 1 : opts.maxChars));
  const edges = { start: opts.cutAtStart && lineStart === 0, end: line.length > opts.maxChars };
  return opts.censor.bytes(quoted, edges).toString();
}
