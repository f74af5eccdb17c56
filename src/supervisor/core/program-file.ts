import { accessSync, closeSync, constants, openSync, readSync, statSync } from 'node:fs';

/** ELF e_machine of the machines Node.js runs the supervisor on (x86-64, AArch64) */
const MACHINES: Readonly<Record<string, number>> = { x64: 62, arm64: 183 };
/** what the kernel reads of a file to exec it (BINPRM_BUF_SIZE) */
const HEAD_BYTES = 256;

/**
 * What the kernel would do with a file that starts with `head`: run it as an ELF executable of
 * this machine ('elf'), run the "#!" line's absolute interpreter (its path), or null: anything
 * else (another machine's ELF, no "#!", a relative or cut interpreter), which exec(2) refuses and
 * bash then handles itself (it runs a file without "#!" as a bash script).
 */
export function kernelRuns(
  head: Buffer,
  arch: string = process.arch,
): 'elf' | { interpreter: string } | null {
  if (head.length >= 20 && head.readUInt32BE(0) === 0x7f454c46) {
    const machine = MACHINES[arch];
    const type = head.readUInt16LE(16);
    // 64-bit, little-endian, an executable or a PIE, for this machine
    const ours =
      head[4] === 2 && head[5] === 1 && (type === 2 || type === 3) && head.readUInt16LE(18) === machine;
    return ours ? 'elf' : null;
  }
  if (head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return null;
  const end = head.indexOf(0x0a);
  if (end < 0) return null; // the line goes on past what the kernel reads
  const interpreter = /^[ \t]*([^ \t]+)/.exec(head.toString('latin1', 2, end))?.[1];
  return interpreter?.startsWith('/') === true ? { interpreter } : null;
}

/**
 * 'no': not there, or not a file this user may execute (bash looks on along PATH); 'program': an
 * ELF executable of this machine, or a "#!" script whose interpreter is one; 'other': anything
 * else (bash runs it as a script, or says why it cannot).
 */
export function executableFile(file: string): 'no' | 'program' | 'other' {
  try {
    if (!statSync(file).isFile()) return 'no';
    accessSync(file, constants.X_OK); // as bash checks it: for the user the supervisor runs as
  } catch {
    return 'no';
  }
  const runs = readHead(file);
  if (runs === null) return 'other';
  if (runs === 'elf') return 'program';
  try {
    if (!statSync(runs.interpreter).isFile()) return 'other';
    accessSync(runs.interpreter, constants.X_OK);
  } catch {
    return 'other';
  }
  return readHead(runs.interpreter) === 'elf' ? 'program' : 'other';
}

function readHead(file: string): ReturnType<typeof kernelRuns> {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    return kernelRuns(head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)));
  } catch {
    return null; // executable but unreadable: exec(2) may still run it; bash decides
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
