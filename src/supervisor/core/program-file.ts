import { accessSync, closeSync, constants, openSync, readSync, type Stats, statSync } from 'node:fs';

/** ELF e_machine of the machines Node.js runs the supervisor on (x86-64, AArch64) */
const MACHINES: Readonly<Record<string, number>> = { x64: 62, arm64: 183 };
/** what is read of a file: its "#!" line (the kernel reads 256 bytes), an ELF's program headers */
const HEAD_BYTES = 4096;
const PT_INTERP = 3;
const PHDR_SIZE = 56;

/** How the kernel would run a file: as an ELF (through its loader, if it names one), or a "#!" script. */
export type KernelRuns = { kind: 'elf'; loader: string | null } | { kind: 'script'; interpreter: string };

/**
 * How the kernel would run a file of `size` bytes that starts with `head`, or null where exec(2)
 * would refuse it or this cannot tell (another machine's ELF, program headers out of the file or
 * past the head, a "#!" line without an absolute interpreter or cut by the kernel's 256 bytes, no
 * "#!" at all). Refused programs are bash's: it reports them (exit 126), or runs a file without
 * "#!" as a bash script; glibc's execvp would run them with /bin/sh instead.
 */
export function kernelRuns(head: Buffer, size: number, arch: string = process.arch): KernelRuns | null {
  if (head.length >= 64 && head.readUInt32BE(0) === 0x7f454c46) return elfRuns(head, size, MACHINES[arch]);
  if (head.length < 2 || head[0] !== 0x23 || head[1] !== 0x21) return null;
  const end = head.subarray(0, 256).indexOf(0x0a);
  if (end < 0) return null; // the line goes on past what the kernel reads
  const interpreter = /^[ \t]*([^ \t]+)/.exec(head.toString('latin1', 2, end))?.[1];
  return interpreter?.startsWith('/') === true ? { kind: 'script', interpreter } : null;
}

function elfRuns(head: Buffer, size: number, machine: number | undefined): KernelRuns | null {
  const type = head.readUInt16LE(16);
  // 64-bit, little-endian, an executable or a PIE, for this machine
  if (head[4] !== 2 || head[5] !== 1 || (type !== 2 && type !== 3) || head.readUInt16LE(18) !== machine)
    return null;
  const phoff = Number(head.readBigUInt64LE(32));
  const phnum = head.readUInt16LE(56);
  const tableEnd = phoff + phnum * PHDR_SIZE;
  if (head.readUInt16LE(54) !== PHDR_SIZE || phnum === 0 || tableEnd > size || tableEnd > head.length)
    return null;
  for (let at = phoff; at < tableEnd; at += PHDR_SIZE) {
    if (head.readUInt32LE(at) !== PT_INTERP) continue;
    const offset = Number(head.readBigUInt64LE(at + 8));
    const length = Number(head.readBigUInt64LE(at + 32));
    if (offset + length > head.length || length < 2) return null;
    const loader = head.toString('latin1', offset, offset + length - 1); // NUL-terminated
    return loader.startsWith('/') && !loader.includes('\0') ? { kind: 'elf', loader } : null;
  }
  return { kind: 'elf', loader: null };
}

/**
 * 'no': not there, a directory, or not executable by this user (bash looks on along PATH);
 * 'program': a file the kernel runs as it is (an ELF of this machine whose loader is one, or a "#!"
 * script whose interpreter is one); 'other': anything else (bash runs it, or says why it cannot).
 */
export function executableFile(file: string): 'no' | 'program' | 'other' {
  const found = statExecutable(file);
  if (found === null || found.isDirectory()) return 'no';
  // a device, a FIFO, a socket: bash says what exec(2) says
  return found.isFile() && runsFrom(file, found.size, 'program') ? 'program' : 'other';
}

/** `file`'s stat where it is there and this user may execute it (as bash checks: X_OK), else null */
function statExecutable(file: string): Stats | null {
  try {
    const stat = statSync(file);
    accessSync(file, constants.X_OK);
    return stat;
  } catch {
    return null;
  }
}

/**
 * The kernel runs `file` (`size` bytes) as it is, and so each file it is run with: a script's
 * interpreter (an ELF, not another script), an ELF's loader (an ELF that names none).
 */
function runsFrom(file: string, size: number, role: 'program' | 'interpreter' | 'loader'): boolean {
  const runs = readHead(file, size);
  if (runs === null) return false;
  const next = runs.kind === 'script' ? runs.interpreter : runs.loader;
  if (next === null) return true;
  if (runs.kind === 'script' ? role !== 'program' : role === 'loader') return false;
  const found = statExecutable(next);
  return (
    found !== null &&
    found.isFile() &&
    runsFrom(next, found.size, runs.kind === 'script' ? 'interpreter' : 'loader')
  );
}

function readHead(file: string, size: number): KernelRuns | null {
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const head = Buffer.alloc(HEAD_BYTES);
    return kernelRuns(head.subarray(0, readSync(fd, head, 0, HEAD_BYTES, 0)), size);
  } catch {
    return null; // executable but unreadable: exec(2) may still run it; bash decides
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
