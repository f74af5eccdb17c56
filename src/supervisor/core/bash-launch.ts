import { type ChildProcess, spawn, type StdioOptions } from 'node:child_process';
import { realpathSync, statSync } from 'node:fs';

import { executableFile } from './program-file.js';

/** How a command is started: what `spawn` is given. */
export interface Launch {
  file: string;
  args: string[];
  /** argv[0], where it is not `file` */
  argv0?: string;
  env: Readonly<Record<string, string>>;
}

// bash 5's builtins and reserved words: a first word among them is run by bash itself
const BASH_OWN = new Set(
  (
    '. : [ alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs ' +
    'disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local ' +
    'logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source suspend ' +
    'test times trap true type typeset ulimit umask unalias unset wait ' +
    'if then else elif fi case esac for select while until do done in function time { } ! [[ ]] coproc'
  ).split(' '),
);

// variables bash reads, resets, drops or adds on the way to its exec: where the environment holds
// one, bash starts the command (SHLVL, PWD, OLDPWD and _ are mirrored below)
const BASH_READS = new Set(
  (
    'IFS PS1 PS2 PS3 PS4 OPTIND OPTARG OPTERR PPID UID EUID GROUPS RANDOM SRANDOM SECONDS LINENO ' +
    'HISTCMD FUNCNAME DIRSTACK PIPESTATUS EPOCHSECONDS EPOCHREALTIME SHELLOPTS BASHOPTS ' +
    'POSIXLY_CORRECT ENV CDPATH GLOBIGNORE HOSTTYPE MACHTYPE OSTYPE COMP_WORDBREAKS TIMEFORMAT'
  ).split(' '),
);

/** a word bash takes as it is: no quote, expansion, glob, redirection, operator or comment */
const PLAIN_WORD = /^[\w./:@%+,=-]+$/;

/**
 * The words of a command that is one simple command of plain words — what bash would only look
 * up and exec — or null. The first word is not a builtin, reserved word, assignment or job.
 */
export function plainWords(command: string): string[] | null {
  // bash splits on blanks; trim() would also take what bash keeps in a word (a no-break space)
  const words = command.replace(/^ +| +$/g, '').split(/ +/);
  if (words.length === 0 || !words.every((word) => PLAIN_WORD.test(word))) return null;
  const first = words[0] as string;
  if (BASH_OWN.has(first) || first.includes('=') || first.startsWith('%')) return null;
  return words;
}

/**
 * The environment bash gives a command it execs, or null where bash would do more with it than
 * this mirrors: SHLVL as it came (bash raises it, and lowers it again for its last command; "0"
 * where unset), PWD the working directory, OLDPWD kept only where it names a directory
 * (`oldPwdIsDir`), `_` the program's path.
 */
export function bashExecEnv(
  env: Readonly<Record<string, string>>,
  pwd: string,
  programPath: string,
  oldPwdIsDir: boolean,
): Record<string, string> | null {
  for (const name of Object.keys(env)) {
    // a name bash reads, or one that is no name (bash drops "=x", splits "A=B=c" at its first "=")
    if (BASH_READS.has(name) || name.startsWith('BASH') || name === '' || name.includes('=')) return null;
  }
  // a locale bash cannot set makes it warn on stderr (LC_ALL only; LANG and LC_* stay silent)
  const lcAll = env.LC_ALL;
  if (lcAll !== undefined && !/^(|C|POSIX|C\.UTF-8|C\.utf8)$/.test(lcAll)) return null;
  const shlvl = env.SHLVL;
  if (shlvl !== undefined && !/^(0|[1-9]\d{0,2})$/.test(shlvl)) return null;
  if (shlvl !== undefined && Number(shlvl) >= 999) return null; // bash warns, and resets it
  const out: Record<string, string> = { ...env, PWD: pwd, SHLVL: shlvl ?? '0', _: programPath };
  if (!oldPwdIsDir) delete out.OLDPWD;
  return out;
}

/**
 * What bash would set PWD to in `cwd`: the environment's PWD where it is that same string (and
 * plain), the physical path where the environment has none or names another directory; null
 * where it names the same directory by another path (bash keeps it; its rules are not mirrored).
 */
function pwdIn(cwd: string, envPwd: string | undefined): string | null {
  if (envPwd === cwd) return isPlainAbsolute(cwd) ? cwd : null;
  if (envPwd !== undefined) {
    // /proc/self/cwd, /dev/fd/…: what they name depends on the process that looks
    if (!isPlainAbsolute(envPwd) || /^\/(proc|dev)\//.test(envPwd)) return null;
    try {
      const a = statSync(envPwd);
      const b = statSync(cwd);
      if (a.dev === b.dev && a.ino === b.ino) return null;
    } catch {
      // gone: bash sets its own
    }
  }
  return realpathSync(cwd);
}

function isDirectory(dir: string): boolean {
  try {
    return dir !== '' && statSync(dir).isDirectory();
  } catch {
    return false;
  }
}

function isPlainAbsolute(dir: string): boolean {
  // no "." or ".." part, no "//", no trailing "/": the spelling bash keeps as it is
  return dir === '/' || (dir.startsWith('/') && !dir.endsWith('/') && !/(^|\/)\.\.?(\/|$)|\/\//.test(dir));
}

/**
 * The file bash would exec for `word` (by its path, or the first executable file of that name on
 * PATH), where the kernel runs it as it is (program-file.ts); null otherwise: bash's to run.
 */
function programFor(word: string, cwd: string, pathVar: string | undefined): string | null {
  if (word.includes('/')) {
    return executableFile(word.startsWith('/') ? word : `${cwd}/${word}`) === 'program' ? word : null;
  }
  if (pathVar === undefined) return null;
  for (const dir of pathVar.split(':')) {
    if (!dir.startsWith('/')) return null; // "" or a relative entry: bash looks in the cwd
    const full = dir.endsWith('/') ? `${dir}${word}` : `${dir}/${word}`;
    const found = executableFile(full);
    if (found === 'no') continue;
    return found === 'program' ? full : null;
  }
  return null;
}

/**
 * How `bash -c COMMAND` starts in `cwd` with `env`. Where bash would only find the first word on
 * PATH and exec it (plainWords), the supervisor execs it the same way, with the environment bash
 * would give it (bashExecEnv): one bash start less (~4–5 ms here) for each sidecar start and each
 * exec check. Anything else, and any doubt, is bash's: `bash -c COMMAND`.
 */
export function bashLaunch(command: string, cwd: string, env: Readonly<Record<string, string>>): Launch {
  const viaBash: Launch = { file: 'bash', args: ['-c', command], env };
  const words = plainWords(command);
  if (words === null) return viaBash;
  const [first, ...args] = words as [string, ...string[]];
  try {
    const program = programFor(first, cwd, env.PATH);
    if (program === null) return viaBash;
    const pwd = pwdIn(cwd, env.PWD);
    if (pwd === null) return viaBash;
    const oldPwd = env.OLDPWD;
    if (oldPwd !== undefined && oldPwd !== '' && !oldPwd.startsWith('/')) return viaBash;
    const execEnv = bashExecEnv(env, pwd, program, oldPwd !== undefined && isDirectory(oldPwd));
    if (execEnv === null) return viaBash;
    return { file: program, args, argv0: first, env: execEnv };
  } catch {
    return viaBash; // a cwd that is gone, a PATH entry that cannot be read: bash says what
  }
}

/**
 * Spawns `bash -c COMMAND` as bashLaunch says. A program the kernel then refuses (an ELF for
 * another machine or whose loader is missing, a "#!" interpreter that is not there) is handed to
 * bash after all, so that bash reports it (`bad interpreter`, exit 126/127) as it always did.
 */
export function spawnBashCommand(
  command: string,
  opts: { cwd: string; env: Readonly<Record<string, string>>; detached: boolean; stdio: StdioOptions },
): ChildProcess {
  const { cwd, detached, stdio } = opts;
  const launch = bashLaunch(command, cwd, opts.env);
  if (launch.file !== 'bash') {
    try {
      const child = spawn(launch.file, launch.args, {
        argv0: launch.argv0,
        cwd,
        env: launch.env,
        detached,
        stdio,
      });
      if (child.pid !== undefined) return child;
      child.once('error', () => undefined); // ENOENT, EACCES: bash says which, below
      for (const stream of child.stdio) stream?.destroy();
    } catch {
      // ENOEXEC and the like (spawn throws them): bash says which
    }
  }
  return spawn('bash', ['-c', command], { cwd, env: opts.env, detached, stdio });
}
