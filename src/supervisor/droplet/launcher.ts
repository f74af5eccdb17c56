/** `'it'\''s'`: one shell word whatever the text holds. */
export function quoteShell(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * What the platform's launcher does before each command (app and every sidecar): cd to the app
 * dir, source ../profile.d/* and .profile.d/* (and .profile), then `exec bash -c COMMAND`.
 * Run with `bash -c`, so the tree's root pid stays the same through both execs.
 */
export function toLauncherCommand(command: string): string {
  return [
    'cd "$HOME" || exit 1',
    'for f in ../profile.d/* .profile.d/*; do if [ -f "$f" ]; then . "$f"; fi; done; unset f',
    'if [ -f .profile ]; then . ./.profile; fi',
    `exec bash -c ${quoteShell(command)}`,
  ].join('\n');
}
