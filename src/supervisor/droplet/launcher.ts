import { ENV_REPORT_FD } from '../core/env-report.js';

/** `'it'\''s'`: one shell word whatever the text holds. */
export function quoteShell(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/**
 * After the scripts: every exported variable as `NAME=VALUE\0`, then an empty record, on the report
 * fd, which is then closed so that the command never holds it (env-report.ts). Bash builtins only.
 */
const NAME = '__sidecars_env_name';
const REPORT_ENV = [
  `{ while IFS= read -r ${NAME}; do printf '%s=%s\\0' "$${NAME}" "\${!${NAME}}"; done < <(compgen -e); printf '\\0'; } 2>/dev/null >&${ENV_REPORT_FD}`,
  `exec ${ENV_REPORT_FD}>&-; unset ${NAME}`,
];

/**
 * What the platform's launcher does before each command (app and every sidecar): cd to the app
 * dir, source ../profile.d/* and .profile.d/* (and .profile), then `exec bash -c COMMAND`.
 * Run with `bash -c`, so the tree's root pid stays the same through both execs. With `reportEnv`,
 * it first reports the environment the scripts left to the supervisor (what they export may be
 * a secret, to be masked in what the supervisor writes).
 */
export function toLauncherCommand(command: string, opts: { reportEnv?: boolean } = {}): string {
  return [
    'cd "$HOME" || exit 1',
    'for f in ../profile.d/* .profile.d/*; do if [ -f "$f" ]; then . "$f"; fi; done; unset f',
    'if [ -f .profile ]; then . ./.profile; fi',
    ...(opts.reportEnv === true ? REPORT_ENV : []),
    `exec bash -c ${quoteShell(command)}`,
  ].join('\n');
}
