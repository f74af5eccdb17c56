/**
 * The sidecar names a shell command waits for with `sidecars wait NAME... [--timeout S]`
 * (`sidecars`, or any path ending in `/sidecars`, e.g. "$DEPS_DIR/0/bin/sidecars"). Pure; a
 * best-effort reading of the command, as staging only uses it to catch a deadlock.
 */
export function parseWaitedSidecars(command: string): string[] {
  const names: string[] = [];
  for (const segment of command.split(/&&|\|\||[;|&()\n]/)) {
    const words = segment.trim().split(/\s+/);
    const at = words.findIndex(
      (word, index) => /(^|\/)sidecars["']?$/.test(word) && words[index + 1] === 'wait',
    );
    if (at < 0) continue;
    for (let i = at + 2; i < words.length; i += 1) {
      const word = words[i] ?? '';
      if (word === '--timeout') {
        i += 1;
        continue;
      }
      if (word.startsWith('-')) continue;
      const name = word.replace(/^["']|["']$/g, '');
      if (name !== '' && !names.includes(name)) names.push(name);
    }
  }
  return names;
}
