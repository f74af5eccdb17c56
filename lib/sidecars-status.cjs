const __sidecarsImportMetaUrl = require('node:url').pathToFileURL(__filename).href;
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
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

// src/cli/status.ts
var status_exports = {};
__export(status_exports, {
  HELP: () => HELP,
  SUMMARY: () => SUMMARY,
  main: () => main
});
module.exports = __toCommonJS(status_exports);
var import_node_util = require("node:util");

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
var import_node_fs3 = require("node:fs");
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
async function followEvents(address, onLine) {
  const res = await open(address, "/events");
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
function hasGone(address) {
  if (address.kind !== "unix") return false;
  return !(0, import_node_fs3.existsSync)(address.path) || readClaim(toSocketLock(address.path)).kind === "stale";
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
  const attempt = event["type"] === "process.restarting" ? toAttempt(event) : "";
  return `${at} ${from}${who}${String(event["type"])}${detail !== void 0 ? ` ${detail}` : ""}${attempt}`;
}
function toAttempt(event) {
  if (event["reason"] === "operator") return " (by an operator)";
  return typeof event["attempt"] === "number" && typeof event["delayMs"] === "number" ? ` (restart ${event["attempt"]}, in ${event["delayMs"]} ms)` : "";
}

// src/cli/status.ts
var SUMMARY = "show the processes of running supervisors (state, health, memory, last exit)";
var HELP = `Usage: sidecars status [--status ADDR] [--json] [--follow]

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
  -h, --help      show this help

Exit codes: 0; 1 if no supervisor was found or one could not be reached.`;
async function main(argv) {
  let values;
  try {
    ({ values } = (0, import_node_util.parseArgs)({
      args: argv,
      options: {
        status: { type: "string" },
        json: { type: "boolean" },
        follow: { type: "boolean" },
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
