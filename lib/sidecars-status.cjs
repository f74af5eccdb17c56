const __sidecarsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __esm = (fn, res, err) => function __init() {
  if (err) throw err[0];
  try {
    return fn && (res = (0, fn[__getOwnPropNames(fn)[0]])(fn = 0)), res;
  } catch (e) {
    throw err = [e], e;
  }
};
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// src/common/errors.ts
var SidecarError;
var init_errors = __esm({
  "src/common/errors.ts"() {
    "use strict";
    SidecarError = class extends Error {
      constructor(code, message, hint, options) {
        super(message, options);
        this.code = code;
        this.hint = hint;
      }
      code;
      hint;
      name = "SidecarError";
    };
  }
});

// src/common/short-hash.ts
function toShortHash(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, "utf8")) {
    hash = (hash ^ BigInt(byte)) * 0x100000001b3n & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}
var init_short_hash = __esm({
  "src/common/short-hash.ts"() {
    "use strict";
  }
});

// src/supervisor/api/status-address.ts
function toSocketPathProblem(file) {
  const bytes = Buffer.byteLength(file);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return null;
  return `the socket path is ${bytes} bytes, over the ${MAX_SOCKET_PATH_BYTES}-byte limit of a unix socket path`;
}
function toSocketLock(socketPath) {
  return import_node_path.default.join(import_node_path.default.dirname(socketPath), `.${import_node_path.default.basename(socketPath)}.lock`);
}
function toSocketSuffixPid(socketPath) {
  const match = /\.(\d+)\.sock$/.exec(import_node_path.default.basename(socketPath));
  return match === null ? null : Number(match[1]);
}
function toFallbackSocketDir(tmpDir, uid) {
  return import_node_path.default.join(FALLBACK_SOCKET_ROOT, `sidecars-${uid}-${toShortHash(import_node_path.default.resolve(tmpDir))}`);
}
function toAddressText(address) {
  if (address.kind === "unix") return `unix:${address.path}`;
  return address.host.includes(":") ? `[${address.host}]:${address.port}` : `${address.host}:${address.port}`;
}
function isLoopbackHost(host) {
  return host === "::1" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
function parseStatusAddress(text, cwd) {
  const hint = "Use --status unix:PATH or --status 127.0.0.1:PORT (PORT 0 picks a free port).";
  if (text.startsWith("unix:")) {
    const file = text.slice("unix:".length);
    if (file === "") throw new SidecarError("usage", `--status ${text}: no socket path`, hint);
    const resolved = import_node_path.default.resolve(cwd, file);
    const problem = toSocketPathProblem(resolved);
    if (problem !== null) {
      throw new SidecarError(
        "usage",
        `--status ${text}: ${problem}${resolved !== file ? ` (${resolved})` : ""}`,
        "Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0)."
      );
    }
    return { kind: "unix", path: resolved };
  }
  const match = /^(?:\[([^\]]+)\]|([^:]+)):(\d+)$/.exec(text);
  if (match === null) {
    throw new SidecarError("usage", `--status ${text}: not an address (unix:PATH or HOST:PORT)`, hint);
  }
  const rawHost = match[1] ?? match[2] ?? "";
  const port = Number(match[3]);
  if (!Number.isInteger(port) || port > 65535) {
    throw new SidecarError("usage", `--status ${text}: ${match[3] ?? ""} is not a port number`, hint);
  }
  const host = rawHost === "localhost" ? "127.0.0.1" : rawHost;
  if (!isLoopbackHost(host)) {
    throw new SidecarError(
      "usage",
      `--status ${text}: ${rawHost} is not a loopback address; the state API has no authentication and listens only on loopback or a unix socket`,
      hint
    );
  }
  return { kind: "tcp", host, port };
}
var import_node_path, MAX_SOCKET_PATH_BYTES, FALLBACK_SOCKET_ROOT;
var init_status_address = __esm({
  "src/supervisor/api/status-address.ts"() {
    "use strict";
    import_node_path = __toESM(require("node:path"), 1);
    init_short_hash();
    init_errors();
    MAX_SOCKET_PATH_BYTES = process.platform === "linux" ? 107 : 103;
    FALLBACK_SOCKET_ROOT = "/tmp";
  }
});

// src/supervisor/api/errno-text.ts
function toErrnoText(error) {
  const code = error?.code;
  const meaning = code !== void 0 ? MEANINGS[code] : void 0;
  if (code !== void 0 && meaning !== void 0) return `${meaning} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
var MEANINGS;
var init_errno_text = __esm({
  "src/supervisor/api/errno-text.ts"() {
    "use strict";
    MEANINGS = {
      EACCES: "permission denied",
      EPERM: "operation not permitted",
      EROFS: "read-only file system",
      ENOTDIR: "a part of the path is not a directory",
      EEXIST: "a file is in the way",
      ENOENT: "no such file or directory",
      ENOSPC: "no space left on the device",
      EADDRINUSE: "already in use",
      EADDRNOTAVAIL: "address not available on this machine",
      ENAMETOOLONG: "name too long"
    };
  }
});

// src/supervisor/api/private-dir.ts
async function ensurePrivateDir(dir, uid) {
  const { mkdir: mkdir2, open: open2 } = await Promise.resolve().then(() => __toESM(require("node:fs/promises"), 1));
  const refuse = (why, hint, cause) => new SidecarError("usage", `${dir} is not a private directory of ours: ${why}`, hint, { cause });
  try {
    await mkdir2(dir, { mode: PRIVATE_MODE });
    return;
  } catch (error) {
    if (error.code !== "EEXIST") {
      throw refuse(`cannot make it: ${toErrnoText(error)}`, "Check that it can be made.", error);
    }
  }
  let handle;
  try {
    handle = await open2(dir, import_node_fs.constants.O_RDONLY | import_node_fs.constants.O_DIRECTORY | import_node_fs.constants.O_NOFOLLOW);
  } catch (error) {
    const code = error.code;
    throw refuse(
      code === "ENOTDIR" || code === "ELOOP" ? "it is a file or a symbolic link, not a directory" : `it cannot be opened: ${toErrnoText(error)}`,
      `Remove ${dir} if you made it; if another user did, tell them.`,
      error
    );
  }
  try {
    const stats = await handle.stat();
    if (stats.uid !== uid) {
      throw refuse(
        `it belongs to uid ${stats.uid}, not to uid ${uid}`,
        "Another user made it first; remove it as root, or ask them to."
      );
    }
    if ((stats.mode & SHARED_BITS) !== 0) {
      throw refuse(
        `its mode is 0${(stats.mode & 511).toString(8)}, not 0700`,
        `Remove ${dir}; the next run makes it again, 0700.`
      );
    }
  } finally {
    await handle.close();
  }
}
async function isPrivateDir(dir, uid) {
  const { lstat: lstat2 } = await Promise.resolve().then(() => __toESM(require("node:fs/promises"), 1));
  try {
    const stats = await lstat2(dir);
    return stats.isDirectory() && stats.uid === uid && (stats.mode & SHARED_BITS) === 0;
  } catch {
    return false;
  }
}
var import_node_fs, PRIVATE_MODE, SHARED_BITS;
var init_private_dir = __esm({
  "src/supervisor/api/private-dir.ts"() {
    "use strict";
    import_node_fs = require("node:fs");
    init_errors();
    init_errno_text();
    PRIVATE_MODE = 448;
    SHARED_BITS = 63;
  }
});

// src/supervisor/claim/start-time.ts
function readStartTicks(pid) {
  let stat2;
  try {
    stat2 = (0, import_node_fs2.readFileSync)(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  const fields = stat2.slice(stat2.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return null;
  const ticks = Number(fields[START_TIME_FIELD - 1]);
  return Number.isInteger(ticks) ? ticks : null;
}
function readBootId() {
  try {
    return (0, import_node_fs2.readFileSync)("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
function hasProcStat() {
  return (0, import_node_fs2.existsSync)(`/proc/${process.pid}/stat`);
}
var import_node_fs2, START_TIME_FIELD;
var init_start_time = __esm({
  "src/supervisor/claim/start-time.ts"() {
    "use strict";
    import_node_fs2 = require("node:fs");
    START_TIME_FIELD = 20;
  }
});

// src/supervisor/claim/claim-holder.ts
function pidExists(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function createHolderProbe() {
  return {
    bootId: readBootId(),
    hasStartTicks: hasProcStat(),
    startTicks: readStartTicks,
    exists: pidExists
  };
}
function toOwnHolder(by, probe = createHolderProbe()) {
  return {
    pid: process.pid,
    startTicks: probe.hasStartTicks ? probe.startTicks(process.pid) : null,
    bootId: probe.bootId,
    by
  };
}
function toClaimText(holder, atMs) {
  const { pid, startTicks, bootId, by } = holder;
  return `${JSON.stringify({ version: CLAIM_VERSION, pid, start_ticks: startTicks, boot_id: bootId, by, at: atMs })}
`;
}
function parseClaim(text) {
  let value;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== "object" || value === null) return null;
  const doc = value;
  const pid = doc["pid"];
  const ticks = doc["start_ticks"];
  const boot = doc["boot_id"];
  if (doc["version"] !== CLAIM_VERSION || !Number.isInteger(pid) || pid <= 0) return null;
  if (ticks !== null && !Number.isInteger(ticks)) return null;
  if (boot !== null && typeof boot !== "string") return null;
  return {
    pid,
    startTicks: ticks,
    bootId: boot,
    by: typeof doc["by"] === "string" ? doc["by"] : "another process"
  };
}
function isHolderAlive(holder, probe) {
  if (holder.bootId !== null && probe.bootId !== null && holder.bootId !== probe.bootId) return false;
  if (holder.startTicks !== null && probe.hasStartTicks) {
    return probe.startTicks(holder.pid) === holder.startTicks;
  }
  return probe.exists(holder.pid);
}
function toHolderText(holder) {
  return `pid ${holder.pid} (${holder.by})`;
}
var CLAIM_VERSION;
var init_claim_holder = __esm({
  "src/supervisor/claim/claim-holder.ts"() {
    "use strict";
    init_start_time();
    CLAIM_VERSION = 1;
  }
});

// src/supervisor/claim/claim-file.ts
function writeTemp(file, text) {
  tmpCount += 1;
  const tmp = import_node_path2.default.join(import_node_path2.default.dirname(file), `.${import_node_path2.default.basename(file)}.${process.pid}.${tmpCount}.tmp`);
  (0, import_node_fs3.writeFileSync)(tmp, text, { flag: "wx", mode: 420 });
  return tmp;
}
function createExclusive(file, text) {
  const tmp = writeTemp(file, text);
  try {
    (0, import_node_fs3.linkSync)(tmp, file);
    return true;
  } catch (error) {
    const code = error.code ?? "";
    if (code === "EEXIST") return false;
    if (!NO_LINK.has(code)) throw error;
  } finally {
    (0, import_node_fs3.rmSync)(tmp, { force: true });
  }
  try {
    (0, import_node_fs3.writeFileSync)(file, text, { flag: "wx", mode: 420 });
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
}
function readText(file) {
  try {
    return (0, import_node_fs3.readFileSync)(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
}
function sleepSync(ms) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}
function toHeld(file, text, onRelease) {
  const release = () => {
    if (!held.delete(release)) return;
    if (held.size === 0) process.off("exit", releaseAll);
    try {
      onRelease?.();
    } catch {
    }
    try {
      if (readText(file) === text) (0, import_node_fs3.unlinkSync)(file);
    } catch {
    }
  };
  if (held.size === 0) process.once("exit", releaseAll);
  held.add(release);
  return { kind: "held", release };
}
function attempt(file, text, probe, depth, onRelease) {
  if (createExclusive(file, text)) return toHeld(file, text, onRelease);
  const seen = readText(file);
  if (seen === null) return "retry";
  const holder = parseClaim(seen);
  if (holder !== null && isHolderAlive(holder, probe)) return { kind: "taken", holder };
  if (depth >= MAX_TAKEOVER_DEPTH) return "retry";
  const takeover = claimAt(`${file}${TAKEOVER_INFIX}${toShortHash(seen)}`, text, probe, depth + 1);
  if (takeover.kind === "taken") return "retry";
  try {
    if (readText(file) !== seen) return "retry";
    const tmp = writeTemp(file, text);
    try {
      (0, import_node_fs3.renameSync)(tmp, file);
    } catch (error) {
      (0, import_node_fs3.rmSync)(tmp, { force: true });
      throw error;
    }
    return toHeld(file, text, onRelease);
  } finally {
    takeover.release();
  }
}
function claimAt(file, text, probe, depth, onRelease) {
  for (let tries = 0; tries < MAX_TRIES; tries++) {
    const outcome = attempt(file, text, probe, depth, onRelease);
    if (outcome !== "retry") return outcome;
    sleepSync(RETRY_MS);
  }
  throw new Error(`${file}: could not be claimed, nor its holder read, in ${MAX_TRIES} tries`);
}
function claimFile(file, opts) {
  const probe = opts.probe ?? createHolderProbe();
  return claimAt(file, toClaimText(toOwnHolder(opts.by, probe), Date.now()), probe, 0, opts.onRelease);
}
function readClaim(file, probe = createHolderProbe()) {
  let text;
  try {
    text = readText(file);
  } catch {
    return { kind: "none" };
  }
  if (text === null) return { kind: "none" };
  const holder = parseClaim(text);
  return holder !== null && isHolderAlive(holder, probe) ? { kind: "live", holder } : { kind: "stale" };
}
var import_node_fs3, import_node_path2, TAKEOVER_INFIX, MAX_TAKEOVER_DEPTH, RETRY_MS, MAX_TRIES, NO_LINK, tmpCount, held, releaseAll;
var init_claim_file = __esm({
  "src/supervisor/claim/claim-file.ts"() {
    "use strict";
    import_node_fs3 = require("node:fs");
    import_node_path2 = __toESM(require("node:path"), 1);
    init_short_hash();
    init_claim_holder();
    TAKEOVER_INFIX = ".takeover-";
    MAX_TAKEOVER_DEPTH = 4;
    RETRY_MS = 5;
    MAX_TRIES = 400;
    NO_LINK = /* @__PURE__ */ new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);
    tmpCount = 0;
    held = /* @__PURE__ */ new Set();
    releaseAll = () => {
      for (const release of [...held]) release();
    };
  }
});

// src/supervisor/api/status-client.ts
function open(address, urlPath, timeoutMs = STATUS_TIMEOUT_MS, method = "GET") {
  const problem = address.kind === "unix" ? toSocketPathProblem(address.path) : null;
  if (problem !== null) {
    return Promise.reject(
      new SidecarError("usage", `cannot reach the supervisor at ${toAddressText(address)}: ${problem}`)
    );
  }
  return new Promise((resolve, reject) => {
    const target = address.kind === "unix" ? { socketPath: address.path } : { host: address.host, port: address.port };
    const req = (0, import_node_http.request)({ ...target, path: urlPath, method, timeout: timeoutMs }, (res) => {
      req.setTimeout(0);
      resolve(res);
    });
    req.once("timeout", () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once(
      "error",
      (error) => reject(
        new SidecarError(
          "usage",
          `cannot reach the supervisor at ${toAddressText(address)}: ${error.message}`,
          "Is it running? Pass its --status address.",
          { cause: error }
        )
      )
    );
    req.end();
  });
}
async function readState(address, timeoutMs = STATUS_TIMEOUT_MS) {
  const res = await open(address, "/state", timeoutMs);
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  if (res.statusCode !== 200) {
    throw new SidecarError("usage", `${toAddressText(address)} answered ${res.statusCode}: ${text.trim()}`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new SidecarError(
      "usage",
      `${toAddressText(address)} did not answer with JSON: is it a supervisor?`
    );
  }
}
async function followEvents(address, onLine, signal) {
  const res = await open(address, "/events");
  if (signal !== void 0) {
    if (signal.aborted) res.destroy();
    else signal.addEventListener("abort", () => res.destroy(), { once: true });
  }
  res.setEncoding("utf8");
  let pending = "";
  for await (const chunk of res) {
    const parts = (pending + chunk).split("\n");
    pending = parts.pop() ?? "";
    for (const line of parts) if (line !== "") onLine(line);
  }
  if (pending !== "") onLine(pending);
}
async function findDefaultSockets(tmpDir, uid) {
  const dirs = [import_node_path3.default.join(tmpDir, "sidecars")];
  const fallbackDir = uid !== null ? toFallbackSocketDir(tmpDir, uid) : null;
  if (fallbackDir !== null && uid !== null && await isPrivateDir(fallbackDir, uid)) dirs.push(fallbackDir);
  const found = [];
  const probe = createHolderProbe();
  for (const dir of dirs) {
    let names;
    try {
      names = await (0, import_promises.readdir)(dir);
    } catch {
      continue;
    }
    const sockets = names.filter((n) => n.endsWith(".sock")).map((n) => import_node_path3.default.join(dir, n));
    const isSuffixed = (file) => toSocketSuffixPid(file) === null ? 0 : 1;
    sockets.sort((a, b) => isSuffixed(a) - isSuffixed(b) || (a < b ? -1 : a > b ? 1 : 0));
    for (const file of sockets) {
      if (toSocketPathProblem(file) !== null) continue;
      if (readClaim(toSocketLock(file), probe).kind === "stale") continue;
      found.push({ kind: "unix", path: file });
    }
  }
  return found;
}
function hasGone(address) {
  if (address.kind !== "unix") return false;
  return !(0, import_node_fs4.existsSync)(address.path) || readClaim(toSocketLock(address.path)).kind === "stale";
}
var import_node_http, import_node_fs4, import_promises, import_node_path3, STATUS_TIMEOUT_MS;
var init_status_client = __esm({
  "src/supervisor/api/status-client.ts"() {
    "use strict";
    import_node_http = require("node:http");
    import_node_fs4 = require("node:fs");
    import_promises = require("node:fs/promises");
    import_node_path3 = __toESM(require("node:path"), 1);
    init_errors();
    init_private_dir();
    init_claim_file();
    init_claim_holder();
    init_status_address();
    STATUS_TIMEOUT_MS = 5e3;
  }
});

// src/common/fs-async.ts
var import_node_fs5, import_node_util, chmodAsync, fsyncAsync, lstatAsync, mkdirAsync, renameAsync, rmAsync, statAsync, writeFileAsync;
var init_fs_async = __esm({
  "src/common/fs-async.ts"() {
    "use strict";
    import_node_fs5 = require("node:fs");
    import_node_util = require("node:util");
    chmodAsync = (0, import_node_util.promisify)(import_node_fs5.chmod);
    fsyncAsync = (0, import_node_util.promisify)(import_node_fs5.fsync);
    lstatAsync = (0, import_node_util.promisify)(import_node_fs5.lstat);
    mkdirAsync = (0, import_node_util.promisify)(import_node_fs5.mkdir);
    renameAsync = (0, import_node_util.promisify)(import_node_fs5.rename);
    rmAsync = (0, import_node_util.promisify)(import_node_fs5.rm);
    statAsync = (0, import_node_util.promisify)(import_node_fs5.stat);
    writeFileAsync = (0, import_node_util.promisify)(import_node_fs5.writeFile);
  }
});

// src/supervisor/api/listen-status.ts
async function isSocketAlive(file) {
  return new Promise((resolve) => {
    const socket = (0, import_node_net.createConnection)(file);
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
function listen(server, address) {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    const done = () => {
      server.off("error", reject);
      resolve();
    };
    if (address.kind === "unix") server.listen(address.path, done);
    else server.listen(address.port, address.host, done);
  });
}
async function makeDir(dir) {
  try {
    await mkdirAsync(dir, { recursive: true, mode: 448 });
  } catch (error) {
    if (error.code !== "ENOENT") throw error;
    await mkdirAsync(dir, { mode: 448 }).catch((lastError) => {
      throw lastError.code === "ENOENT" ? error : lastError;
    });
  }
}
async function listenStatus(server, address, opts = { privateDirOf: null }) {
  const fail = (why, hint, cause) => new SidecarError("usage", `cannot listen on ${toAddressText(address)}: ${why}`, hint, { cause });
  if (address.kind === "tcp") {
    try {
      await listen(server, address);
    } catch (error) {
      const inUse = error.code === "EADDRINUSE";
      throw fail(toErrnoText(error), inUse ? IN_USE_HINT : WRITABLE_HINT, error);
    }
    return;
  }
  const problem = toSocketPathProblem(address.path);
  if (problem !== null) throw fail(problem, SHORTER_HINT);
  const dir = import_node_path4.default.dirname(address.path);
  try {
    if (opts.privateDirOf !== null) await ensurePrivateDir(dir, opts.privateDirOf);
    else await makeDir(dir);
  } catch (error) {
    if (error instanceof SidecarError) throw fail(error.message, error.hint ?? WRITABLE_HINT, error);
    throw fail(`cannot make its directory ${dir}: ${toErrnoText(error)}`, WRITABLE_HINT, error);
  }
  let claim;
  let bound = false;
  try {
    claim = claimFile(toSocketLock(address.path), {
      by: opts.by ?? "a sidecars supervisor",
      // once bound, the file there is ours (server.close() removes it; an exit may not close it)
      onRelease: () => {
        if (bound) (0, import_node_fs6.rmSync)(address.path, { force: true });
      }
    });
  } catch (error) {
    throw fail(toErrnoText(error), WRITABLE_HINT, error);
  }
  if (claim.kind === "taken") {
    const { holder } = claim;
    throw new SocketHeldError(
      `cannot listen on ${toAddressText(address)}: ${toHolderText(holder)} listens there`,
      `Stop it (kill ${holder.pid}), or pick another --status address (127.0.0.1:0 picks a free port).`,
      holder
    );
  }
  try {
    await listenClaimed(server, address, fail);
    bound = true;
  } catch (error) {
    claim.release();
    throw error;
  }
  server.once("close", claim.release);
}
async function listenClaimed(server, address, fail) {
  try {
    await listen(server, address);
  } catch (error) {
    if (error.code !== "EADDRINUSE") {
      throw fail(toErrnoText(error), WRITABLE_HINT, error);
    }
    const isSocket = await lstatAsync(address.path).then(
      (stats) => stats.isSocket(),
      () => false
    );
    if (!isSocket) {
      throw fail(`${address.path} is there and is not a socket`, "Pick another path, or remove that file.");
    }
    if (await isSocketAlive(address.path)) {
      throw new SocketHeldError(
        `cannot listen on ${toAddressText(address)}: already in use`,
        IN_USE_HINT,
        null
      );
    }
    try {
      await rmAsync(address.path, { force: true });
      await listen(server, address);
    } catch (retryError) {
      throw fail(toErrnoText(retryError), IN_USE_HINT, retryError);
    }
  }
  try {
    await chmodAsync(address.path, 384);
  } catch (error) {
    await new Promise((resolve) => server.close(() => resolve()));
    throw fail(`cannot make the socket private (mode 0600): ${toErrnoText(error)}`, WRITABLE_HINT, error);
  }
}
var import_node_fs6, import_node_net, import_node_path4, SocketHeldError, SHORTER_HINT, WRITABLE_HINT, IN_USE_HINT;
var init_listen_status = __esm({
  "src/supervisor/api/listen-status.ts"() {
    "use strict";
    import_node_fs6 = require("node:fs");
    import_node_net = require("node:net");
    import_node_path4 = __toESM(require("node:path"), 1);
    init_errors();
    init_fs_async();
    init_claim_file();
    init_claim_holder();
    init_errno_text();
    init_private_dir();
    init_status_address();
    SocketHeldError = class extends SidecarError {
      constructor(message, hint, holder) {
        super("usage", message, hint);
        this.holder = holder;
      }
      holder;
    };
    SHORTER_HINT = "Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).";
    WRITABLE_HINT = "Use a --status unix:PATH in a directory you can write, or a loopback port (--status 127.0.0.1:0).";
    IN_USE_HINT = "Stop what is listening there, or pick another --status address (127.0.0.1:0 picks a free port).";
  }
});

// src/supervisor/api/serve-page.ts
async function servePage(res, page, censor) {
  let html;
  try {
    html = censor.text(await page());
  } catch (error) {
    const text = `${JSON.stringify({ error: "page_failed", message: censor.text(error.message) })}
`;
    res.writeHead(500, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
    res.end(text);
    return;
  }
  res.writeHead(200, {
    "content-type": "text/html; charset=utf-8",
    "content-length": Buffer.byteLength(html),
    "cache-control": "no-store",
    "x-content-type-options": "nosniff"
  });
  res.end(html);
}
var init_serve_page = __esm({
  "src/supervisor/api/serve-page.ts"() {
    "use strict";
  }
});

// src/supervisor/api/status-proxy.ts
function sendJson(res, status, body) {
  const text = `${JSON.stringify(body)}
`;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    "cache-control": "no-store"
  });
  res.end(text);
}
function toMergedState(bodies) {
  const processes = {};
  for (const body of bodies) Object.assign(processes, body.processes);
  return { finished: bodies.every((body) => body.finished), processes };
}
async function readStateUnlessGone(address) {
  try {
    return await readState(address);
  } catch (error) {
    if (hasGone(address)) return null;
    throw error;
  }
}
async function startStatusProxy(opts) {
  const { createServer } = await Promise.resolve().then(() => __toESM(require("node:http"), 1));
  const { censor } = opts;
  const streams = /* @__PURE__ */ new Set();
  const sockets = /* @__PURE__ */ new Set();
  const serveState = async (res) => {
    const sources = await opts.findSources().catch(() => []);
    const bodies = [];
    try {
      for (const body of await Promise.all(sources.map((address) => readStateUnlessGone(address)))) {
        if (body !== null) bodies.push(body);
      }
    } catch (error) {
      sendJson(res, 502, { error: "supervisor_unreachable", message: censor.text(error.message) });
      return;
    }
    sendJson(res, 200, censor.value(toMergedState(bodies)));
  };
  const serveEvents = async (res) => {
    const sources = await opts.findSources().catch(() => []);
    const abort = new AbortController();
    streams.add(abort);
    res.once("close", () => abort.abort());
    res.writeHead(200, { "content-type": "application/x-ndjson", "cache-control": "no-store" });
    const write = (line) => void res.write(`${censor.text(line)}
`);
    await Promise.all(
      sources.map(
        (address) => followEvents(address, write, abort.signal).catch((error) => {
          if (!abort.signal.aborted && !hasGone(address)) {
            const message = `${toAddressText(address)}: ${error.message}`;
            write(JSON.stringify({ event: "status.unreachable", msg: message }));
          }
        })
      )
    );
    streams.delete(abort);
    res.end();
  };
  const handle = (req, res) => {
    const { pathname } = new URL(req.url ?? "/", "http://localhost");
    if (req.method !== "GET") {
      sendJson(res, 405, { error: "method_not_allowed", message: "this page is read only: GET only" });
    } else if (pathname === "/") void servePage(res, opts.page, censor);
    else if (pathname === "/state") void serveState(res);
    else if (pathname === "/events") void serveEvents(res);
    else if (pathname === "/healthz") sendJson(res, 200, { ok: true });
    else sendJson(res, 404, { error: "not_found", message: `no ${pathname}; try /, /state, /events` });
  };
  const server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await listenStatus(server, opts.listen);
  const bound = server.address();
  const port = bound !== null && typeof bound === "object" ? bound.port : opts.listen.port;
  return {
    address: toAddressText({ ...opts.listen, port }),
    async close() {
      for (const abort of streams) abort.abort();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    }
  };
}
var init_status_proxy = __esm({
  "src/supervisor/api/status-proxy.ts"() {
    "use strict";
    init_listen_status();
    init_serve_page();
    init_status_client();
    init_status_address();
  }
});

// src/supervisor/secrets/censor-stream.ts
function createCensorStream(matcher, write, maskEnd) {
  let held2 = EMPTY;
  return {
    write(chunk) {
      const now = matcher();
      if (now.secrets.length === 0 && held2.length === 0) return write(chunk);
      let bytes = held2.length > 0 ? Buffer.concat([held2, chunk]) : chunk;
      const ranges = now.find(bytes);
      if (ranges.length > 0) {
        if (bytes === chunk) bytes = Buffer.from(chunk);
        for (const [start, end] of ranges) bytes.fill(MASK, start, end);
      }
      const hold = now.pendingAtEnd(bytes);
      held2 = hold === 0 ? EMPTY : Buffer.from(bytes.subarray(bytes.length - hold));
      if (bytes.length > hold) write(hold === 0 ? bytes : bytes.subarray(0, bytes.length - hold));
    },
    end() {
      if (held2.length === 0) return;
      const rest = maskEnd(held2);
      held2 = EMPTY;
      write(rest);
    }
  };
}
var MASK, EMPTY;
var init_censor_stream = __esm({
  "src/supervisor/secrets/censor-stream.ts"() {
    "use strict";
    MASK = 88;
    EMPTY = Buffer.alloc(0);
  }
});

// src/supervisor/secrets/secret-values.ts
function toWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase().split(/[^A-Z0-9]+/).filter((word) => word !== "");
}
function isSecretName(name) {
  const words = toWords(name);
  const joined = words.join("");
  const last = words.at(-1) ?? "";
  return SECRET_PARTS.test(joined) || SECRET_ENDS.test(joined) || words.some((word) => SECRET_WORDS.has(word)) || words.length > 1 && SECRET_LAST_WORDS.has(last);
}
function addDecoded(text, into) {
  into.add(text);
  try {
    into.add(decodeURIComponent(text));
  } catch {
  }
}
function collectUrlSecrets(text, into) {
  if (!text.includes("://") && !text.includes("=")) return;
  for (const match of text.matchAll(URL_PASSWORD)) addDecoded(match[1] ?? "", into);
  for (const match of text.matchAll(QUERY_PARAM))
    if (isSecretName(match[1] ?? "")) addDecoded(match[2] ?? "", into);
}
function collectJsonSecrets(value, secret, into) {
  if (typeof value === "string") {
    if (secret) into.add(value);
    collectUrlSecrets(value, into);
  } else if (typeof value === "number") {
    if (secret) into.add(String(value));
  } else if (Array.isArray(value)) {
    for (const item of value) collectJsonSecrets(item, secret, into);
  } else if (typeof value === "object" && value !== null) {
    for (const [key, item] of Object.entries(value))
      collectJsonSecrets(item, secret || isSecretName(key), into);
  }
}
function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return void 0;
  }
}
function collectValueSecrets(name, value, into) {
  const secret = isSecretName(name);
  if (secret) into.add(value);
  const start = value.trimStart()[0];
  const doc = start === "{" || start === "[" ? parseJson(value) : void 0;
  if (doc !== void 0) collectJsonSecrets(doc, secret, into);
  else collectUrlSecrets(value, into);
}
function collectSecretValues(envs, readFile) {
  const values = /* @__PURE__ */ new Set();
  const files = /* @__PURE__ */ new Set();
  for (const env of envs) {
    for (const [name, value] of Object.entries(env))
      if (value !== void 0) collectValueSecrets(name, value, values);
    const file = env["VCAP_SERVICES_FILE_PATH"];
    if ((env["VCAP_SERVICES"] ?? "") === "" && file !== void 0 && file !== "") files.add(file);
  }
  for (const file of files) {
    try {
      collectValueSecrets("VCAP_SERVICES", readFile(file), values);
    } catch {
    }
  }
  return [...values];
}
var SECRET_PARTS, SECRET_ENDS, SECRET_WORDS, SECRET_LAST_WORDS, URL_PASSWORD, QUERY_PARAM;
var init_secret_values = __esm({
  "src/supervisor/secrets/secret-values.ts"() {
    "use strict";
    SECRET_PARTS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY/;
    SECRET_ENDS = /(KEY|KEYS|TOKEN|TOKENS)$/;
    SECRET_WORDS = /* @__PURE__ */ new Set(["TOKEN", "TOKENS"]);
    SECRET_LAST_WORDS = /* @__PURE__ */ new Set(["PASS", "PWD", "AUTH", "AUTHORIZATION"]);
    URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/gi;
    QUERY_PARAM = /[?&;]([A-Za-z0-9_.-]+)=([^&\s;#"']+)/g;
  }
});

// src/supervisor/secrets/secret-matcher.ts
function createLongFinder(long) {
  if (long.length === 0) return () => void 0;
  const window = Math.min(...long.map((secret) => secret.length));
  const shifts = new Uint8Array(65536).fill(Math.min(MAX_SHIFT, window - 1));
  const endingWith = /* @__PURE__ */ new Map();
  for (const secret of long) {
    for (let at = 0; at + 2 <= window; at++) {
      const block = (secret[at] ?? 0) << 8 | (secret[at + 1] ?? 0);
      const shift = window - 2 - at;
      if (shift < (shifts[block] ?? 0)) shifts[block] = shift;
      if (shift === 0) endingWith.set(block, [...endingWith.get(block) ?? [], secret]);
    }
  }
  return (bytes, into) => {
    for (let end = window - 1; end < bytes.length; ) {
      const block = (bytes[end - 1] ?? 0) << 8 | (bytes[end] ?? 0);
      const shift = shifts[block] ?? 0;
      if (shift > 0) {
        end += shift;
        continue;
      }
      const start = end - window + 1;
      for (const secret of endingWith.get(block) ?? []) {
        const stop = start + secret.length;
        if (stop <= bytes.length && bytes.compare(secret, 0, secret.length, start, stop) === 0)
          into.push([start, stop]);
      }
      end += 1;
    }
  };
}
function createSecretMatcher(secrets) {
  const usable = secrets.filter((secret) => secret.length >= MIN_SECRET_BYTES);
  const short = usable.filter((secret) => secret.length < LONG_SECRET_BYTES);
  const findLong = createLongFinder(usable.filter((secret) => secret.length >= LONG_SECRET_BYTES));
  const find = (bytes) => {
    const ranges = [];
    findLong(bytes, ranges);
    for (const secret of short)
      for (let at = bytes.indexOf(secret); at >= 0; at = bytes.indexOf(secret, at + 1))
        ranges.push([at, at + secret.length]);
    return ranges;
  };
  return {
    secrets: usable,
    find,
    cutAtStart(bytes) {
      let longest = 0;
      for (const secret of usable) {
        for (let k = Math.min(secret.length - 1, bytes.length); k >= MIN_PIECE_BYTES && k > longest; k--) {
          if (bytes.compare(secret, secret.length - k, secret.length, 0, k) === 0) {
            longest = k;
            break;
          }
        }
      }
      return longest;
    },
    pendingAtEnd(bytes, minBytes = 1) {
      let longest = 0;
      for (const secret of usable) {
        const first = secret[0] ?? 0;
        const from = Math.max(0, bytes.length - secret.length + 1);
        for (let at = bytes.indexOf(first, from); at >= 0; at = bytes.indexOf(first, at + 1)) {
          const k = bytes.length - at;
          if (k <= longest || k < minBytes) break;
          if (bytes.compare(secret, 0, k, at, bytes.length) === 0) {
            longest = k;
            break;
          }
        }
      }
      return longest;
    }
  };
}
var MIN_SECRET_BYTES, LONG_SECRET_BYTES, MIN_PIECE_BYTES, MAX_SHIFT;
var init_secret_matcher = __esm({
  "src/supervisor/secrets/secret-matcher.ts"() {
    "use strict";
    MIN_SECRET_BYTES = 4;
    LONG_SECRET_BYTES = 8;
    MIN_PIECE_BYTES = 3;
    MAX_SHIFT = 255;
  }
});

// src/supervisor/secrets/censor.ts
function toSecretForms(values) {
  const isSecretForm = (form) => form.length >= MIN_SECRET_LENGTH && !NOT_SECRETS.has(form.toLowerCase());
  const forms = /* @__PURE__ */ new Set();
  for (const value of values) {
    const lines = value.includes("\n") ? value.split(/\r?\n/).map((line) => line.trim()) : [];
    for (const form of [value, value.trim(), ...lines.filter((line) => line.length >= MIN_LINE_LENGTH)]) {
      if (!isSecretForm(form)) continue;
      forms.add(form);
      forms.add(Buffer.from(form).toString("base64"));
      forms.add(JSON.stringify(form).slice(1, -1));
      forms.add(encodeURIComponent(form));
    }
  }
  return [...forms].sort((a, b) => b.length - a.length).map((form) => Buffer.from(form));
}
function maskBytes(matcher, bytes, edges) {
  for (const [start, end] of matcher.find(bytes)) bytes.fill(MASK2, start, end);
  if (edges.start) bytes.fill(MASK2, 0, matcher.cutAtStart(bytes));
  if (edges.end) {
    const pending = matcher.pendingAtEnd(bytes, 3);
    if (pending > 0) bytes.fill(MASK2, bytes.length - pending);
  }
  return bytes;
}
function createCensor(forms, readFile = readUtf8) {
  const known = new Set(forms.map((form) => form.toString()));
  let matcher = createSecretMatcher(forms);
  const text = (input) => {
    if (matcher.secrets.length === 0 || input.length < MIN_SECRET_LENGTH) return input;
    const bytes = Buffer.from(input);
    const ranges = matcher.find(bytes);
    if (ranges.length === 0) return input;
    for (const [start, end] of ranges) bytes.fill(MASK2, start, end);
    return bytes.toString();
  };
  const value = (input, key = "") => {
    if (matcher.secrets.length === 0) return input;
    if (typeof input === "string") return IDENTIFIER_KEYS.has(key) ? input : text(input);
    if (Array.isArray(input)) return input.map((item) => value(item));
    if (typeof input === "object" && input !== null) {
      return Object.fromEntries(Object.entries(input).map(([name, item]) => [name, value(item, name)]));
    }
    return input;
  };
  return {
    get secrets() {
      return matcher.secrets;
    },
    text,
    value,
    bytes: (bytes, edges = { start: false, end: false }) => matcher.secrets.length === 0 ? bytes : maskBytes(matcher, bytes, edges),
    stream: (write) => createCensorStream(
      () => matcher,
      write,
      (bytes) => maskBytes(matcher, bytes, END)
    ),
    learn(envs) {
      const before = known.size;
      for (const form of toSecretForms(collectSecretValues(envs, readFile))) known.add(form.toString());
      if (known.size !== before) matcher = createSecretMatcher([...known].map((form) => Buffer.from(form)));
    }
  };
}
function readCensor(envs) {
  const censor = createCensor([]);
  censor.learn(envs);
  return censor;
}
var import_node_fs7, MIN_SECRET_LENGTH, MASK2, NOT_SECRETS, IDENTIFIER_KEYS, MIN_LINE_LENGTH, readUtf8, END, NO_CENSOR;
var init_censor = __esm({
  "src/supervisor/secrets/censor.ts"() {
    "use strict";
    import_node_fs7 = require("node:fs");
    init_censor_stream();
    init_secret_values();
    init_secret_matcher();
    MIN_SECRET_LENGTH = MIN_SECRET_BYTES;
    MASK2 = 88;
    NOT_SECRETS = /* @__PURE__ */ new Set(["true", "false", "null", "none", "undefined"]);
    IDENTIFIER_KEYS = /* @__PURE__ */ new Set([
      "name",
      "proc",
      "process",
      "entry",
      "app",
      "id",
      "process_type",
      "type",
      "event",
      "level",
      "state",
      "mode",
      "result",
      "signal",
      "health",
      "time"
    ]);
    MIN_LINE_LENGTH = 16;
    readUtf8 = (file) => (0, import_node_fs7.readFileSync)(file, "utf8");
    END = { start: false, end: true };
    NO_CENSOR = Object.freeze({ ...createCensor([]), learn: () => void 0 });
  }
});

// src/report/page-text.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function formatMb(bytes) {
  if (bytes === null || bytes === void 0 || !Number.isFinite(bytes)) return "-";
  const mb = bytes / 1048576;
  return `${mb >= 100 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}
function formatTime(ms, full) {
  if (ms === null || ms === void 0 || !Number.isFinite(ms)) return "-";
  const iso = new Date(ms).toISOString();
  return full ? `${iso.slice(0, 10)} ${iso.slice(11, 23)} UTC` : iso.slice(11, 23);
}
function formatDuration(ms) {
  if (ms === null || ms === void 0 || !Number.isFinite(ms) || ms < 0) return "-";
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 6e4) return `${Math.round(ms / 100) / 10} s`;
  const s = Math.floor(ms / 1e3);
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}m`;
}
function formatEnd(end) {
  const how = end.exitCode !== null && end.exitCode !== void 0 ? `exited with code ${end.exitCode}` : end.signal !== null && end.signal !== void 0 ? `killed by ${end.signal}` : "ended";
  const reason = end.reason ?? null;
  if (reason === "oom") return `memory limit exceeded: ${how}`;
  if (reason === null || reason === "exited" || reason === "signal") return how;
  return `${reason.replace(/_/g, " ")}: ${how}`;
}
function formatCount(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
var init_page_text = __esm({
  "src/report/page-text.ts"() {
    "use strict";
  }
});

// src/report/logs-html.ts
function toBoundedLogHtml(text, budget) {
  const html = escapeHtml(text);
  const bytes = Buffer.from(html);
  if (bytes.length <= budget) return { html, droppedLines: 0 };
  const excess = bytes.length - budget;
  const newline = bytes.indexOf(10, Math.max(0, excess - 1));
  let cut = newline < 0 ? excess : newline + 1;
  while (cut < bytes.length && ((bytes[cut] ?? 0) & 192) === 128) cut += 1;
  let droppedLines = 0;
  for (let at = bytes.indexOf(10); at >= 0 && at < cut; at = bytes.indexOf(10, at + 1)) droppedLines += 1;
  return {
    html: bytes.subarray(cut).toString("utf8"),
    droppedLines: newline < 0 ? droppedLines + 1 : droppedLines
  };
}
function toNoLogHtml(name) {
  const n = escapeHtml(name);
  return `<details class="log" data-name="${n}"><summary>${n} <small>no log</small></summary></details>`;
}
function toLogOpenHtml(name, cause, lines, omitted) {
  const n = escapeHtml(name);
  const summary = `${n} <small>${formatCount(lines)} lines</small>${cause ? ' <b class="cause-tag">ended the run</b>' : ""}`;
  const note = omitted === "" ? "" : `<p class="omitted">${omitted}</p>`;
  return `<details class="log${cause ? " cause" : ""}" data-name="${n}"${cause ? " open" : ""}><summary>${summary}</summary>${note}<h4>last ${Math.min(LAST_LINES, lines)} lines</h4><pre class="last">`;
}
function toLogHtml(proc, cause, budget) {
  const log = proc.log;
  if (log === null) return toNoLogHtml(proc.name);
  const lines = log.text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  const last = toBoundedLogHtml(lines.slice(-LAST_LINES).join("\n"), Math.floor(budget / 8)).html;
  const whole = toBoundedLogHtml(lines.join("\n"), Math.max(0, budget - Buffer.byteLength(last)));
  const omitted = log.omittedBytes > 0 || whole.droppedLines > 0 ? `${log.omittedBytes > 0 ? `${formatMb(log.omittedBytes)} before this tail not kept` : ""}${whole.droppedLines > 0 ? ` ${formatCount(whole.droppedLines)} first lines left out (the page's bound)` : ""}` : "";
  return `${toLogOpenHtml(proc.name, cause, lines.length, omitted)}${last}${LOG_MIDDLE_HTML}${whole.html}${LOG_CLOSE_HTML}`;
}
function toLogOrder(model) {
  const isCause = (p) => p.name === model.run.causeProcess;
  return [...model.processes].sort((a, b) => Number(isCause(b)) - Number(isCause(a)));
}
function toLogsHtml(model) {
  const logs = toLogOrder(model).map((p) => toLogHtml(p, p.name === model.run.causeProcess, model.logTailBytes)).join("");
  return `${LOGS_OPEN_HTML}${logs}${LOGS_CLOSE_HTML}`;
}
var LAST_LINES, LOG_MIDDLE_HTML, LOG_CLOSE_HTML, LOGS_OPEN_HTML, LOGS_CLOSE_HTML;
var init_logs_html = __esm({
  "src/report/logs-html.ts"() {
    "use strict";
    init_page_text();
    LAST_LINES = 20;
    LOG_MIDDLE_HTML = '</pre><h4>the whole tail <small>(scrolled to its end)</small></h4><pre class="tail">';
    LOG_CLOSE_HTML = "</pre></details>";
    LOGS_OPEN_HTML = '<section id="logs"><h2>Logs</h2><p class="filter"><input id="filter" type="search" placeholder="filter lines (every log)" aria-label="filter log lines"> <span id="matches"></span></p>';
    LOGS_CLOSE_HTML = "</section>";
  }
});

// src/report/memory-svg.ts
function toMemorySvg(proc, t0, t1) {
  const LEFT = 70;
  const PLOT = 900;
  const H = 110;
  const TOP = 8;
  const COLUMNS = 450;
  const points = proc.memory?.points ?? [];
  const kill = proc.events.filter((e) => e.type === "memory.exceeded");
  let peak = proc.peakRssBytes ?? 0;
  for (const p of points) peak = Math.max(peak, p[1], p[2] ?? 0);
  for (const k of kill) peak = Math.max(peak, k.rssBytes ?? 0);
  if (points.length === 0 && proc.limitBytes === null && peak === 0) return "";
  const top = Math.max(proc.limitBytes ?? 0, peak, 1) * 1.12;
  const xOf = (atMs) => LEFT + Math.max(0, Math.min(PLOT, (atMs - t0) / (t1 - t0) * PLOT));
  const yOf = (bytes) => TOP + H - bytes / top * H;
  const r = (n) => Math.round(n * 10) / 10;
  const out = [];
  out.push(
    `<svg class="memory" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LEFT + PLOT + 20} ${H + TOP + 20}" width="${LEFT + PLOT + 20}" height="${H + TOP + 20}" role="img" aria-label="memory of ${escapeHtml(proc.name)}">`,
    `<rect class="plot" x="${LEFT}" y="${TOP}" width="${PLOT}" height="${H}"/>`,
    `<text class="axis" x="${LEFT - 4}" y="${TOP + 10}" text-anchor="end">${formatMb(top)}</text>`,
    `<text class="axis" x="${LEFT - 4}" y="${TOP + H}" text-anchor="end">0</text>`
  );
  const series = (index, cls) => {
    const cols = [];
    for (const p of points) {
      const v = p[index];
      if (v === null || v === void 0) continue;
      const c = Math.min(COLUMNS - 1, Math.max(0, Math.floor((p[0] - t0) / (t1 - t0) * COLUMNS)));
      const cur = cols[c];
      if (cur === void 0 || v > cur[1]) cols[c] = [p[0], v];
    }
    const xy = cols.filter((c) => c !== void 0).map((c) => `${r(xOf(c[0]))},${r(yOf(c[1]))}`);
    if (xy.length === 1) xy.push(xy[0].replace(/^[\d.]+/, (x) => String(Number(x) + 2)));
    if (xy.length > 0) out.push(`<polyline class="${cls}" points="${xy.join(" ")}"/>`);
  };
  series(1, "rss");
  series(2, "pss");
  if (proc.limitBytes !== null) {
    const y = r(yOf(proc.limitBytes));
    out.push(
      `<line class="limit" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>limit ${formatMb(proc.limitBytes)}</title></line>`,
      `<text class="limit-label" x="${LEFT + PLOT - 4}" y="${y - 4}" text-anchor="end">limit ${formatMb(proc.limitBytes)}</text>`
    );
  }
  if (points.length === 0 && proc.peakRssBytes !== null) {
    const y = r(yOf(proc.peakRssBytes));
    out.push(
      `<line class="peak" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>peak ${formatMb(proc.peakRssBytes)} (no series recorded)</title></line>`
    );
  }
  for (const k of kill) {
    const x = r(xOf(k.atMs));
    const y = r(yOf(k.rssBytes ?? proc.limitBytes ?? 0));
    const text = `killed at ${formatTime(k.atMs, false)}: RSS ${formatMb(k.rssBytes)}${k.pssBytes === null || k.pssBytes === void 0 ? "" : `, PSS ${formatMb(k.pssBytes)}`} over ${formatMb(k.limitBytes ?? proc.limitBytes)}`;
    out.push(
      `<line class="kill-line" x1="${x}" y1="${TOP}" x2="${x}" y2="${TOP + H}"/>`,
      `<circle class="kill" cx="${x}" cy="${y}" r="6"><title>${escapeHtml(text)}</title></circle>`,
      `<text class="kill-label" x="${x - 8}" y="${Math.max(TOP + 12, y - 8)}" text-anchor="end">${escapeHtml(`killed: RSS ${formatMb(k.rssBytes)}${k.pssBytes === null || k.pssBytes === void 0 ? "" : `, PSS ${formatMb(k.pssBytes)}`}`)}</text>`
    );
  }
  out.push("</svg>");
  return out.join("");
}
function toPeakText(proc) {
  let peak = proc.peakRssBytes ?? null;
  for (const p of proc.memory?.points ?? []) peak = Math.max(peak ?? 0, p[1]);
  for (const e of proc.events)
    if (e.type === "memory.exceeded" && e.rssBytes !== void 0) peak = Math.max(peak ?? 0, e.rssBytes);
  if (peak === null) return "never measured";
  if (proc.limitBytes === null) return `peak ${formatMb(peak)}, no limit`;
  return `peak ${formatMb(peak)} = ${Math.round(peak / proc.limitBytes * 100)}% of its ${formatMb(proc.limitBytes)} limit`;
}
var init_memory_svg = __esm({
  "src/report/memory-svg.ts"() {
    "use strict";
    init_page_text();
  }
});

// src/report/report-event.ts
function toReportEvent(raw) {
  if (raw === null || typeof raw !== "object" || Array.isArray(raw)) return null;
  const r = raw;
  const atMs = typeof r["time"] === "number" ? r["time"] : r["at"];
  const type = typeof r["event"] === "string" ? r["event"] : r["type"];
  if (typeof atMs !== "number" || typeof type !== "string") return null;
  const num = (key) => typeof r[key] === "number" ? r[key] : void 0;
  const text = (key) => typeof r[key] === "string" ? r[key] : void 0;
  const event = { atMs, type };
  const exitCode = r["exitCode"];
  if (typeof exitCode === "number" || exitCode === null) event.exitCode = exitCode;
  const signal = r["signal"];
  if (typeof signal === "string" || signal === null) event.signal = signal;
  const reason = text("reason");
  if (reason !== void 0) event.reason = reason;
  for (const key of ["attempt", "delayMs", "rssBytes", "limitBytes"]) {
    const value = num(key);
    if (value !== void 0) event[key] = value;
  }
  const pss = r["pssBytes"];
  if (typeof pss === "number" || pss === null) event.pssBytes = pss;
  const detail = text("detail") ?? text("summary") ?? (type === "memory.exceeded" ? void 0 : text("msg"));
  if (detail !== void 0 && detail !== type) event.detail = detail;
  const name = text("name") ?? text("proc") ?? null;
  return { name, event };
}
var init_report_event = __esm({
  "src/report/report-event.ts"() {
    "use strict";
  }
});

// src/report/timeline.ts
function toTimeSpan(model) {
  let t0 = model.run.startedAtMs ?? Infinity;
  let t1 = model.run.finishedAtMs ?? -Infinity;
  for (const proc of model.processes) {
    for (const at of [proc.startedAtMs, proc.finishedAtMs]) {
      if (at !== null) t0 = Math.min(t0, at);
      if (at !== null) t1 = Math.max(t1, at);
    }
    const first = proc.events[0];
    const last = proc.events[proc.events.length - 1];
    if (first !== void 0) t0 = Math.min(t0, first.atMs);
    if (last !== void 0) t1 = Math.max(t1, last.atMs);
  }
  if (model.run.finishedAtMs === null) t1 = Math.max(t1, model.nowMs);
  if (!Number.isFinite(t0)) t0 = model.nowMs;
  if (!Number.isFinite(t1) || t1 <= t0) t1 = t0 + 1e3;
  return { t0, t1 };
}
function toSegments(proc, endMs) {
  const out = [];
  let open2 = null;
  for (const event of proc.events) {
    if (!event.type.startsWith("process.") || event.type === "process.kill_forced") continue;
    const state = event.type.slice("process.".length);
    if (open2 !== null && event.atMs >= open2.atMs) {
      out.push({ fromMs: open2.atMs, toMs: event.atMs, state: open2.state });
    }
    open2 = state === "exited" || state === "killed" ? null : { atMs: event.atMs, state };
  }
  if (open2 !== null) out.push({ fromMs: open2.atMs, toMs: proc.finishedAtMs ?? endMs, state: open2.state });
  return out;
}
function toColumnRuns(segments, t0, t1, columns) {
  const width = (t1 - t0) / columns;
  const best = new Array(columns).fill(null);
  for (const seg of segments) {
    const a = Math.max(seg.fromMs, t0);
    const b = Math.min(seg.toMs, t1);
    if (b < a) continue;
    const c0 = Math.min(columns - 1, Math.floor((a - t0) / width));
    const c1 = Math.min(columns - 1, Math.floor((b - t0) / width));
    for (let c = c0; c <= c1; c++) {
      const lo = Math.max(a, t0 + c * width);
      const hi = Math.min(b, t0 + (c + 1) * width);
      let col = best[c] ?? null;
      if (col === null) {
        col = { state: seg.state, ms: 0, starts: 0, cover: {} };
        best[c] = col;
      }
      if (c === c0) col.starts += 1;
      const ms = (col.cover[seg.state] ?? 0) + Math.max(hi - lo, 1e-3);
      col.cover[seg.state] = ms;
      if (ms > col.ms) {
        col.ms = ms;
        col.state = seg.state;
      }
    }
  }
  const runs = [];
  for (let c = 0; c < columns; c++) {
    const col = best[c] ?? null;
    if (col === null) continue;
    const state = col.starts > 2 ? "loop" : col.state;
    const last = runs[runs.length - 1];
    if (last !== void 0 && last.state === state && last.c1 === c - 1) last.c1 = c;
    else runs.push({ c0: c, c1: c, state });
  }
  return runs;
}
function toMarkers(events) {
  const out = [];
  for (const e of events) {
    const how = e.exitCode !== null && e.exitCode !== void 0 ? `exit code ${e.exitCode}` : e.signal !== null && e.signal !== void 0 ? e.signal : e.reason ?? "";
    if (e.type === "process.exited" || e.type === "process.killed") {
      out.push({
        atMs: e.atMs,
        kind: "exit",
        text: `${e.reason === "oom" ? "killed (memory)" : "ended"}: ${how}`
      });
    } else if (e.type === "process.restarting") {
      const wait = e.delayMs === void 0 ? "" : `, restart in ${e.delayMs} ms`;
      out.push({ atMs: e.atMs, kind: "restart", text: `${e.reason ?? "ended"} (${how})${wait}` });
    } else if (e.type === "memory.exceeded") {
      const rss = e.rssBytes === void 0 ? "?" : `${Math.round(e.rssBytes / 1048576 * 10) / 10} MB`;
      const limit = e.limitBytes === void 0 ? "?" : `${Math.round(e.limitBytes / 1048576 * 10) / 10} MB`;
      out.push({ atMs: e.atMs, kind: "oom", text: `memory limit exceeded: ${rss} over ${limit}` });
    } else if (e.type === "health.failed" || e.type === "gate.timed_out") {
      out.push({ atMs: e.atMs, kind: "health", text: e.detail ?? e.type });
    }
  }
  return out;
}
function toMarkerClusters(markers, xOf, gapX) {
  const open2 = {};
  const out = [];
  for (const m of markers) {
    const x = xOf(m.atMs);
    const cur = open2[m.kind];
    if (cur !== void 0 && x - cur.x1 < gapX) {
      cur.x1 = Math.max(cur.x1, x);
      cur.count += 1;
      cur.lastMs = m.atMs;
      cur.text = m.text;
      continue;
    }
    const next = { kind: m.kind, x0: x, x1: x, count: 1, firstMs: m.atMs, lastMs: m.atMs, text: m.text };
    open2[m.kind] = next;
    out.push(next);
  }
  return out;
}
var init_timeline = __esm({
  "src/report/timeline.ts"() {
    "use strict";
  }
});

// src/report/timeline-svg.ts
function toTimelineSvg(model, gapX) {
  const LABEL = 230;
  const PLOT = 900;
  const ROW = 26;
  const COLUMNS = 450;
  const TOP = 22;
  const { t0, t1 } = toTimeSpan(model);
  const xOf = (atMs) => LABEL + Math.max(0, Math.min(PLOT, (atMs - t0) / (t1 - t0) * PLOT));
  const height = TOP + ROW * model.processes.length + 6;
  const parts = [];
  parts.push(
    `<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LABEL + PLOT + 20} ${height}" width="${LABEL + PLOT + 20}" height="${height}" role="img" aria-label="timeline">`
  );
  for (let i = 0; i <= 4; i++) {
    const x = LABEL + PLOT * i / 4;
    const at = t0 + (t1 - t0) * i / 4;
    const label = i === 0 ? formatTime(at, false) : `+${formatDuration(at - t0)}`;
    parts.push(
      `<line class="tick" x1="${x}" y1="${TOP - 4}" x2="${x}" y2="${height - 4}"/><text class="axis" x="${x}" y="12" text-anchor="${i === 0 ? "start" : i === 4 ? "end" : "middle"}">${escapeHtml(label)}</text>`
    );
  }
  model.processes.forEach((proc, i) => {
    const y = TOP + i * ROW;
    const cause = proc.name === model.run.causeProcess;
    parts.push(`<g class="row${cause ? " cause" : ""}" data-name="${escapeHtml(proc.name)}">`);
    if (cause)
      parts.push(`<rect class="cause-bg" x="0" y="${y}" width="${LABEL + PLOT + 20}" height="${ROW}"/>`);
    const label = proc.name.length > 30 ? `\u2026${proc.name.slice(-29)}` : proc.name;
    parts.push(
      `<text class="name" x="4" y="${y + 17}">${cause ? "\u2716 " : ""}${escapeHtml(label)}<title>${escapeHtml(proc.name)}</title></text>`
    );
    for (const run of toColumnRuns(toSegments(proc, t1), t0, t1, COLUMNS)) {
      const x = LABEL + run.c0 * PLOT / COLUMNS;
      const w = (run.c1 - run.c0 + 1) * PLOT / COLUMNS;
      const title = run.state === "loop" ? "restart loop (many short runs)" : run.state;
      parts.push(
        `<rect class="st st-${escapeHtml(run.state)}" x="${x}" y="${y + 6}" width="${w}" height="${ROW - 12}"><title>${escapeHtml(title)}</title></rect>`
      );
    }
    for (const c of toMarkerClusters(toMarkers(proc.events), xOf, gapX)) {
      const many = c.count > 1;
      const when = many ? `${formatCount(c.count)} \xD7 between ${formatTime(c.firstMs, false)} and ${formatTime(c.lastMs, false)}; last: ` : `${formatTime(c.firstMs, false)}: `;
      const title = `<title>${escapeHtml(when + c.text)}</title>`;
      const cy = y + ROW / 2;
      if (c.x1 - c.x0 > 1) {
        parts.push(
          `<rect class="mk-span mk-${c.kind}" x="${c.x0}" y="${cy - 2}" width="${c.x1 - c.x0}" height="4">${title}</rect>`
        );
      }
      const x = c.x1;
      const shape = c.kind === "oom" ? `<path class="mk mk-oom" d="M${x} ${cy - 8}L${x + 7} ${cy}L${x} ${cy + 8}L${x - 7} ${cy}Z">${title}</path>` : c.kind === "restart" ? `<circle class="mk mk-restart" cx="${x}" cy="${cy}" r="4.5">${title}</circle>` : c.kind === "health" ? `<path class="mk mk-health" d="M${x} ${cy - 7}L${x + 6} ${cy + 5}L${x - 6} ${cy + 5}Z">${title}</path>` : `<rect class="mk mk-exit" x="${x - 1.5}" y="${cy - 9}" width="3" height="18">${title}</rect>`;
      parts.push(shape);
      if (many) {
        parts.push(`<text class="count" x="${x + 6}" y="${cy - 4}">\xD7${formatCount(c.count)}</text>`);
      }
    }
    parts.push("</g>");
  });
  parts.push("</svg>");
  return parts.join("");
}
var init_timeline_svg = __esm({
  "src/report/timeline-svg.ts"() {
    "use strict";
    init_page_text();
    init_timeline();
  }
});

// src/report/sections.ts
function toHeaderHtml(model) {
  const run = model.run;
  const cause = model.processes.find((p) => p.name === run.causeProcess) ?? null;
  const result = run.result ?? (run.finishedAtMs === null ? "RUNNING" : "UNKNOWN");
  const end = run.finishedAtMs ?? (run.result === null ? model.nowMs : null);
  const rows = [
    ["app", run.app ?? "-"],
    ["instance", run.instance ?? "-"],
    ["run id", run.runId ?? "-"],
    ["result", `${result}${run.exitCode === null ? "" : ` (exit code ${run.exitCode})`}`],
    ["cause", run.causeText ?? "-"],
    ["summary", run.summary ?? "-"],
    ["started", formatTime(run.startedAtMs, true)],
    [
      "duration",
      run.startedAtMs === null || end === null ? "-" : `${formatDuration(end - run.startedAtMs)}${run.finishedAtMs === null ? " so far" : ""}`
    ],
    [
      "versions",
      [run.version === null ? null : `sidecars ${run.version}`, run.node, run.mode].filter((v) => v !== null).join(", ") || "-"
    ]
  ];
  const verdict = cause === null ? "" : `<p class="verdict"><b>${escapeHtml(cause.name)}</b> ended the run: ${escapeHtml(cause.end === null ? "still running" : formatEnd(cause.end))}${cause.finishedAtMs === null ? "" : ` at ${formatTime(cause.finishedAtMs, false)}${run.startedAtMs === null ? "" : ` (+${formatDuration(cause.finishedAtMs - run.startedAtMs)})`}`}${cause.limitBytes === null && cause.peakRssBytes === null ? "" : `; ${escapeHtml(toPeakText(cause))}`}${cause.end?.detail ? ` <span class="detail">${escapeHtml(cause.end.detail)}</span>` : ""}</p>`;
  return `<header><h1><span class="result r-${escapeHtml(result)}">${escapeHtml(result)}</span> ${escapeHtml(run.app ?? "run")}${run.instance === null ? "" : ` <small>${escapeHtml(run.instance)}</small>`}</h1>${verdict}<dl>${rows.map(([k, v]) => `<dt>${k}</dt><dd>${escapeHtml(v)}</dd>`).join("")}</dl></header>`;
}
function toTimelineHtml(model, gapX) {
  const legend = ["waiting", "starting", "running", "healthy", "restarting", "loop"].map((s) => `<span class="key"><i class="sw st-${s}"></i>${s === "loop" ? "restart loop" : s}</span>`).join("");
  const marks = [
    ["exit", "exit"],
    ["oom", "memory kill"],
    ["health", "health failure"],
    ["restart", "restart"]
  ].map(([k, t]) => `<span class="key"><i class="sw mk-${k}"></i>${t}</span>`).join("");
  const rows = model.processes.map((p) => {
    const cls = p.name === model.run.causeProcess ? ' class="cause"' : "";
    const end = p.end === null ? p.state ?? "running" : formatEnd(p.end);
    return `<tr${cls}><td>${escapeHtml(p.name)}</td><td>${escapeHtml(p.type)}</td><td>${escapeHtml(end)}</td><td>${formatTime(p.finishedAtMs, false)}</td><td>${p.restarts}</td><td>${escapeHtml(toPeakText(p))}</td></tr>`;
  }).join("");
  return `<section id="timeline"><h2>Timeline</h2><div class="legend">${legend}${marks}</div><div class="scroll">${toTimelineSvg(model, gapX)}</div><table class="ends"><thead><tr><th>process</th><th>type</th><th>end</th><th>at</th><th>restarts</th><th>memory</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}
function toMemoryHtml(model) {
  const { t0, t1 } = toTimeSpan(model);
  const procs = [...model.processes].sort(
    (a, b) => Number(b.name === model.run.causeProcess) - Number(a.name === model.run.causeProcess)
  );
  const charts = procs.map((p) => {
    const svg = toMemorySvg(p, t0, t1);
    if (svg === "") return "";
    const cls = p.name === model.run.causeProcess ? " cause" : "";
    const series = p.memory === null ? ' <span class="detail">(no memory series in these records: the peak only)</span>' : "";
    return `<div class="chart${cls}" data-name="${escapeHtml(p.name)}"><h3>${escapeHtml(p.name)} <small>${escapeHtml(toPeakText(p))}</small>${series}</h3><div class="scroll">${svg}</div></div>`;
  }).join("");
  return `<section id="memory"><h2>Memory</h2>${charts === "" ? "<p>No process had a memory limit or a measurement.</p>" : charts}</section>`;
}
function toLiveHtml(model, gapX) {
  const notes = model.notes.map((n) => `<p class="note">${escapeHtml(n)}</p>`).join("");
  return `${toHeaderHtml(model)}${notes}${toTimelineHtml(model, gapX)}${toMemoryHtml(model)}`;
}
var init_sections = __esm({
  "src/report/sections.ts"() {
    "use strict";
    init_memory_svg();
    init_page_text();
    init_timeline();
    init_timeline_svg();
  }
});

// src/report/page-functions.ts
function toPageFunctions() {
  return {
    source: PAGE_FUNCTIONS.map((fn) => fn.toString()).join("\n"),
    live: toLiveHtml.name,
    event: toReportEvent.name
  };
}
var PAGE_FUNCTIONS;
var init_page_functions = __esm({
  "src/report/page-functions.ts"() {
    "use strict";
    init_memory_svg();
    init_page_text();
    init_report_event();
    init_sections();
    init_timeline();
    init_timeline_svg();
    PAGE_FUNCTIONS = [
      escapeHtml,
      formatMb,
      formatTime,
      formatDuration,
      formatEnd,
      formatCount,
      toTimeSpan,
      toSegments,
      toColumnRuns,
      toMarkers,
      toMarkerClusters,
      toTimelineSvg,
      toMemorySvg,
      toPeakText,
      toHeaderHtml,
      toTimelineHtml,
      toMemoryHtml,
      toLiveHtml,
      toReportEvent
    ];
  }
});

// src/report/page-script.ts
function toLiveScript(functions, live, gapX) {
  return `
(function () {
${functions.source}
  var model = JSON.parse(document.getElementById('model').textContent);
  var target = document.getElementById('live');
  var status = document.getElementById('live-status');
  var MB = 1048576, MAX_POINTS = 2000, pending = false, done = false;
  function row(name) {
    var p = model.processes.find(function (x) { return x.name === name; });
    if (!p) {
      p = { name: name, type: 'sidecar', command: null, limitBytes: null, startedAtMs: null, finishedAtMs: null, end: null,
            peakRssBytes: null, restarts: 0, state: null, events: [], memory: null, log: null };
      model.processes.push(p);
    }
    return p;
  }
  function render() {
    if (pending) return;
    pending = true;
    setTimeout(function () { pending = false; model.nowMs = Date.now(); target.innerHTML = ${functions.live}(model, ${gapX}); }, 250);
  }
  function applyEvent(raw) {
    var read = ${functions.event}(raw);
    if (!read) return;
    var e = read.event;
    if (model.run.startedAtMs === null || e.atMs < model.run.startedAtMs) model.run.startedAtMs = e.atMs;
    if (e.type === 'supervisor.finished') {
      done = true;
      status.textContent = 'finished';
      model.run.finishedAtMs = e.atMs; model.run.summary = raw.summary || null; model.run.exitCode = raw.exitCode;
      if (model.run.result === null) model.run.result = raw.exitCode === 0 ? 'SUCCESS' : 'FAILURE';
    }
    if (e.type === 'supervisor.stop_requested' && raw.signal) { model.run.result = 'ABORTED'; model.run.causeText = raw.signal; }
    if (read.name === null) { model.events.push(e); return; }
    var p = row(read.name);
    p.events.push(e);
    if (e.type.indexOf('process.') === 0 && e.type !== 'process.kill_forced') p.state = e.type.slice(8);
    if (e.type === 'process.running' && p.startedAtMs === null) p.startedAtMs = e.atMs;
    if (e.type === 'process.exited' || e.type === 'process.killed') {
      p.finishedAtMs = e.atMs;
      p.end = { reason: e.reason || 'exited', exitCode: e.exitCode === undefined ? null : e.exitCode, signal: e.signal || null, detail: null };
      if (model.run.causeProcess === null && e.reason !== 'stopped') { model.run.causeProcess = read.name; model.run.causeText = read.name; }
    }
    render();
  }
  function applyState(body) {
    var now = Date.now();
    Object.keys(body.processes || {}).forEach(function (name) {
      var v = body.processes[name], p = row(name);
      p.state = v.state; p.restarts = v.restarts;
      if (v.limit_mb !== null && v.limit_mb !== undefined) p.limitBytes = v.limit_mb * MB;
      if (v.rss_mb !== null && v.rss_mb !== undefined) {
        if (!p.memory) p.memory = { bucketMs: ${live.pollMs}, points: [] };
        p.memory.points.push([now, v.rss_mb * MB, null]);
        if (p.memory.points.length > MAX_POINTS) {
          var merged = [];
          for (var i = 0; i < p.memory.points.length; i += 2) {
            var a = p.memory.points[i], b = p.memory.points[i + 1] || a;
            merged.push([a[0], Math.max(a[1], b[1]), null]);
          }
          p.memory.points = merged; p.memory.bucketMs *= 2;
        }
      }
    });
    render();
    return body.finished === true;
  }
  function poll() {
    if (done) return;
    fetch(${JSON.stringify(live.statePath)}, { cache: 'no-store' })
      .then(function (r) { return r.json(); })
      .then(function (body) {
        if (done) return;
        if (!applyState(body)) { status.textContent = 'live'; setTimeout(poll, ${live.pollMs}); } else status.textContent = 'finished';
      })
      .catch(function () { if (!done) status.textContent = 'the supervisor does not answer (it may have ended)'; });
  }
  function follow() {
    fetch(${JSON.stringify(live.eventsPath)}, { cache: 'no-store' }).then(function (r) {
      var reader = r.body.getReader(), decoder = new TextDecoder(), rest = '';
      function next() {
        return reader.read().then(function (chunk) {
          if (chunk.done) return;
          var lines = (rest + decoder.decode(chunk.value, { stream: true })).split('\\n');
          rest = lines.pop();
          lines.forEach(function (line) { if (line.trim() !== '') { try { applyEvent(JSON.parse(line)); } catch (e) { /* not JSON */ } } });
          return next();
        });
      }
      return next();
    }).catch(function () { if (!done) status.textContent = 'the event stream ended'; });
  }
  poll();
  follow();
})();
`;
}
function toPageScript(live, functions, gapX) {
  return live === null ? STATIC_SCRIPT : STATIC_SCRIPT + toLiveScript(functions, live, gapX);
}
var STATIC_SCRIPT;
var init_page_script = __esm({
  "src/report/page-script.ts"() {
    "use strict";
    STATIC_SCRIPT = `
(function () {
  var filter = document.getElementById('filter');
  var tails = Array.prototype.slice.call(document.querySelectorAll('pre.tail'));
  var originals = tails.map(function (pre) { return pre.textContent; });
  tails.forEach(function (pre) { pre.scrollTop = pre.scrollHeight; });
  document.querySelectorAll('details.log').forEach(function (d) {
    d.addEventListener('toggle', function () { var pre = d.querySelector('pre.tail'); if (pre) pre.scrollTop = pre.scrollHeight; });
  });
  if (!filter) return;
  filter.addEventListener('input', function () {
    var q = filter.value.toLowerCase();
    var total = 0;
    tails.forEach(function (pre, i) {
      var details = pre.closest('details');
      if (q === '') { pre.textContent = originals[i]; if (details) details.classList.remove('hit'); return; }
      var lines = originals[i].split('\\n').filter(function (l) { return l.toLowerCase().indexOf(q) >= 0; });
      total += lines.length;
      pre.textContent = lines.join('\\n');
      if (details && lines.length > 0) details.open = true;
    });
    document.getElementById('matches').textContent = q === '' ? '' : total + ' matching line(s)';
  });
})();
`;
  }
});

// src/report/page-style.ts
var PAGE_STYLE;
var init_page_style = __esm({
  "src/report/page-style.ts"() {
    "use strict";
    PAGE_STYLE = `
:root{--fg:#1d2330;--mute:#667085;--line:#d0d5dd;--bg:#fff;--bad:#c01c28;--ok:#1a7f37}
*{box-sizing:border-box}
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);background:var(--bg);margin:0 auto;padding:16px 24px;max-width:1200px}
h1{font-size:20px;margin:0 0 6px}h1 small{color:var(--mute);font-weight:normal}
h2{font-size:16px;margin:22px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
h3{font-size:14px;margin:12px 0 4px}h3 small,h4 small{color:var(--mute);font-weight:normal}h4{font-size:12px;margin:8px 0 2px;color:var(--mute)}
.result{display:inline-block;padding:1px 8px;border-radius:4px;color:#fff;background:var(--mute);font-size:14px;vertical-align:2px}
.r-SUCCESS{background:var(--ok)}.r-FAILURE{background:var(--bad)}.r-ABORTED{background:#b54708}.r-RUNNING{background:#1f6feb}
.verdict{font-size:15px;margin:6px 0 10px;padding:8px 12px;border-left:4px solid var(--bad);background:#fdecec}
.detail{color:var(--mute)}.note{color:#b54708}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 14px;margin:0}dt{color:var(--mute)}dd{margin:0;overflow-wrap:anywhere}
.scroll{overflow-x:auto}svg{max-width:100%;height:auto;display:block}
.legend{display:flex;flex-wrap:wrap;gap:4px 14px;font-size:12px;color:var(--mute);margin-bottom:4px}
.key{display:inline-flex;align-items:center;gap:4px}.sw{display:inline-block;width:14px;height:10px;border-radius:2px}
.axis{font-size:11px;fill:#667085}.tick{stroke:#eaecf0}
.name{font:12px ui-monospace,SFMono-Regular,Menlo,monospace;fill:#1d2330}
.cause .name{fill:#c01c28;font-weight:bold}.cause-bg{fill:#fdecec}
.st-pending,.st-waiting{fill:#d0d5dd;background:#d0d5dd}.st-starting{fill:#fec84b;background:#fec84b}
.st-running{fill:#84adff;background:#84adff}.st-healthy{fill:#47cd89;background:#47cd89}
.st-restarting{fill:#f79009;background:#f79009}.st-loop{fill:#f04438;background:repeating-linear-gradient(45deg,#f04438 0 3px,#fda29b 3px 6px)}
.st-exited,.st-killed{fill:#98a2b3;background:#98a2b3}
.mk{stroke:#fff;stroke-width:1}.mk-exit{fill:#1d2330;background:#1d2330}.mk-oom{fill:#c01c28;background:#c01c28}
.mk-health{fill:#7a2e0e;background:#7a2e0e}.mk-restart{fill:#fff;stroke:#b54708;stroke-width:2;background:#fff;border:2px solid #b54708}
rect.mk-restart{fill:#b54708}.mk-span{opacity:.45}
.count{font-size:11px;font-weight:bold;fill:#1d2330}
table.ends{border-collapse:collapse;margin-top:8px;font-size:12px}.ends td,.ends th{border-bottom:1px solid #eaecf0;padding:2px 10px 2px 0;text-align:left}
tr.cause td{color:var(--bad);font-weight:bold}
.plot{fill:#f9fafb;stroke:#eaecf0}.rss{fill:none;stroke:#1f6feb;stroke-width:1.5}.pss{fill:none;stroke:#7f56d9;stroke-width:1;stroke-dasharray:3 2}
.limit{stroke:#c01c28;stroke-width:1.5;stroke-dasharray:6 3}.limit-label,.kill-label{font-size:11px;fill:#c01c28}
.peak{stroke:#1f6feb;stroke-dasharray:2 3}.kill{fill:#c01c28;stroke:#fff;stroke-width:1.5}.kill-line{stroke:#c01c28;stroke-opacity:.4}
.chart.cause h3{color:var(--bad)}
details.log{border:1px solid var(--line);border-radius:4px;margin:6px 0;padding:4px 8px}details.log.cause{border-color:var(--bad)}
summary{cursor:pointer;font:13px ui-monospace,SFMono-Regular,Menlo,monospace}.cause-tag{color:var(--bad)}
pre{font:12px/1.35 ui-monospace,SFMono-Regular,Menlo,monospace;background:#f9fafb;border:1px solid #eaecf0;padding:6px;margin:2px 0;white-space:pre-wrap;overflow-wrap:anywhere}
pre.tail{max-height:28em;overflow:auto}.omitted{color:var(--mute);font-size:12px;margin:2px 0}
#filter{width:24em;font:inherit;padding:3px 6px}#matches{color:var(--mute);font-size:12px}
footer{margin-top:24px;color:var(--mute);font-size:12px}
`;
  }
});

// src/report/render-report.ts
var render_report_exports = {};
__export(render_report_exports, {
  DEFAULT_LIVE: () => DEFAULT_LIVE,
  PAGE_BOUND_BYTES: () => PAGE_BOUND_BYTES,
  renderReport: () => renderReport,
  renderReportParts: () => renderReportParts,
  renderReportSized: () => renderReportSized,
  toCsp: () => toCsp,
  toEmptyModel: () => toEmptyModel
});
function toCsp(live) {
  return [
    "default-src 'none'",
    "style-src 'unsafe-inline'",
    "script-src 'unsafe-inline'",
    "img-src data:",
    ...live ? ["connect-src 'self'"] : [],
    "base-uri 'none'",
    "form-action 'none'"
  ].join("; ");
}
function toScriptJson(value) {
  return JSON.stringify(value).replace(/</g, "\\u003c").replace(/\u2028/g, "\\u2028").replace(/\u2029/g, "\\u2029");
}
function toLiveModel(model) {
  return { ...model, processes: model.processes.map((p) => ({ ...p, log: null })) };
}
function renderReportParts(model, opts = {}) {
  const live = opts.live === void 0 || opts.live === null ? null : { ...DEFAULT_LIVE, ...opts.live };
  const functions = toPageFunctions();
  let out = { head: "", foot: "", pageBytes: Infinity };
  for (const gap of MARKER_GAPS) {
    const script = toPageScript(live, functions, gap).replace(/<\/script/gi, "<\\/script");
    const title = `${model.run.result ?? "RUNNING"} ${model.run.app ?? "run"} ${model.run.runId ?? formatTime(model.run.startedAtMs, true)}`;
    const modelJson = live === null ? "" : `<script type="application/json" id="model">${toScriptJson(toLiveModel(model))}</script>`;
    const head = [
      '<!doctype html><html lang="en"><head><meta charset="utf-8">',
      `<meta http-equiv="Content-Security-Policy" content="${toCsp(live !== null)}">`,
      '<meta name="viewport" content="width=device-width, initial-scale=1">',
      `<title>${escapeHtml(title)}</title><style>${PAGE_STYLE}</style></head><body>`,
      live === null ? "" : '<p class="detail">Live view: <span id="live-status">connecting\u2026</span></p>',
      `<div id="live">${toLiveHtml(model, gap)}</div>`
    ].join("");
    const foot = [
      live === null ? `<footer>Written ${escapeHtml(formatTime(model.nowMs, true))} by sidecars${model.run.version === null ? "" : ` ${escapeHtml(model.run.version)}`}. This page loads nothing: everything is in it.</footer>` : "<footer>Live: this page reads its own origin\u2019s /state and /events, nothing else. The logs are in the records (report.html) once the run ends.</footer>",
      modelJson,
      `<script>${script}</script></body></html>
`
    ].join("");
    out = { head, foot, pageBytes: Buffer.byteLength(head) + Buffer.byteLength(foot) };
    if (out.pageBytes <= PAGE_BOUND_BYTES) break;
  }
  return out;
}
function renderReportSized(model, opts = {}) {
  const live = opts.live !== void 0 && opts.live !== null;
  const { head, foot, pageBytes } = renderReportParts(model, opts);
  return { html: head + (live ? "" : toLogsHtml(model)) + foot, pageBytes };
}
function toEmptyModel(nowMs, logTailBytes = 1048576) {
  const run = {
    app: null,
    instance: null,
    runId: null,
    result: null,
    causeProcess: null,
    causeText: null,
    summary: null,
    exitCode: null,
    startedAtMs: null,
    finishedAtMs: null,
    version: null,
    mode: null,
    node: null
  };
  return { run, processes: [], events: [], nowMs, notes: [], logTailBytes };
}
function renderReport(model, opts = {}) {
  return renderReportSized(model, opts).html;
}
var PAGE_BOUND_BYTES, MARKER_GAPS, DEFAULT_LIVE;
var init_render_report = __esm({
  "src/report/render-report.ts"() {
    "use strict";
    init_logs_html();
    init_page_text();
    init_page_functions();
    init_page_script();
    init_page_style();
    init_sections();
    PAGE_BOUND_BYTES = 300 * 1024;
    MARKER_GAPS = [8, 32, 128, 900];
    DEFAULT_LIVE = { statePath: "/state", eventsPath: "/events", pollMs: 2e3 };
  }
});

// src/cli/live-page.ts
function toLivePage(info) {
  const startedAtMs = Date.now();
  return async () => {
    const { renderReport: renderReport2, toEmptyModel: toEmptyModel2 } = await Promise.resolve().then(() => (init_render_report(), render_report_exports));
    const empty = toEmptyModel2(Date.now(), 0);
    const run = { ...empty.run, startedAtMs, node: process.version, ...info };
    return renderReport2({ ...empty, run }, { live: {} });
  };
}
var init_live_page = __esm({
  "src/cli/live-page.ts"() {
    "use strict";
  }
});

// src/cli/status-web.ts
var status_web_exports = {};
__export(status_web_exports, {
  parseWebAddress: () => parseWebAddress,
  serveStatusWeb: () => serveStatusWeb
});
function parseWebAddress(text) {
  if (text.startsWith("unix:")) {
    throw new SidecarError("usage", `--web ${text}: a browser cannot open a unix socket`, WEB_HINT);
  }
  let address;
  try {
    address = parseStatusAddress(text, process.cwd());
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    throw new SidecarError("usage", error.message.replace(/^--status /, "--web "), WEB_HINT);
  }
  if (address.kind !== "tcp")
    throw new SidecarError("usage", `--web ${text}: not a loopback address`, WEB_HINT);
  return address;
}
async function serveStatusWeb(flag, findSources) {
  const listen2 = parseWebAddress(flag);
  await findSources();
  const proxy = await startStatusProxy({
    listen: listen2,
    findSources,
    page: toLivePage({ mode: "status --web" }),
    censor: readCensor([process.env])
  });
  console.log(`sidecars status: live report page on http://${proxy.address}/ (Ctrl-C stops it)`);
  const signal = await new Promise((resolve) => {
    process.once("SIGINT", () => resolve("SIGINT"));
    process.once("SIGTERM", () => resolve("SIGTERM"));
  });
  await proxy.close();
  console.error(`sidecars status: ${signal}: stopped serving the page`);
  return 0;
}
var WEB_HINT;
var init_status_web = __esm({
  "src/cli/status-web.ts"() {
    "use strict";
    init_errors();
    init_status_address();
    init_status_proxy();
    init_censor();
    init_live_page();
    WEB_HINT = "Use --web 127.0.0.1:PORT (PORT 0 picks a free one); on the platform, reach it with cf ssh -L PORT:127.0.0.1:PORT.";
  }
});

// src/cli/status.ts
var status_exports = {};
__export(status_exports, {
  HELP: () => HELP,
  SUMMARY: () => SUMMARY,
  main: () => main
});
module.exports = __toCommonJS(status_exports);
var import_node_util2 = require("node:util");
init_errors();

// src/cli/default-sockets.ts
var import_node_os = __toESM(require("node:os"), 1);
init_errors();
init_status_address();
init_status_client();
async function findSupervisorSockets(hint) {
  const tmpDir = process.env["TMPDIR"] || import_node_os.default.tmpdir();
  const uid = process.getuid?.() ?? null;
  const found = await findDefaultSockets(tmpDir, uid);
  if (found.length === 0) {
    const fallback = uid !== null ? ` or ${toFallbackSocketDir(tmpDir, uid)}` : "";
    throw new SidecarError("usage", `no supervisor found: no socket in ${tmpDir}/sidecars${fallback}`, hint);
  }
  return found;
}

// src/cli/status.ts
init_status_client();
init_status_address();

// src/supervisor/api/status-table.ts
var HEADERS = ["NAME", "STATE", "HEALTH", "MEMORY", "RESTARTS", "LAST EXIT"];
function toMemory(view) {
  const rss = view.rss_mb === null ? "-" : `${view.rss_mb}`;
  return view.limit_mb === null ? `${rss} MB` : `${rss} / ${view.limit_mb} MB`;
}
function toLastExit(view) {
  const exit = view.last_exit;
  if (exit === null) return "-";
  const status = exit.signal !== null ? exit.signal : `code ${exit.exit_code ?? "?"}`;
  return `${exit.reason} (${status})`;
}
function toState(view) {
  const next = view.next_restart_at;
  if (view.state !== "restarting" || next === void 0 || next === null) return view.state;
  return `restarting at ${new Date(next * 1e3).toISOString().slice(11, 19)}Z`;
}
function toStatusTable(address, body) {
  const rows = Object.entries(body.processes).map(([name, view]) => [
    name,
    toState(view),
    view.health ?? "-",
    toMemory(view),
    String(view.restarts),
    toLastExit(view)
  ]);
  const widths = HEADERS.map(
    (header, i) => Math.max(header.length, ...rows.map((row) => row[i]?.length ?? 0))
  );
  const format = (cells) => cells.map((cell, i) => i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)).join("  ").trimEnd();
  return [
    `${address} (${body.finished ? "finished" : "running"}${body.pid !== void 0 ? `, pid ${body.pid}` : ""})`,
    format(HEADERS),
    ...rows.map(format)
  ].join("\n");
}
function toEventLine(line, source) {
  let event;
  try {
    event = JSON.parse(line);
  } catch {
    return line;
  }
  const at = typeof event["at"] === "number" ? new Date(event["at"]).toISOString().slice(11, 23) : "";
  const who = typeof event["name"] === "string" ? `[${event["name"]}] ` : "";
  const detail = ["cause", "detail", "summary"].map((key) => event[key]).find((value) => typeof value === "string");
  const from = source === null ? "" : `${source} `;
  const attempt2 = event["type"] === "process.restarting" ? toAttempt(event) : "";
  return `${at} ${from}${who}${String(event["type"])}${detail !== void 0 ? ` ${detail}` : ""}${attempt2}`;
}
function toAttempt(event) {
  if (event["reason"] === "operator") return " (by an operator)";
  return typeof event["attempt"] === "number" && typeof event["delayMs"] === "number" ? ` (restart ${event["attempt"]}, in ${event["delayMs"]} ms)` : "";
}

// src/cli/status.ts
var SUMMARY = "show the processes of running supervisors (state, health, memory, last exit)";
var HELP = `Usage: sidecars status [--status ADDR] [--json] [--follow] [--web 127.0.0.1:PORT]

Asks running supervisors for the state of their processes: state, health, memory / limit,
restarts, last exit. With no --status, asks every supervisor listening on a default socket
($TMPDIR/sidecars/*.sock: every \`sidecars exec\` of this container, <entry>.sock, and
<entry>.<pid>.sock for one that found its entry's socket held by another; and, where a TMPDIR
too long for a socket path made exec fall back, /tmp/sidecars-<uid>-<hash of TMPDIR>/*.sock).
Each is shown with its pid.

Options:
  --status ADDR   one supervisor: unix:PATH or 127.0.0.1:PORT (as given to exec/run --status)
  --json          print {"supervisors": [{"address", "finished", "processes"}]} instead of a table
  --follow        stream events (every event since the start, then live) until the runs end;
                  with --json, the raw NDJSON lines
  --web ADDR      serve their live report page on ADDR (127.0.0.1:PORT, loopback only; 0
                  picks a port) until SIGINT/SIGTERM; on the platform: cf ssh -L PORT:127.0.0.1:PORT
  -h, --help      show this help

Exit codes: 0; 1 if no supervisor was found or one could not be reached.`;
async function main(argv) {
  let values;
  try {
    ({ values } = (0, import_node_util2.parseArgs)({
      args: argv,
      options: {
        status: { type: "string" },
        json: { type: "boolean" },
        follow: { type: "boolean" },
        web: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
  } catch (error) {
    console.error(`sidecars status: ${error.message}
Run \`sidecars status --help\` for usage.`);
    return 1;
  }
  if (values.help === true) {
    console.log(HELP);
    return 0;
  }
  try {
    if (values.web !== void 0) {
      if (values.json === true || values.follow === true) {
        throw new SidecarError("usage", "--web serves a page: it takes neither --json nor --follow");
      }
      const { serveStatusWeb: serveStatusWeb2 } = await Promise.resolve().then(() => (init_status_web(), status_web_exports));
      const statusFlag = values.status;
      return await serveStatusWeb2(values.web, () => toAddresses(statusFlag));
    }
    const addresses = await toAddresses(values.status);
    if (values.follow === true) {
      const tagged = addresses.length > 1;
      await Promise.all(
        addresses.map(
          (address) => followEvents(
            address,
            (line) => console.log(
              values.json === true ? line : toEventLine(line, tagged ? toAddressText(address) : null)
            )
          )
        )
      );
      return 0;
    }
    const found = await Promise.all(
      addresses.map(async (address) => {
        try {
          return { address, body: await readState(address) };
        } catch (error) {
          if (values.status === void 0 && hasGone(address)) return null;
          throw error;
        }
      })
    );
    const states = found.filter((state) => state !== null);
    if (states.length === 0) {
      throw new SidecarError("usage", "no supervisor found: every one found has ended since");
    }
    if (values.json === true) {
      const supervisors = states.map(({ address, body }) => ({ address: toAddressText(address), ...body }));
      console.log(JSON.stringify({ supervisors }, null, 2));
    } else {
      console.log(
        states.map(({ address, body }) => toStatusTable(toAddressText(address), body)).join("\n\n")
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars status: ${error.message}${error.hint !== void 0 ? `
${error.hint}` : ""}`);
    return 1;
  }
}
async function toAddresses(flag) {
  if (flag !== void 0) return [parseStatusAddress(flag, process.cwd())];
  return findSupervisorSockets(
    "Pass --status ADDR (the address given to `sidecars run --status` or `exec --status`)."
  );
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  HELP,
  SUMMARY,
  main
});
