// tree-kill, loaded so that it cannot end the supervisor. It walks a tree with one `ps --ppid`
// (Linux) or `pgrep -P` (macOS) per process, then signals what it found, children before parents.
// It spawns those without listening for 'error': a spawn that fails (no `ps` on PATH, EAGAIN under
// the container's pids limit, EMFILE) would be an unhandled 'error' event, an uncaught exception.
// It takes child_process.spawn once, when it loads; so it is loaded while spawn is one that listens
// for errors. A failed step then closes with a non-zero code, which tree-kill reads as "no
// children": the walk ends, and the caller's own signals to the groups and pids it knows remain.
import childProcess from 'node:child_process';

/** Signals `pid` and every descendant tree-kill finds; resolves when done, with what went wrong, if anything. */
export type SignalTreeWalk = (pid: number, signal: NodeJS.Signals) => Promise<Error | null>;

type Spawn = typeof childProcess.spawn;

/** tree-kill's spawn(command, args): with `env` (the supervisor's helper token), errors listened for. */
function guardSpawn(spawn: Spawn, env: Readonly<Record<string, string>> | undefined): Spawn {
  return ((command: string, args: readonly string[]) => {
    const child = spawn(command, args, env === undefined ? {} : { env });
    child.on('error', () => undefined); // 'close' follows, with a negative code
    return child;
  }) as Spawn;
}

export async function loadTreeKill(env?: Readonly<Record<string, string>>): Promise<SignalTreeWalk> {
  const spawn = childProcess.spawn;
  childProcess.spawn = guardSpawn(spawn, env);
  let treeKill: (pid: number, signal: string, callback: (error?: Error) => void) => void;
  try {
    treeKill = (await import('tree-kill')).default;
  } finally {
    childProcess.spawn = spawn;
  }
  return (pid, signal) =>
    new Promise((resolve) => {
      try {
        // an error is EPERM on one pid (a number another user's process took): tree-kill then
        // stops signalling the rest, which the caller's own signals still reach
        treeKill(pid, signal, (error) => resolve(error ?? null));
      } catch (error) {
        resolve(error as Error);
      }
    });
}
