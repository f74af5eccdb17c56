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

// src/supervisor/model/tree-sample.ts
var BYTES_PER_MB;
var init_tree_sample = __esm({
  "src/supervisor/model/tree-sample.ts"() {
    "use strict";
    BYTES_PER_MB = 1024 * 1024;
  }
});

// src/supervisor/proc/memory.ts
var init_memory = __esm({
  "src/supervisor/proc/memory.ts"() {
    "use strict";
    init_tree_sample();
  }
});

// src/supervisor/proc/tree-tracker.ts
var init_tree_tracker = __esm({
  "src/supervisor/proc/tree-tracker.ts"() {
    "use strict";
  }
});

// src/supervisor/proc/wait-tree-gone.ts
var init_wait_tree_gone = __esm({
  "src/supervisor/proc/wait-tree-gone.ts"() {
    "use strict";
    init_tree_tracker();
  }
});

// src/cli/restart.ts
var restart_exports = {};
__export(restart_exports, {
  HELP: () => HELP,
  SUMMARY: () => SUMMARY,
  main: () => main
});
module.exports = __toCommonJS(restart_exports);

// src/common/errors.ts
var SidecarError = class extends Error {
  constructor(code, message, hint, options) {
    super(message, options);
    this.code = code;
    this.hint = hint;
  }
  code;
  hint;
  name = "SidecarError";
};

// src/cli/command-args.ts
var import_node_util = require("node:util");

// src/supervisor/proc/kill-tree.ts
init_memory();

// src/supervisor/proc/process-table.ts
var STAT_BUFFER = Buffer.alloc(4096);

// src/supervisor/proc/proc-tree-reader.ts
var MIN_READ_BYTES = 4096;
var buffer = Buffer.alloc(2 * MIN_READ_BYTES);

// src/supervisor/proc/kill-tree.ts
init_tree_tracker();
init_wait_tree_gone();

// src/supervisor/policies/memory-limit.ts
init_memory();

// src/config/byte-size.ts
var UNITS = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  g: 1024 ** 3,
  gb: 1024 ** 3,
  gib: 1024 ** 3
};

// src/config/schema-defaults.ts
var DEFAULT_LOG_TAIL_BYTES = 1024 * 1024;
var MIN_LOG_TAIL_BYTES = 4 * 1024;
var MAX_LOG_TAIL_BYTES = 64 * 1024 * 1024;

// src/cli/records-flags.ts
var RECORDS_OPTIONS = {
  artifacts: { type: "string" },
  upload: { type: "string" },
  "log-tail": { type: "string" },
  "upload-interval": { type: "string" },
  "run-name": { type: "string" }
};

// src/cli/supervise-flags.ts
var SUPERVISE_OPTIONS = {
  "grace-ms": { type: "string" },
  "memory-interval-ms": { type: "string" },
  status: { type: "string" },
  ...RECORDS_OPTIONS,
  help: { type: "boolean", short: "h" }
};
function printUsageError(command, error) {
  console.error(
    `sidecars ${command}: ${error.message}
Run \`sidecars ${command} --help\` for usage.`
  );
}

// src/cli/command-args.ts
function parseCommandArgs(command, argv, options, help) {
  let parsed;
  try {
    parsed = (0, import_node_util.parseArgs)({ args: argv, allowPositionals: true, options });
  } catch (error) {
    printUsageError(command, error);
    return 1;
  }
  if (parsed.values.help === true) {
    console.log(help);
    return 0;
  }
  return parsed;
}

// src/cli/default-sockets.ts
var import_node_os = __toESM(require("node:os"), 1);

// src/supervisor/api/status-address.ts
var import_node_path = __toESM(require("node:path"), 1);

// src/common/short-hash.ts
function toShortHash(text) {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, "utf8")) {
    hash = (hash ^ BigInt(byte)) * 0x100000001b3n & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, "0");
}

// src/supervisor/api/status-address.ts
var MAX_SOCKET_PATH_BYTES = process.platform === "linux" ? 107 : 103;
var FALLBACK_SOCKET_ROOT = "/tmp";
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

// src/supervisor/api/status-client.ts
var import_node_http = require("node:http");
var import_promises = require("node:fs/promises");
var import_node_path2 = __toESM(require("node:path"), 1);

// src/supervisor/api/private-dir.ts
var SHARED_BITS = 63;
async function isPrivateDir(dir, uid) {
  const { lstat } = await Promise.resolve().then(() => __toESM(require("node:fs/promises"), 1));
  try {
    const stats = await lstat(dir);
    return stats.isDirectory() && stats.uid === uid && (stats.mode & SHARED_BITS) === 0;
  } catch {
    return false;
  }
}

// src/supervisor/claim/claim-file.ts
var import_node_fs2 = require("node:fs");

// src/supervisor/claim/start-time.ts
var import_node_fs = require("node:fs");
var START_TIME_FIELD = 20;
function readStartTicks(pid) {
  let stat;
  try {
    stat = (0, import_node_fs.readFileSync)(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return null;
  const ticks = Number(fields[START_TIME_FIELD - 1]);
  return Number.isInteger(ticks) ? ticks : null;
}
function readBootId() {
  try {
    return (0, import_node_fs.readFileSync)("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
function hasProcStat() {
  return (0, import_node_fs.existsSync)(`/proc/${process.pid}/stat`);
}

// src/supervisor/claim/claim-holder.ts
var CLAIM_VERSION = 1;
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

// src/supervisor/claim/claim-file.ts
function readText(file) {
  try {
    return (0, import_node_fs2.readFileSync)(file, "utf8");
  } catch (error) {
    if (error.code === "ENOENT") return null;
    throw error;
  }
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

// src/supervisor/api/status-client.ts
var STATUS_TIMEOUT_MS = 5e3;
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
async function requestRestart(address, name) {
  if (address.kind !== "unix") {
    throw new SidecarError(
      "usage",
      `${toAddressText(address)} is a TCP address: restarts go through a unix socket only (the state API has no authentication)`,
      "Pass --status unix:PATH (the socket given to `sidecars exec --status` or `run --status`), or leave --status out."
    );
  }
  const res = await open(
    address,
    `/processes/${encodeURIComponent(name)}/restart`,
    STATUS_TIMEOUT_MS,
    "POST"
  );
  const chunks = [];
  for await (const chunk of res) chunks.push(chunk);
  const text = Buffer.concat(chunks).toString("utf8");
  try {
    const answer = JSON.parse(text);
    if (typeof answer.ok === "boolean") return answer;
  } catch {
  }
  throw new SidecarError("usage", `${toAddressText(address)} answered ${res.statusCode}: ${text.trim()}`);
}
async function findDefaultSockets(tmpDir, uid) {
  const dirs = [import_node_path2.default.join(tmpDir, "sidecars")];
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
    const sockets = names.filter((n) => n.endsWith(".sock")).map((n) => import_node_path2.default.join(dir, n));
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

// src/cli/default-sockets.ts
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

// src/cli/restart.ts
var SUMMARY = "restart one sidecar (graceful stop, then start) through its supervisor";
var HELP = `Usage: sidecars restart NAME [--status unix:PATH]

Restarts the sidecar NAME in this container: its whole tree gets SIGTERM (SIGKILL after the
grace period), then it starts again at once; the app and the other sidecars keep running. An
operator's restart is not a failure: it spends nothing of max_restarts, and works for a sidecar
with restart: never too. Asked through the supervisor's state API on its unix socket only (the
API has no authentication: a TCP address is refused). With no --status, finds the supervisor
that runs NAME among the default sockets ($TMPDIR/sidecars/*.sock, as \`sidecars status\`).

Options:
  --status unix:PATH   the supervisor's socket (as given to exec/run --status)
  -h, --help           show this help

Exit codes: 0 once the supervisor accepted the restart; 1 for an unknown name, a sidecar that
is not running, no supervisor found, a TCP address or a usage error.`;
async function main(argv) {
  const parsed = parseCommandArgs(
    "restart",
    argv,
    { status: { type: "string" }, help: { type: "boolean", short: "h" } },
    HELP
  );
  if (typeof parsed === "number") return parsed;
  const { values, positionals } = parsed;
  try {
    const [name, ...extra] = positionals;
    if (name === void 0 || extra.length > 0) {
      throw new SidecarError(
        "usage",
        "restart takes one sidecar NAME",
        "Run `sidecars status` for the names."
      );
    }
    const address = await findSupervisor(name, values.status);
    const answer = await requestRestart(address, name);
    if (!answer.ok) throw new SidecarError("usage", answer.message);
    console.log(`restarting ${name} (it was ${answer.state}) through ${toAddressText(address)}`);
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars restart: ${error.message}${error.hint !== void 0 ? `
${error.hint}` : ""}`);
    return 1;
  }
}
async function findSupervisor(name, flag) {
  if (flag !== void 0) {
    const address = parseStatusAddress(flag, process.cwd());
    if (address.kind !== "unix") {
      throw new SidecarError(
        "usage",
        `--status ${flag}: restarts go through a unix socket only (the state API has no authentication)`,
        "Pass --status unix:PATH, or leave --status out to use the default sockets."
      );
    }
    return address;
  }
  const found = await findSupervisorSockets(
    "Pass --status unix:PATH (the socket given to `sidecars run --status` or `exec --status`)."
  );
  const known = [];
  for (const address of found) {
    let names;
    try {
      names = Object.keys((await readState(address)).processes);
    } catch {
      continue;
    }
    if (names.includes(name)) return address;
    known.push(...names);
  }
  throw new SidecarError(
    "usage",
    `no sidecar named ${name} in this container`,
    known.length > 0 ? `Known: ${known.join(", ")}.` : "No supervisor answered: is one running?"
  );
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  HELP,
  SUMMARY,
  main
});
