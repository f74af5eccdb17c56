// `sidecars logs`: which lines of a detached run's output it prints. Pure.

/** `[APP/PROC/WEB/0] ` or `[APP/PROC/WEB/SIDECAR/NAME/0] `: the tag run puts before each line. */
const TAG = /^\[APP\/PROC\/([^/\]]+)(?:\/SIDECAR\/([^/\]]+))?\/\d+\] /;

/** The process a prefixed line is from, as its tag names it (upper case); null: not a process's line. */
export function toLineSource(line: string): string | null {
  const match = TAG.exec(line);
  if (match === null) return null;
  return match[2] ?? match[1] ?? null;
}

/** Prefixed lines only (not the supervisor's events); of `names` only, when any are given. */
export function createLineFilter(names: readonly string[]): (line: string) => boolean {
  const wanted = new Set(names.map((name) => name.toUpperCase()));
  return (line) => {
    const source = toLineSource(line);
    return source !== null && (wanted.size === 0 || wanted.has(source));
  };
}

/** Splits `text` (what came after `pending`) into whole lines and the unterminated rest. */
export function splitLines(pending: string, text: string): { lines: string[]; rest: string } {
  const parts = (pending + text).split('\n');
  const rest = parts.pop() ?? '';
  return { lines: parts, rest };
}
