// Loads a command's bundle (lib/sidecars-<command>.cjs) with the V8 code cache packaged beside it,
// <bundle>.v8cache: `npm run package` writes it from a training run of the command on the shipped
// Node.js (src/packaging/code-cache.ts), so the functions the supervisor runs while it starts come
// compiled instead of being parsed and compiled on their first call (~20 ms of `run`'s start-up).
// The cache file begins with the very bundle it was made from: V8 checks a cache against its own
// version and flags but only against the source's length, so a bundle edited by hand to the same
// length would otherwise run the old code. Comparing bytes costs a read and a memcmp; a sha256
// would load OpenSSL (+1.6 MB of the supervisor's declared RSS), zlib's crc32 +0.8 MB. A cache for
// other bytes, or one V8 rejects (another Node.js), is ignored and the bundle compiles as usual.
// NODE_DEBUG=sidecars says which happened.
import { isAscii } from 'node:buffer';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { debuglog } from 'node:util';
import { Script } from 'node:vm';

export const CODE_CACHE_EXT = '.v8cache';
/** Set to 1 by packaging's training run: each loaded bundle writes its code cache at exit. */
export const WRITE_CODE_CACHE_ENV = 'SIDECARS_WRITE_CODE_CACHE';

const debug = debuglog('sidecars');

type CommonJsBody = (
  exports: unknown,
  require: NodeJS.Require,
  module: { exports: unknown },
  filename: string,
  dirname: string,
) => void;

export function isTrainingCodeCache(): boolean {
  return process.env[WRITE_CODE_CACHE_ENV] === '1';
}

/** A cache file: the bundle's length (u32, big-endian), the bundle's bytes, then V8's data. */
const LENGTH_BYTES = 4;

function toCacheFile(bundle: Buffer, v8Data: Buffer): Buffer {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(bundle.length);
  return Buffer.concat([length, bundle, v8Data]);
}

/** V8's data in `cache` when the cache was made from exactly `bundle`, else null. */
function fromCacheFile(cache: Buffer, bundle: Buffer): Buffer | null {
  if (cache.length <= LENGTH_BYTES || cache.readUInt32BE(0) !== bundle.length) return null;
  const end = LENGTH_BYTES + bundle.length;
  if (cache.length <= end || !bundle.equals(cache.subarray(LENGTH_BYTES, end))) return null;
  return cache.subarray(end);
}

/** require(file) for a CommonJS bundle, through its code cache when made from these bytes and V8 takes it. */
export function loadBundle(file: string): unknown {
  const cacheFile = `${file}${CODE_CACHE_EXT}`;
  const bytes = readFileSync(file);
  const cache = readCache(cacheFile);
  const cachedData = cache === undefined ? null : fromCacheFile(cache, bytes);
  // the wrapper Node.js puts around a CommonJS module, on the source's first line (same line numbers)
  const source = `(function (exports, require, module, __filename, __dirname) {${toSourceText(bytes)}\n})`;
  const script = new Script(source, { filename: file, ...(cachedData !== null && { cachedData }) });
  const name = path.basename(file);
  if (cache === undefined) debug('%s: no code cache', name);
  else if (cachedData === null) debug('%s: code cache is for other bytes than this bundle: not used', name);
  else debug('%s: code cache %s', name, script.cachedDataRejected ? 'rejected' : 'accepted');
  const module = { exports: {} };
  const body = script.runInThisContext() as CommonJsBody;
  body.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file));
  if (isTrainingCodeCache()) {
    // at exit: the cache then holds every function the run compiled, not just the top level
    process.once('exit', () => writeFileSync(cacheFile, toCacheFile(bytes, script.createCachedData())));
  }
  return module.exports;
}

/**
 * The bundle's text. Packaging writes them in ASCII (bundle.ts): read as latin1 that is a copy into
 * a one-byte string, where UTF-8 decoding took ~8 ms of exec's start on the shipped Node.js, and a
 * single non-ASCII byte (an arrow in a comment) made V8 hold the whole source as two bytes a
 * character (+1.8 MB of exec's RSS). Any other bytes are decoded as UTF-8, as Node.js would.
 */
export function toSourceText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

function readCache(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
