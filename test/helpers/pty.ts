import { spawn } from 'node:child_process';

import { collectLines, REPO_DIR, type RunningCli, SIDECARS_JS } from './run-sidecars.js';
import { SHIPPED_NODE, toShippedPath } from './shipped-node.js';

function toShellWord(word: string): string {
  return `'${word.replaceAll("'", "'\\''")}'`;
}

/**
 * Starts `sidecars ARGS` on a pseudo-terminal, as a user's shell would: util-linux `script -qfec`
 * gives it a terminal for stdout (and so isatty), and passes its exit code on. The lines come
 * back without the terminal's \r. `pid` is script's: the supervisor is its child.
 */
export function startSidecarsInPty(args: string[], opts: { env: Record<string, string> }): RunningCli {
  const command = [SHIPPED_NODE, SIDECARS_JS, ...args].map(toShellWord).join(' ');
  const child = spawn('script', ['-qfec', command, '/dev/null'], {
    cwd: REPO_DIR,
    env: { PATH: toShippedPath(), TERM: 'xterm-256color', ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const raw: string[] = [];
  const stderr: string[] = [];
  if (child.stdout !== null) collectLines(child.stdout, raw);
  if (child.stderr !== null) collectLines(child.stderr, stderr);
  const lines: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => {
      lines.push(...raw.map((line) => line.replace(/\r$/, '')));
      resolve({ code, signal });
    });
  });
  if (child.pid === undefined) throw new Error('could not start script');
  return { child, pid: child.pid, lines, stderr, exited, text: () => [...lines, ...stderr].join('\n') };
}
