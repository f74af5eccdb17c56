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
var __commonJS = (cb, mod) => function __require() {
  try {
    return mod || (0, cb[__getOwnPropNames(cb)[0]])((mod = { exports: {} }).exports, mod), mod.exports;
  } catch (e) {
    throw mod = 0, e;
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
function toSignalExitCode(signo) {
  return 128 + signo;
}
var SidecarError, EXIT;
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
    EXIT = {
      ok: 0,
      /** any failure the supervisor or the buildpack itself detects */
      failure: 1
    };
  }
});

// src/supervisor/model/tree-sample.ts
var BYTES_PER_MB;
var init_tree_sample = __esm({
  "src/supervisor/model/tree-sample.ts"() {
    "use strict";
    BYTES_PER_MB = 1024 * 1024;
  }
});

// src/supervisor/core/nested-end.ts
function toNestedName(entry, name) {
  return `${entry}/${name}`;
}
function toNestedResult(name, proc) {
  const ms = (seconds) => seconds === null ? null : seconds * 1e3;
  return {
    name,
    exitCode: proc.exit_code,
    signal: proc.signal,
    reason: proc.reason,
    forced: proc.forced,
    peakRssBytes: proc.peak_rss_mb === null ? null : proc.peak_rss_mb * BYTES_PER_MB,
    startedAt: ms(proc.started_at),
    endedAt: proc.finished_at * 1e3,
    detail: proc.detail,
    ...proc.last_run_reason === void 0 ? {} : { lastRunReason: proc.last_run_reason }
  };
}
var NESTED_ENV, NESTED_APP_PID_FILE;
var init_nested_end = __esm({
  "src/supervisor/core/nested-end.ts"() {
    "use strict";
    init_tree_sample();
    NESTED_ENV = "SIDECARS_NESTED";
    NESTED_APP_PID_FILE = "app.pid";
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
function collectSecretValues(envs, readFile3) {
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
      collectValueSecrets("VCAP_SERVICES", readFile3(file), values);
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
function createCensor(forms, readFile3 = readUtf8) {
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
      for (const form of toSecretForms(collectSecretValues(envs, readFile3))) known.add(form.toString());
      if (known.size !== before) matcher = createSecretMatcher([...known].map((form) => Buffer.from(form)));
    }
  };
}
function readCensor(envs) {
  const censor = createCensor([]);
  censor.learn(envs);
  return censor;
}
var import_node_fs2, MIN_SECRET_LENGTH, MASK2, NOT_SECRETS, IDENTIFIER_KEYS, MIN_LINE_LENGTH, readUtf8, END, NO_CENSOR;
var init_censor = __esm({
  "src/supervisor/secrets/censor.ts"() {
    "use strict";
    import_node_fs2 = require("node:fs");
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
    readUtf8 = (file) => (0, import_node_fs2.readFileSync)(file, "utf8");
    END = { start: false, end: true };
    NO_CENSOR = Object.freeze({ ...createCensor([]), learn: () => void 0 });
  }
});

// src/supervisor/proc/memory.ts
function toChildrenIndex(table) {
  const children = /* @__PURE__ */ new Map();
  for (const [pid, row] of table) {
    const siblings = children.get(row.ppid);
    if (siblings === void 0) children.set(row.ppid, [pid]);
    else siblings.push(pid);
  }
  return children;
}
function listDescendants(children, rootPid) {
  const seen = /* @__PURE__ */ new Set([rootPid]);
  const out = [];
  for (let i = -1; i < out.length; i++) {
    const parent = i < 0 ? rootPid : out[i];
    for (const child of children.get(parent) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      out.push(child);
    }
  }
  return out;
}
function toTreeSample(rows, rootPid) {
  if (!rows.has(rootPid)) return null;
  let rssBytes = 0;
  for (const row of rows.values()) rssBytes += row.rssBytes;
  return { pids: [...rows.keys()], rssBytes };
}
function isOverLimit(rssBytes, limitBytes) {
  return rssBytes > limitBytes;
}
function formatBreach(rssBytes, pssBytes, limitBytes) {
  if (pssBytes === null) return `${formatMb(rssBytes)} > ${formatMb(limitBytes)}`;
  return `${formatMb(pssBytes)} > ${formatMb(limitBytes)} (PSS; RSS ${formatMb(rssBytes)})`;
}
function formatMb(bytes) {
  return `${Math.ceil(bytes / BYTES_PER_MB)} MB`;
}
var init_memory = __esm({
  "src/supervisor/proc/memory.ts"() {
    "use strict";
    init_tree_sample();
  }
});

// src/common/fs-async.ts
var import_node_fs6, import_node_util, chmodAsync, fsyncAsync, lstatAsync, mkdirAsync, renameAsync, rmAsync, statAsync, writeFileAsync;
var init_fs_async = __esm({
  "src/common/fs-async.ts"() {
    "use strict";
    import_node_fs6 = require("node:fs");
    import_node_util = require("node:util");
    chmodAsync = (0, import_node_util.promisify)(import_node_fs6.chmod);
    fsyncAsync = (0, import_node_util.promisify)(import_node_fs6.fsync);
    lstatAsync = (0, import_node_util.promisify)(import_node_fs6.lstat);
    mkdirAsync = (0, import_node_util.promisify)(import_node_fs6.mkdir);
    renameAsync = (0, import_node_util.promisify)(import_node_fs6.rename);
    rmAsync = (0, import_node_util.promisify)(import_node_fs6.rm);
    statAsync = (0, import_node_util.promisify)(import_node_fs6.stat);
    writeFileAsync = (0, import_node_util.promisify)(import_node_fs6.writeFile);
  }
});

// src/common/fs.ts
function readTextFile(file) {
  return new Promise((resolve, reject) => {
    (0, import_node_fs7.readFile)(file, "utf8", (error, text) => error === null ? resolve(text) : reject(error));
  });
}
async function writeFileAtomic(file, content, mode = 420) {
  tmpCount += 1;
  const tmp = import_node_path.default.join(import_node_path.default.dirname(file), `.${import_node_path.default.basename(file)}.${process.pid}.${tmpCount}.tmp`);
  const fd = (0, import_node_fs7.openSync)(tmp, "wx", mode);
  try {
    if (typeof content === "function") await content((piece) => (0, import_node_fs7.writeFileSync)(fd, piece));
    else (0, import_node_fs7.writeFileSync)(fd, content);
    await syncFile(fd);
  } catch (error) {
    (0, import_node_fs7.closeSync)(fd);
    (0, import_node_fs7.rmSync)(tmp, { force: true });
    throw error;
  }
  (0, import_node_fs7.closeSync)(fd);
  try {
    (0, import_node_fs7.renameSync)(tmp, file);
  } catch (error) {
    (0, import_node_fs7.rmSync)(tmp, { force: true });
    throw error;
  }
}
async function settleAll(writes) {
  for (const result of await Promise.allSettled(writes)) {
    if (result.status === "rejected") throw result.reason;
  }
}
async function ensureDir(dir) {
  await mkdirAsync(dir, { recursive: true });
}
var import_node_fs7, import_node_path, tmpCount, syncFile;
var init_fs = __esm({
  "src/common/fs.ts"() {
    "use strict";
    import_node_fs7 = require("node:fs");
    import_node_path = __toESM(require("node:path"), 1);
    init_fs_async();
    tmpCount = 0;
    syncFile = fsyncAsync;
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

// src/supervisor/claim/start-time.ts
function readStartTicks(pid) {
  let stat3;
  try {
    stat3 = (0, import_node_fs8.readFileSync)(`/proc/${pid}/stat`, "latin1");
  } catch {
    return null;
  }
  const fields = stat3.slice(stat3.lastIndexOf(")") + 2).split(" ");
  if (fields[0] === "Z" || fields[0] === "X") return null;
  const ticks = Number(fields[START_TIME_FIELD - 1]);
  return Number.isInteger(ticks) ? ticks : null;
}
function readBootId() {
  try {
    return (0, import_node_fs8.readFileSync)("/proc/sys/kernel/random/boot_id", "utf8").trim();
  } catch {
    return null;
  }
}
function hasProcStat() {
  return (0, import_node_fs8.existsSync)(`/proc/${process.pid}/stat`);
}
var import_node_fs8, START_TIME_FIELD;
var init_start_time = __esm({
  "src/supervisor/claim/start-time.ts"() {
    "use strict";
    import_node_fs8 = require("node:fs");
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
  tmpCount2 += 1;
  const tmp = import_node_path2.default.join(import_node_path2.default.dirname(file), `.${import_node_path2.default.basename(file)}.${process.pid}.${tmpCount2}.tmp`);
  (0, import_node_fs9.writeFileSync)(tmp, text, { flag: "wx", mode: 420 });
  return tmp;
}
function createExclusive(file, text) {
  const tmp = writeTemp(file, text);
  try {
    (0, import_node_fs9.linkSync)(tmp, file);
    return true;
  } catch (error) {
    const code = error.code ?? "";
    if (code === "EEXIST") return false;
    if (!NO_LINK.has(code)) throw error;
  } finally {
    (0, import_node_fs9.rmSync)(tmp, { force: true });
  }
  try {
    (0, import_node_fs9.writeFileSync)(file, text, { flag: "wx", mode: 420 });
    return true;
  } catch (error) {
    if (error.code === "EEXIST") return false;
    throw error;
  }
}
function readText(file) {
  try {
    return (0, import_node_fs9.readFileSync)(file, "utf8");
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
      if (readText(file) === text) (0, import_node_fs9.unlinkSync)(file);
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
      (0, import_node_fs9.renameSync)(tmp, file);
    } catch (error) {
      (0, import_node_fs9.rmSync)(tmp, { force: true });
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
var import_node_fs9, import_node_path2, TAKEOVER_INFIX, MAX_TAKEOVER_DEPTH, RETRY_MS, MAX_TRIES, NO_LINK, tmpCount2, held, releaseAll;
var init_claim_file = __esm({
  "src/supervisor/claim/claim-file.ts"() {
    "use strict";
    import_node_fs9 = require("node:fs");
    import_node_path2 = __toESM(require("node:path"), 1);
    init_short_hash();
    init_claim_holder();
    TAKEOVER_INFIX = ".takeover-";
    MAX_TAKEOVER_DEPTH = 4;
    RETRY_MS = 5;
    MAX_TRIES = 400;
    NO_LINK = /* @__PURE__ */ new Set(["EPERM", "ENOTSUP", "EOPNOTSUPP", "ENOSYS", "EXDEV"]);
    tmpCount2 = 0;
    held = /* @__PURE__ */ new Set();
    releaseAll = () => {
      for (const release of [...held]) release();
    };
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
    handle = await open2(dir, import_node_fs10.constants.O_RDONLY | import_node_fs10.constants.O_DIRECTORY | import_node_fs10.constants.O_NOFOLLOW);
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
var import_node_fs10, PRIVATE_MODE, SHARED_BITS;
var init_private_dir = __esm({
  "src/supervisor/api/private-dir.ts"() {
    "use strict";
    import_node_fs10 = require("node:fs");
    init_errors();
    init_errno_text();
    PRIVATE_MODE = 448;
    SHARED_BITS = 63;
  }
});

// src/supervisor/api/status-address.ts
function toSocketPathProblem(file) {
  const bytes = Buffer.byteLength(file);
  if (bytes <= MAX_SOCKET_PATH_BYTES) return null;
  return `the socket path is ${bytes} bytes, over the ${MAX_SOCKET_PATH_BYTES}-byte limit of a unix socket path`;
}
function toDefaultSocket(tmpDir, entry) {
  return { kind: "unix", path: import_node_path3.default.join(tmpDir, "sidecars", `${entry}.sock`) };
}
function toSocketLock(socketPath) {
  return import_node_path3.default.join(import_node_path3.default.dirname(socketPath), `.${import_node_path3.default.basename(socketPath)}.lock`);
}
function toSuffixedSocket(address, pid) {
  if (address.kind !== "unix") return address;
  const base = import_node_path3.default.basename(address.path, ".sock");
  return { kind: "unix", path: import_node_path3.default.join(import_node_path3.default.dirname(address.path), `${base}.${pid}.sock`) };
}
function toSocketSuffixPid(socketPath) {
  const match = /\.(\d+)\.sock$/.exec(import_node_path3.default.basename(socketPath));
  return match === null ? null : Number(match[1]);
}
function toFallbackSocketDir(tmpDir, uid) {
  return import_node_path3.default.join(FALLBACK_SOCKET_ROOT, `sidecars-${uid}-${toShortHash(import_node_path3.default.resolve(tmpDir))}`);
}
function toFallbackSocket(tmpDir, entry, uid) {
  const dir = toFallbackSocketDir(tmpDir, uid);
  const file = import_node_path3.default.join(dir, `${entry}.sock`);
  return {
    kind: "unix",
    path: toSocketPathProblem(file) === null ? file : import_node_path3.default.join(dir, `${toShortHash(entry)}.sock`)
  };
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
    const resolved = import_node_path3.default.resolve(cwd, file);
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
var import_node_path3, MAX_SOCKET_PATH_BYTES, FALLBACK_SOCKET_ROOT;
var init_status_address = __esm({
  "src/supervisor/api/status-address.ts"() {
    "use strict";
    import_node_path3 = __toESM(require("node:path"), 1);
    init_short_hash();
    init_errors();
    MAX_SOCKET_PATH_BYTES = process.platform === "linux" ? 107 : 103;
    FALLBACK_SOCKET_ROOT = "/tmp";
  }
});

// src/supervisor/records/records.ts
function toEpochSeconds(ms) {
  return Math.floor(ms / 1e3);
}
function toPreciseSeconds(ms) {
  return Math.round(ms) / 1e3;
}
function toMb(bytes) {
  return bytes === null ? null : Math.round(bytes / BYTES_PER_MB * 10) / 10;
}
function toStartedRecord(nowMs, source, specs) {
  return {
    timestamp: toEpochSeconds(nowMs),
    metadata: {
      version: source.version,
      mode: source.mode,
      ...source.config !== void 0 ? { config: source.config } : {},
      ...source.droplet !== void 0 ? { droplet: source.droplet } : {},
      ...source.run !== void 0 ? { run: source.run } : {},
      processes: specs.map((spec) => ({
        name: spec.name,
        type: spec.record?.type ?? "sidecar",
        command: spec.record?.command ?? spec.command,
        memory_limit_mb: spec.memoryLimitBytes === null ? null : toMb(spec.memoryLimitBytes)
      }))
    }
  };
}
function toRunResult(cause, exitCode) {
  if (cause?.kind === "signal") return "ABORTED";
  return exitCode === 0 ? "SUCCESS" : "FAILURE";
}
function toFinishedProcess(result) {
  return {
    exit_code: result.exitCode,
    signal: result.signal,
    reason: result.reason,
    forced: result.forced,
    peak_rss_mb: toMb(result.peakRssBytes),
    started_at: result.startedAt === null ? null : toPreciseSeconds(result.startedAt),
    finished_at: toPreciseSeconds(result.endedAt),
    detail: result.detail,
    ...result.restarts === void 0 || result.restarts.length === 0 ? {} : { restarts: result.restarts.map((r) => ({ ...r, at: toPreciseSeconds(r.at) })) },
    ...result.lastRunReason === void 0 ? {} : { last_run_reason: result.lastRunReason }
  };
}
function toCauseRecord(cause, results) {
  if (cause === null) return null;
  if (cause.kind === "signal") return { signal: cause.signal };
  const nested = results.find((r) => r.name === cause.name)?.nested;
  if (nested === void 0 || nested.first === null) return { process: cause.name };
  return { process: nested.first, entry: cause.name };
}
function toFinishedProcesses(results) {
  const out = {};
  for (const result of results) {
    out[result.name] = toFinishedProcess(result);
    for (const [name, proc] of Object.entries(result.nested?.processes ?? {})) {
      out[toNestedName(result.name, name)] = proc;
    }
  }
  return out;
}
function toFinishedRecord(nowMs, outcome) {
  const result = toRunResult(outcome.cause, outcome.exitCode);
  return {
    timestamp: toEpochSeconds(nowMs),
    passed: result === "SUCCESS",
    result,
    metadata: {
      exit_code: outcome.exitCode,
      cause: toCauseRecord(outcome.cause, outcome.results),
      summary: outcome.summary,
      processes: toFinishedProcesses(outcome.results)
    }
  };
}
function toExitMarker(result) {
  if (result.exitCode !== null) return `${result.exitCode}
`;
  if (result.signal !== null) return `${toSignalExitCode(import_node_os.constants.signals[result.signal])}
`;
  return "1\n";
}
function toRecordFileBase(name) {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
}
var import_node_os, STARTED_FILE, FINISHED_FILE;
var init_records = __esm({
  "src/supervisor/records/records.ts"() {
    "use strict";
    import_node_os = require("node:os");
    init_errors();
    init_tree_sample();
    init_nested_end();
    STARTED_FILE = "started.json";
    FINISHED_FILE = "finished.json";
  }
});

// src/supervisor/api/status-client.ts
var status_client_exports = {};
__export(status_client_exports, {
  STATUS_TIMEOUT_MS: () => STATUS_TIMEOUT_MS,
  findDefaultSockets: () => findDefaultSockets,
  followEvents: () => followEvents,
  hasGone: () => hasGone,
  readState: () => readState,
  requestRestart: () => requestRestart
});
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
  const dirs = [import_node_path5.default.join(tmpDir, "sidecars")];
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
    const sockets = names.filter((n) => n.endsWith(".sock")).map((n) => import_node_path5.default.join(dir, n));
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
  return !(0, import_node_fs12.existsSync)(address.path) || readClaim(toSocketLock(address.path)).kind === "stale";
}
var import_node_http, import_node_fs12, import_promises, import_node_path5, STATUS_TIMEOUT_MS;
var init_status_client = __esm({
  "src/supervisor/api/status-client.ts"() {
    "use strict";
    import_node_http = require("node:http");
    import_node_fs12 = require("node:fs");
    import_promises = require("node:fs/promises");
    import_node_path5 = __toESM(require("node:path"), 1);
    init_errors();
    init_private_dir();
    init_claim_file();
    init_claim_holder();
    init_status_address();
    STATUS_TIMEOUT_MS = 5e3;
  }
});

// src/common/clock.ts
function monotonicMs() {
  const [seconds, nanos] = process.hrtime();
  return seconds * 1e3 + nanos / 1e6;
}
var realClock;
var init_clock = __esm({
  "src/common/clock.ts"() {
    "use strict";
    realClock = {
      now: () => Date.now(),
      sleep: (ms, signal) => new Promise((resolve) => {
        if (signal?.aborted === true) {
          resolve(false);
          return;
        }
        const onAbort = () => {
          clearTimeout(timer);
          resolve(false);
        };
        const timer = setTimeout(() => {
          signal?.removeEventListener("abort", onAbort);
          resolve(true);
        }, ms);
        signal?.addEventListener("abort", onAbort, { once: true });
      })
    };
  }
});

// src/supervisor/proc/tree-tracker.ts
function createTreeTracker(rootPid) {
  return { rootPid, pids: /* @__PURE__ */ new Set([rootPid]), groups: /* @__PURE__ */ new Set([rootPid]) };
}
function learnTree(tracker, rows) {
  for (const pid of tracker.pids) if (!rows.has(pid)) tracker.pids.delete(pid);
  for (const [pid, row] of rows) {
    tracker.pids.add(pid);
    if (row.pgid > 1) tracker.groups.add(row.pgid);
  }
}
function sendSignal(target, signal) {
  try {
    process.kill(target, signal);
  } catch {
  }
}
function signalKnown(tracker, signal) {
  for (const pgid of tracker.groups) sendSignal(-pgid, signal);
  for (const pid of tracker.pids) sendSignal(pid, signal);
}
function isTreeAlive(tracker, table) {
  for (const [pid, row] of table) {
    if (row.zombie) continue;
    if (tracker.pids.has(pid) || tracker.groups.has(row.pgid)) return true;
  }
  return false;
}
function exists(target) {
  try {
    process.kill(target, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}
function mayBeAlive(tracker, probe = exists) {
  for (const pgid of tracker.groups) if (probe(-pgid)) return true;
  for (const pid of tracker.pids) if (probe(pid)) return true;
  return false;
}
var init_tree_tracker = __esm({
  "src/supervisor/proc/tree-tracker.ts"() {
    "use strict";
  }
});

// src/supervisor/proc/wait-tree-gone.ts
async function waitTreeGone(tracker, isAliveNow2, ms, clock, rootExited) {
  const startedAt = clock.now();
  let readAt = startedAt;
  let wake = rootExited;
  for (; ; ) {
    if (!mayBeAlive(tracker)) return true;
    if (clock.now() - readAt >= STOP_POLL_MS) {
      readAt = clock.now();
      if (!await isAliveNow2()) return true;
    }
    const elapsed = clock.now() - startedAt;
    if (elapsed >= ms) return false;
    const pollMs = Math.min(elapsed < FAST_POLL_WINDOW_MS ? STOP_POLL_FAST_MS : STOP_POLL_MS, ms - elapsed);
    if (wake === null) {
      await clock.sleep(pollMs);
    } else {
      const nap = new AbortController();
      const slept = await Promise.race([clock.sleep(pollMs, nap.signal), wake.then(() => false)]);
      if (!slept) {
        nap.abort("woken");
        wake = null;
      }
    }
  }
}
var STOP_POLL_FAST_MS, STOP_POLL_MS, FAST_POLL_WINDOW_MS, KILL_SETTLE_MS;
var init_wait_tree_gone = __esm({
  "src/supervisor/proc/wait-tree-gone.ts"() {
    "use strict";
    init_tree_tracker();
    STOP_POLL_FAST_MS = 2;
    STOP_POLL_MS = 25;
    FAST_POLL_WINDOW_MS = 100;
    KILL_SETTLE_MS = 2e3;
  }
});

// node_modules/tree-kill/index.js
var require_tree_kill = __commonJS({
  "node_modules/tree-kill/index.js"(exports2, module2) {
    "use strict";
    var childProcess2 = require("child_process");
    var spawn3 = childProcess2.spawn;
    var exec = childProcess2.exec;
    module2.exports = function(pid, signal, callback) {
      if (typeof signal === "function" && callback === void 0) {
        callback = signal;
        signal = void 0;
      }
      pid = parseInt(pid);
      if (Number.isNaN(pid)) {
        if (callback) {
          return callback(new Error("pid must be a number"));
        } else {
          throw new Error("pid must be a number");
        }
      }
      var tree = {};
      var pidsToProcess = {};
      tree[pid] = [];
      pidsToProcess[pid] = 1;
      switch (process.platform) {
        case "win32":
          exec("taskkill /pid " + pid + " /T /F", callback);
          break;
        case "darwin":
          buildProcessTree(pid, tree, pidsToProcess, function(parentPid) {
            return spawn3("pgrep", ["-P", parentPid]);
          }, function() {
            killAll(tree, signal, callback);
          });
          break;
        // case 'sunos':
        //     buildProcessTreeSunOS(pid, tree, pidsToProcess, function () {
        //         killAll(tree, signal, callback);
        //     });
        //     break;
        default:
          buildProcessTree(pid, tree, pidsToProcess, function(parentPid) {
            return spawn3("ps", ["-o", "pid", "--no-headers", "--ppid", parentPid]);
          }, function() {
            killAll(tree, signal, callback);
          });
          break;
      }
    };
    function killAll(tree, signal, callback) {
      var killed = {};
      try {
        Object.keys(tree).forEach(function(pid) {
          tree[pid].forEach(function(pidpid) {
            if (!killed[pidpid]) {
              killPid(pidpid, signal);
              killed[pidpid] = 1;
            }
          });
          if (!killed[pid]) {
            killPid(pid, signal);
            killed[pid] = 1;
          }
        });
      } catch (err) {
        if (callback) {
          return callback(err);
        } else {
          throw err;
        }
      }
      if (callback) {
        return callback();
      }
    }
    function killPid(pid, signal) {
      try {
        process.kill(parseInt(pid, 10), signal);
      } catch (err) {
        if (err.code !== "ESRCH") throw err;
      }
    }
    function buildProcessTree(parentPid, tree, pidsToProcess, spawnChildProcessesList, cb) {
      var ps = spawnChildProcessesList(parentPid);
      var allData = "";
      ps.stdout.on("data", function(data) {
        var data = data.toString("ascii");
        allData += data;
      });
      var onClose = function(code) {
        delete pidsToProcess[parentPid];
        if (code != 0) {
          if (Object.keys(pidsToProcess).length == 0) {
            cb();
          }
          return;
        }
        allData.match(/\d+/g).forEach(function(pid) {
          pid = parseInt(pid, 10);
          tree[parentPid].push(pid);
          tree[pid] = [];
          pidsToProcess[pid] = 1;
          buildProcessTree(pid, tree, pidsToProcess, spawnChildProcessesList, cb);
        });
      };
      ps.on("close", onClose);
    }
  }
});

// src/supervisor/proc/portable-kill.ts
function guardSpawn(spawn3, env) {
  return ((command, args) => {
    const child = spawn3(command, args, env === void 0 ? {} : { env });
    child.on("error", () => void 0);
    return child;
  });
}
async function loadTreeKill(env) {
  const spawn3 = import_node_child_process2.default.spawn;
  import_node_child_process2.default.spawn = guardSpawn(spawn3, env);
  let treeKill;
  try {
    treeKill = (await Promise.resolve().then(() => __toESM(require_tree_kill(), 1))).default;
  } finally {
    import_node_child_process2.default.spawn = spawn3;
  }
  return (pid, signal) => new Promise((resolve) => {
    try {
      treeKill(pid, signal, (error) => resolve(error ?? null));
    } catch (error) {
      resolve(error);
    }
  });
}
var import_node_child_process2;
var init_portable_kill = __esm({
  "src/supervisor/proc/portable-kill.ts"() {
    "use strict";
    import_node_child_process2 = __toESM(require("node:child_process"), 1);
  }
});

// src/supervisor/proc/portable-memory.ts
function toRssByPid(stats) {
  const rss = /* @__PURE__ */ new Map();
  for (const [key, stat3] of Object.entries(stats)) {
    const pid = Number(key);
    if (stat3 === void 0 || !Number.isInteger(pid) || !Number.isFinite(stat3.memory) || stat3.memory < 0)
      continue;
    rss.set(pid, stat3.memory);
  }
  return rss;
}
function isNoneLeft(error) {
  return error?.code === "ENOENT";
}
function createPidusageRss(usage2) {
  return async (pids) => {
    if (pids.length === 0) return /* @__PURE__ */ new Map();
    try {
      return toRssByPid(await usage2([...pids], PIDUSAGE_OPTIONS));
    } catch (error) {
      if (isNoneLeft(error)) return /* @__PURE__ */ new Map();
      throw error;
    }
  };
}
function createRssBatcher(read) {
  let batch = null;
  return (pids) => {
    if (batch === null) {
      const asked = /* @__PURE__ */ new Set();
      const answer = new Promise((resolve) => setImmediate(resolve)).then(() => {
        batch = null;
        return read([...asked]);
      });
      batch = { pids: asked, answer };
    }
    for (const pid of pids) batch.pids.add(pid);
    return batch.answer;
  };
}
var PIDUSAGE_OPTIONS;
var init_portable_memory = __esm({
  "src/supervisor/proc/portable-memory.ts"() {
    "use strict";
    PIDUSAGE_OPTIONS = { usePs: true, maxage: 0 };
  }
});

// src/supervisor/proc/portable-tree-reader.ts
function childrenOf(table) {
  let index = indexes.get(table);
  if (index === void 0) {
    index = toChildrenIndex(table);
    indexes.set(table, index);
  }
  return index;
}
function openPortableTreeReader(rootPid, listing) {
  const members2 = /* @__PURE__ */ new Map([[rootPid, null]]);
  return {
    adopt(pid) {
      if (!members2.has(pid)) members2.set(pid, null);
    },
    async read() {
      const table = await listing();
      for (const [pid, startedAt] of members2) {
        const row = table.get(pid);
        if (row === void 0 || startedAt !== null && row.startedAt !== startedAt) members2.delete(pid);
        else if (startedAt === null) members2.set(pid, row.startedAt);
      }
      const children = childrenOf(table);
      for (const pid of [...members2.keys()]) {
        for (const descendant of listDescendants(children, pid)) {
          if (members2.has(descendant)) continue;
          const row = table.get(descendant);
          if (row !== void 0) members2.set(descendant, row.startedAt);
        }
      }
      const rows = /* @__PURE__ */ new Map();
      for (const pid of members2.keys()) {
        const row = table.get(pid);
        if (row !== void 0) rows.set(pid, row);
      }
      return { members: rows, table };
    }
  };
}
var indexes;
var init_portable_tree_reader = __esm({
  "src/supervisor/proc/portable-tree-reader.ts"() {
    "use strict";
    init_memory();
    indexes = /* @__PURE__ */ new WeakMap();
  }
});

// src/supervisor/proc/portable-tree-control.ts
function createPortableTreeControl(rootPid, clock, rootExited, deps) {
  const tracker = createTreeTracker(rootPid);
  const reader = openPortableTreeReader(rootPid, deps.listing);
  let rootReaped = rootExited === null;
  void rootExited?.then(() => rootReaped = true);
  const refresh2 = async () => {
    try {
      const read = await reader.read();
      learnTree(tracker, read.members);
      return read;
    } catch {
      return null;
    }
  };
  const isAliveNow2 = async () => {
    const read = await refresh2();
    if (read === null) return true;
    for (const row of read.members.values()) if (!row.zombie) return true;
    return isTreeAlive(tracker, read.table);
  };
  const signalTree2 = async (signal) => {
    signalKnown(tracker, signal);
    const walk = rootReaped ? Promise.resolve(null) : deps.signalTreeWalk(rootPid, signal);
    const signalled = { groups: new Set(tracker.groups), pids: new Set(tracker.pids) };
    await refresh2();
    for (const pgid of tracker.groups) if (!signalled.groups.has(pgid)) sendSignal(-pgid, signal);
    for (const pid of tracker.pids) if (!signalled.pids.has(pid)) sendSignal(pid, signal);
    return { walk };
  };
  const settle = async (walks) => {
    const nap = new AbortController();
    await Promise.race([Promise.all(walks), clock.sleep(KILL_SETTLE_MS, nap.signal)]);
    nap.abort("settled");
  };
  return {
    async stop(graceMs, onForce, termRootOnly = false) {
      const walks = [];
      if (graceMs > 0) {
        if (termRootOnly) {
          if (!rootReaped) sendSignal(rootPid, "SIGTERM");
          await refresh2();
        } else {
          walks.push((await signalTree2("SIGTERM")).walk);
        }
        if (await waitTreeGone(tracker, isAliveNow2, graceMs, clock, rootExited)) return settle(walks);
        onForce();
      }
      walks.push((await signalTree2("SIGKILL")).walk);
      await waitTreeGone(tracker, isAliveNow2, KILL_SETTLE_MS, clock, rootExited);
      return settle(walks);
    },
    // synchronous (it serves 'exit'): what the last listing showed, no walk
    killNow: () => signalKnown(tracker, "SIGKILL"),
    adopt(pid) {
      if (tracker.pids.has(pid)) return;
      reader.adopt(pid);
      tracker.pids.add(pid);
    },
    async sample() {
      const { members: members2 } = await reader.read();
      learnTree(tracker, members2);
      if (!members2.has(rootPid)) return null;
      const pids = [...members2.keys()];
      const rss = await deps.readRss(pids.filter((pid) => members2.get(pid)?.zombie === false));
      let rssBytes = 0;
      for (const pid of pids) {
        const bytes = rss.get(pid);
        if (bytes !== void 0) rssBytes += bytes;
        else if (members2.get(pid)?.zombie === false && exists(pid)) {
          throw new Error(`pidusage gave no memory figure for pid ${pid}`);
        }
      }
      return { pids, rssBytes };
    }
  };
}
var init_portable_tree_control = __esm({
  "src/supervisor/proc/portable-tree-control.ts"() {
    "use strict";
    init_portable_tree_reader();
    init_tree_tracker();
    init_wait_tree_gone();
  }
});

// src/supervisor/proc/ps-listing.ts
function parsePsListing(text) {
  const table = /* @__PURE__ */ new Map();
  for (const line of text.split("\n")) {
    const parts = line.trim().split(/\s+/);
    if (parts.length <= FIXED_FIELDS) continue;
    const [pid, ppid, pgid] = parts.slice(0, 3).map(Number);
    if (pid === void 0 || ppid === void 0 || pgid === void 0) continue;
    if (![pid, ppid, pgid].every((n) => Number.isInteger(n) && n >= 0)) continue;
    const zombie = parts[3]?.startsWith("Z") === true;
    table.set(pid, { ppid, pgid, zombie, startedAt: parts.slice(FIXED_FIELDS).join(" ") });
  }
  return table;
}
function readPsListing(env) {
  return new Promise((resolve, reject) => {
    (0, import_node_child_process3.execFile)(
      PS_COMMAND,
      PS_LISTING_ARGS,
      {
        encoding: "utf8",
        maxBuffer: MAX_LISTING_BYTES,
        timeout: PS_TIMEOUT_MS,
        killSignal: "SIGKILL",
        ...env === void 0 ? {} : { env }
      },
      (error, stdout, stderr) => {
        if (error !== null) {
          const why = error.killed ? `no answer within ${PS_TIMEOUT_MS} ms` : stderr.trim() || error.message;
          reject(new Error(`${PS_COMMAND} ${PS_LISTING_ARGS.join(" ")} failed: ${why}`));
          return;
        }
        const table = parsePsListing(stdout);
        if (table.size === 0) reject(new Error(`${PS_COMMAND} listed no process: ${stdout.slice(0, 200)}`));
        else resolve(table);
      }
    );
  });
}
function createSharedListing(list, now = monotonicMs, reuseMs = LISTING_REUSE_MS) {
  let running2 = null;
  let last = null;
  return () => {
    if (running2 !== null) return running2;
    if (last !== null && now() - last.at <= reuseMs) return Promise.resolve(last.table);
    const listing = list().then(
      (table) => {
        last = { table, at: now() };
        running2 = null;
        return table;
      },
      (error) => {
        running2 = null;
        throw error;
      }
    );
    running2 = listing;
    return listing;
  };
}
var import_node_child_process3, PS_COMMAND, PS_LISTING_ARGS, MAX_LISTING_BYTES, FIXED_FIELDS, PS_TIMEOUT_MS, LISTING_REUSE_MS;
var init_ps_listing = __esm({
  "src/supervisor/proc/ps-listing.ts"() {
    "use strict";
    import_node_child_process3 = require("node:child_process");
    init_clock();
    PS_COMMAND = "ps";
    PS_LISTING_ARGS = ["-A", "-o", "pid=,ppid=,pgid=,stat=,lstart="];
    MAX_LISTING_BYTES = 64 * 1024 * 1024;
    FIXED_FIELDS = 4;
    PS_TIMEOUT_MS = 5e3;
    LISTING_REUSE_MS = 10;
  }
});

// node_modules/pidusage/lib/bin.js
var require_bin = __commonJS({
  "node_modules/pidusage/lib/bin.js"(exports2, module2) {
    "use strict";
    var spawn3 = require("child_process").spawn;
    function run(cmd, args, options, done) {
      if (typeof options === "function") {
        done = options;
        options = void 0;
      }
      let executed = false;
      const ch = spawn3(cmd, args, options);
      let stdout = "";
      let stderr = "";
      ch.stdout.on("data", function(d) {
        stdout += d.toString();
      });
      ch.stderr.on("data", function(d) {
        stderr += d.toString();
      });
      ch.on("error", function(err) {
        if (executed) return;
        executed = true;
        done(new Error(err));
      });
      ch.on("close", function(code, signal) {
        if (executed) return;
        executed = true;
        if (stderr) {
          return done(new Error(stderr));
        }
        done(null, stdout, code);
      });
    }
    module2.exports = run;
  }
});

// node_modules/pidusage/lib/history.js
var require_history = __commonJS({
  "node_modules/pidusage/lib/history.js"(exports2, module2) {
    "use strict";
    var DEFAULT_MAXAGE = 6e4;
    var expiration = {};
    var history = {};
    var expireListeners = {};
    var size = 0;
    var interval = null;
    function get(pid, maxage) {
      if (maxage <= 0) {
        return;
      }
      if (history[pid] !== void 0) {
        expiration[pid] = Date.now() + (maxage || DEFAULT_MAXAGE);
      }
      return history[pid];
    }
    function set(pid, object, maxage, onExpire) {
      if (object === void 0 || maxage <= 0) return;
      expiration[pid] = Date.now() + (maxage || DEFAULT_MAXAGE);
      if (history[pid] === void 0) {
        size++;
        sheduleInvalidator(maxage);
      }
      history[pid] = object;
      if (onExpire) {
        expireListeners[pid] = onExpire;
      }
    }
    function sheduleInvalidator(maxage) {
      if (size > 0) {
        if (interval === null) {
          interval = setInterval(runInvalidator, (maxage || DEFAULT_MAXAGE) / 2);
          if (typeof interval.unref === "function") {
            interval.unref();
          }
        }
        return;
      }
      if (interval !== null) {
        clearInterval(interval);
        interval = null;
      }
    }
    function runInvalidator() {
      const now = Date.now();
      const pids = Object.keys(expiration);
      for (let i = 0; i < pids.length; i++) {
        const pid = pids[i];
        if (expiration[pid] < now) {
          size--;
          if (expireListeners[pid]) {
            expireListeners[pid](history[pid]);
          }
          delete history[pid];
          delete expiration[pid];
          delete expireListeners[pid];
        }
      }
      sheduleInvalidator();
    }
    function deleteLoop(obj) {
      for (const i in obj) {
        delete obj[i];
      }
    }
    function clear() {
      if (interval !== null) {
        clearInterval(interval);
        interval = null;
      }
      deleteLoop(history);
      deleteLoop(expiration);
      deleteLoop(expireListeners);
    }
    module2.exports = {
      get,
      set,
      clear
    };
  }
});

// node_modules/pidusage/lib/ps.js
var require_ps = __commonJS({
  "node_modules/pidusage/lib/ps.js"(exports2, module2) {
    "use strict";
    var os = require("os");
    var bin = require_bin();
    var history = require_history();
    var PLATFORM = os.platform();
    function parseTime(timestr, centisec) {
      let time2 = 0;
      const tpart = timestr.split(/-|:|\./);
      let i = tpart.length - 1;
      if (i >= 0 && centisec && PLATFORM === "darwin") {
        time2 += parseInt(tpart[i--], 10) * 10;
      }
      if (i >= 0) {
        time2 += parseInt(tpart[i--], 10) * 1e3;
      }
      if (i >= 0) {
        time2 += parseInt(tpart[i--], 10) * 6e4;
      }
      if (i >= 0) {
        time2 += parseInt(tpart[i--], 10) * 36e5;
      }
      if (i >= 0) {
        time2 += parseInt(tpart[i--], 10) * 864e5;
      }
      return time2;
    }
    function ps(pids, options, done) {
      const pArg = pids.join(",");
      let args = ["-o", "etime,pid,ppid,pcpu,rss,time", "-p", pArg];
      if (PLATFORM === "aix" || PLATFORM === "os400") {
        args = ["-o", "etime,pid,ppid,pcpu,rssize,time", "-p", pArg];
      }
      bin("ps", args, function(err, stdout, code) {
        if (err) {
          if (PLATFORM === "os390" && /no matching processes found/.test(err)) {
            err = new Error("No matching pid found");
            err.code = "ENOENT";
          }
          return done(err);
        }
        if (code === 1) {
          const error = new Error("No matching pid found");
          error.code = "ENOENT";
          return done(error);
        }
        if (code !== 0) {
          return done(new Error("pidusage ps command exited with code " + code));
        }
        const date2 = Date.now();
        stdout = stdout.split(os.EOL);
        const statistics = {};
        for (let i = 1; i < stdout.length; i++) {
          const line = stdout[i].trim().split(/\s+/);
          if (!line || line.length !== 6) {
            continue;
          }
          const pid = parseInt(line[1], 10);
          let hst = history.get(pid, options.maxage);
          if (hst === void 0) hst = {};
          const ppid = parseInt(line[2], 10);
          const memory = parseInt(line[4], 10) * 1024;
          const etime = parseTime(line[0]);
          const ctime = parseTime(line[5], true);
          const total = ctime - (hst.ctime || 0);
          const seconds = Math.abs(hst.elapsed !== void 0 ? etime - hst.elapsed : etime);
          const cpu = seconds > 0 ? total / seconds * 100 : 0;
          statistics[pid] = {
            cpu,
            memory,
            ppid,
            pid,
            ctime,
            elapsed: etime,
            timestamp: date2
          };
          history.set(pid, statistics[pid], options.maxage);
        }
        done(null, statistics);
      });
    }
    module2.exports = ps;
  }
});

// node_modules/pidusage/lib/helpers/parallel.js
var require_parallel = __commonJS({
  "node_modules/pidusage/lib/helpers/parallel.js"(exports2, module2) {
    function parallel(fns, options, done) {
      if (typeof options === "function") {
        done = options;
        options = {};
      }
      let keys;
      if (!Array.isArray(fns)) {
        keys = Object.keys(fns);
      }
      const length = keys ? keys.length : fns.length;
      let pending = length;
      const results = keys ? {} : [];
      function each(i, err, result) {
        results[i] = result;
        if (--pending === 0 || err && !options.graceful) {
          if (options.graceful && err && length > 1) {
            err = null;
          }
          done && done(err, results);
          done = null;
        }
      }
      if (keys) {
        keys.forEach(function(key) {
          fns[key](function(err, res) {
            each(key, err, res);
          });
        });
      } else {
        fns.forEach(function(fn, i) {
          fn(function(err, res) {
            each(i, err, res);
          });
        });
      }
    }
    module2.exports = parallel;
  }
});

// node_modules/pidusage/lib/helpers/cpu.js
var require_cpu = __commonJS({
  "node_modules/pidusage/lib/helpers/cpu.js"(exports2, module2) {
    var os = require("os");
    var fs = require("fs");
    var exec = require("child_process").exec;
    var parallel = require_parallel();
    function updateCpu(cpu, next) {
      if (cpu !== null) {
        getRealUptime(function(err, uptime) {
          if (err) return next(err);
          cpu.uptime = uptime;
          next(null, cpu);
        });
        return;
      }
      parallel([
        getClockAndPageSize,
        getRealUptime
      ], function(err, data) {
        if (err) return next(err);
        cpu = {
          clockTick: data[0].clockTick,
          pageSize: data[0].pageSize,
          uptime: data[1]
        };
        next(null, cpu);
      });
    }
    module2.exports = updateCpu;
    function getRealUptime(next) {
      fs.readFile("/proc/uptime", "utf8", function(err, uptime) {
        if (err || uptime === void 0) {
          if (!process.env.PIDUSAGE_SILENT) {
            console.warn("[pidusage] We couldn't find uptime from /proc/uptime, using os.uptime() value");
          }
          return next(null, os.uptime() || /* @__PURE__ */ new Date() / 1e3);
        }
        return next(null, parseFloat(uptime.split(" ")[0]));
      });
    }
    function getClockAndPageSize(next) {
      parallel([
        function getClockTick(cb) {
          getconf("CLK_TCK", { default: 100 }, cb);
        },
        function getPageSize(cb) {
          getconf("PAGESIZE", { default: 4096 }, cb);
        }
      ], function(err, data) {
        if (err) return next(err);
        next(null, { clockTick: data[0], pageSize: data[1] });
      });
    }
    function getconf(keyword, options, next) {
      if (typeof options === "function") {
        next = options;
        options = { default: "" };
      }
      exec("getconf " + keyword, function(error, stdout, stderr) {
        if (error !== null) {
          if (!process.env.PIDUSAGE_SILENT) {
            console.error('Error while calling "getconf ' + keyword + '"', error);
          }
          return next(null, options.default);
        }
        stdout = parseInt(stdout);
        if (!isNaN(stdout)) {
          return next(null, stdout);
        }
        return next(null, options.default);
      });
    }
  }
});

// node_modules/pidusage/lib/procfile.js
var require_procfile = __commonJS({
  "node_modules/pidusage/lib/procfile.js"(exports2, module2) {
    var fs = require("fs");
    var path22 = require("path");
    var updateCpu = require_cpu();
    var parallel = require_parallel();
    var history = require_history();
    var cpuInfo = null;
    var SIZE = 1024;
    function noop() {
    }
    function open2(path23, history2, cb) {
      if (history2.fd) {
        return cb(null, history2.fd);
      }
      fs.open(path23, "r", cb);
    }
    function close2(history2) {
      if (history2.fd) {
        fs.close(history2.fd, noop);
      }
    }
    function readUntilEnd(fd, buf, cb) {
      let firstRead = false;
      if (typeof buf === "function") {
        cb = buf;
        buf = Buffer.alloc(SIZE);
        firstRead = true;
      }
      fs.read(fd, buf, 0, SIZE, 0, function(err, bytesRead, buffer4) {
        if (err) {
          cb(err);
          return;
        }
        const data = Buffer.concat([buf, buffer4], firstRead ? bytesRead : buf.length + bytesRead);
        if (bytesRead === SIZE) {
          readUntilEnd(fd, data, cb);
          return;
        }
        cb(null, buf);
      });
    }
    function readProcFile(pid, options, done) {
      let hst = history.get(pid, options.maxage);
      let again = false;
      if (hst === void 0) {
        again = true;
        hst = {};
      }
      open2(path22.join("/proc", "" + pid, "stat"), hst, function(err, fd) {
        if (err) {
          if (err.code === "ENOENT") {
            err.message = "No matching pid found";
          }
          return done(err, null);
        }
        if (err) {
          return done(err);
        }
        readUntilEnd(fd, function(err2, buffer4) {
          if (err2) {
            return done(err2);
          }
          let infos = buffer4.toString("utf8");
          const date2 = Date.now();
          const index = infos.lastIndexOf(")");
          infos = infos.substr(index + 2).split(" ");
          const stat3 = {
            ppid: parseInt(infos[1]),
            utime: parseFloat(infos[11]) * 1e3 / cpuInfo.clockTick,
            stime: parseFloat(infos[12]) * 1e3 / cpuInfo.clockTick,
            cutime: parseFloat(infos[13]) * 1e3 / cpuInfo.clockTick,
            cstime: parseFloat(infos[14]) * 1e3 / cpuInfo.clockTick,
            start: parseFloat(infos[19]) * 1e3 / cpuInfo.clockTick,
            rss: parseFloat(infos[21]),
            uptime: cpuInfo.uptime * 1e3,
            fd
          };
          const memory = stat3.rss * cpuInfo.pageSize;
          const childrens = options.childrens ? stat3.cutime + stat3.cstime : 0;
          const total = stat3.stime - (hst.stime || 0) + stat3.utime - (hst.utime || 0) + childrens;
          const seconds = Math.abs(hst.uptime !== void 0 ? stat3.uptime - hst.uptime : stat3.start - stat3.uptime);
          const cpu = seconds > 0 ? total / seconds * 100 : 0;
          history.set(pid, stat3, options.maxage, close2);
          if (again) {
            return readProcFile(pid, options, done);
          }
          return done(null, {
            cpu,
            memory,
            ctime: stat3.utime + stat3.stime,
            elapsed: stat3.uptime - stat3.start,
            timestamp: date2,
            pid,
            ppid: stat3.ppid
          });
        });
      });
    }
    function procfile(pids, options, done) {
      updateCpu(cpuInfo, function(err, result) {
        if (err) return done(err);
        cpuInfo = result;
        const fns = {};
        pids.forEach(function(pid, i) {
          fns[pid] = function(cb) {
            readProcFile(pid, options, cb);
          };
        });
        parallel(fns, { graceful: true }, done);
      });
    }
    module2.exports = procfile;
  }
});

// node_modules/pidusage/lib/wmic.js
var require_wmic = __commonJS({
  "node_modules/pidusage/lib/wmic.js"(exports2, module2) {
    "use strict";
    var os = require("os");
    var bin = require_bin();
    var history = require_history();
    function parseDate(datestr) {
      const year = datestr.substring(0, 4);
      const month = datestr.substring(4, 6);
      const day = datestr.substring(6, 8);
      const hour = datestr.substring(8, 10);
      const minutes = datestr.substring(10, 12);
      const seconds = datestr.substring(12, 14);
      const useconds = datestr.substring(15, 21);
      const sign = datestr.substring(21, 22);
      const tmz = parseInt(datestr.substring(22, 25), 10);
      const tmzh = Math.floor(tmz / 60);
      const tmzm = tmz % 60;
      return /* @__PURE__ */ new Date(
        year + "-" + month + "-" + day + "T" + hour + ":" + minutes + ":" + seconds + "." + useconds + sign + (tmzh > 9 ? tmzh : "0" + tmzh) + (tmzm > 9 ? tmzm : "0" + tmzm)
      );
    }
    function wmic(pids, options, done) {
      let whereClause = "ProcessId=" + pids[0];
      for (let i = 1; i < pids.length; i++) {
        whereClause += " or ProcessId=" + pids[i];
      }
      const args = [
        "PROCESS",
        "where",
        '"' + whereClause + '"',
        "get",
        "CreationDate,KernelModeTime,ParentProcessId,ProcessId,UserModeTime,WorkingSetSize"
      ];
      bin("wmic", args, { windowsHide: true, windowsVerbatimArguments: true }, function(err, stdout, code) {
        if (err) {
          if (err.message.indexOf("No Instance(s) Available.") !== -1) {
            const error = new Error("No matching pid found");
            error.code = "ENOENT";
            return done(error);
          }
          return done(err);
        }
        if (code !== 0) {
          return done(new Error("pidusage wmic command exited with code " + code));
        }
        const date2 = Date.now();
        const uptime = Math.floor(os.uptime() || date2 / 1e3);
        stdout = stdout.split(os.EOL);
        let again = false;
        const statistics = {};
        for (let i = 1; i < stdout.length; i++) {
          const line = stdout[i].trim().split(/\s+/);
          if (!line || line.length !== 6) {
            continue;
          }
          const creation = parseDate(line[0]);
          const ppid = parseInt(line[2], 10);
          const pid = parseInt(line[3], 10);
          const kerneltime = Math.round(parseInt(line[1], 10) / 1e4);
          const usertime = Math.round(parseInt(line[4], 10) / 1e4);
          const memory = parseInt(line[5], 10);
          let hst = history.get(pid, options.maxage);
          if (hst === void 0) {
            again = true;
            hst = { ctime: kerneltime + usertime, uptime };
          }
          const total = (kerneltime + usertime - hst.ctime) / 1e3;
          const seconds = uptime - hst.uptime;
          const cpu = seconds > 0 ? total / seconds * 100 : 0;
          history.set(pid, { ctime: usertime + kerneltime, uptime }, options.maxage);
          statistics[pid] = {
            cpu,
            memory,
            ppid,
            pid,
            ctime: usertime + kerneltime,
            elapsed: date2 - creation.getTime(),
            timestamp: date2
          };
        }
        if (again) {
          return wmic(pids, options, function(err2, stats) {
            if (err2) return done(err2);
            done(null, Object.assign(statistics, stats));
          });
        }
        done(null, statistics);
      });
    }
    module2.exports = wmic;
  }
});

// node_modules/pidusage/lib/gwmi.js
var require_gwmi = __commonJS({
  "node_modules/pidusage/lib/gwmi.js"(exports2, module2) {
    "use strict";
    var os = require("os");
    var bin = require_bin();
    var history = require_history();
    function parseDate(datestr) {
      const year = datestr.substring(0, 4);
      const month = datestr.substring(4, 6);
      const day = datestr.substring(6, 8);
      const hour = datestr.substring(8, 10);
      const minutes = datestr.substring(10, 12);
      const seconds = datestr.substring(12, 14);
      const useconds = datestr.substring(15, 21);
      const sign = datestr.substring(21, 22);
      const tmz = parseInt(datestr.substring(22, 25), 10);
      const tmzh = Math.floor(tmz / 60);
      const tmzm = tmz % 60;
      return /* @__PURE__ */ new Date(
        year + "-" + month + "-" + day + "T" + hour + ":" + minutes + ":" + seconds + "." + useconds + sign + (tmzh > 9 ? tmzh : "0" + tmzh) + (tmzm > 9 ? tmzm : "0" + tmzm)
      );
    }
    function gwmi(pids, options, done) {
      let whereClause = "ProcessId=" + pids[0];
      for (let i = 1; i < pids.length; i++) {
        whereClause += " or ProcessId=" + pids[i];
      }
      const property = "CreationDate,KernelModeTime,ParentProcessId,ProcessId,UserModeTime,WorkingSetSize";
      const command = "gwmi win32_process -Filter '" + whereClause + "' | select " + property + " | format-table";
      bin("powershell.exe", ["-NoProfile", "-NonInteractive", "-Command", command], { windowsHide: true }, function(err, stdout, code) {
        if (err) {
          if (err.message.indexOf("No Instance(s) Available.") !== -1) {
            const error = new Error("No matching pid found");
            error.code = "ENOENT";
            return done(error);
          }
          return done(err);
        }
        if (code !== 0) {
          return done(new Error("pidusage gwmi command exited with code " + code));
        }
        const date2 = Date.now();
        const uptime = Math.floor(os.uptime() || date2 / 1e3);
        stdout = stdout.split(os.EOL).slice(1);
        const index = stdout.findIndex((v) => !!v);
        stdout = stdout.slice(index + 2);
        if (!stdout.length) {
          const error = new Error("No matching pid found");
          error.code = "ENOENT";
          return done(error);
        }
        let again = false;
        const statistics = {};
        for (let i = 0; i < stdout.length; i++) {
          const line = stdout[i].trim().split(/\s+/);
          if (!line || line.length === 1) {
            continue;
          }
          const creation = parseDate(line[0]);
          const ppid = parseInt(line[2], 10);
          const pid = parseInt(line[3], 10);
          const kerneltime = Math.round(parseInt(line[1], 10) / 1e4);
          const usertime = Math.round(parseInt(line[4], 10) / 1e4);
          const memory = parseInt(line[5], 10);
          let hst = history.get(pid, options.maxage);
          if (hst === void 0) {
            again = true;
            hst = { ctime: kerneltime + usertime, uptime };
          }
          const total = (kerneltime + usertime - hst.ctime) / 1e3;
          const seconds = uptime - hst.uptime;
          const cpu = seconds > 0 ? total / seconds * 100 : 0;
          history.set(pid, { ctime: usertime + kerneltime, uptime }, options.maxage);
          statistics[pid] = {
            cpu,
            memory,
            ppid,
            pid,
            ctime: usertime + kerneltime,
            elapsed: date2 - creation.getTime(),
            timestamp: date2
          };
        }
        if (again) {
          return gwmi(pids, options, function(err2, stats) {
            if (err2) return done(err2);
            done(null, Object.assign(statistics, stats));
          });
        }
        done(null, statistics);
      });
    }
    module2.exports = gwmi;
  }
});

// node_modules/pidusage/lib/stats.js
var require_stats = __commonJS({
  "node_modules/pidusage/lib/stats.js"(exports2, module2) {
    "use strict";
    var fs = require("fs");
    var os = require("os");
    var path22 = require("path");
    var requireMap = {
      ps: () => require_ps(),
      procfile: () => require_procfile(),
      wmic: () => require_wmic(),
      gwmi: () => require_gwmi()
    };
    var platformToMethod = {
      aix: "ps",
      os400: "ps",
      android: "procfile",
      alpine: "procfile",
      darwin: "ps",
      freebsd: "ps",
      os390: "ps",
      linux: "procfile",
      netbsd: "procfile",
      openbsd: "ps",
      sunos: "ps",
      win: "wmic"
    };
    var platform = os.platform();
    if (fs.existsSync("/etc/alpine-release")) {
      platform = "alpine";
    }
    if (platform.match(/^win/)) {
      platform = "win";
    }
    var stat3;
    try {
      stat3 = requireMap[platformToMethod[platform]]();
    } catch (err) {
    }
    var wmicAvailable;
    function hasWmic() {
      if (wmicAvailable === void 0) {
        wmicAvailable = fs.existsSync(path22.join(process.env.SystemRoot || "C:\\Windows", "System32", "wbem", "WMIC.exe"));
      }
      return wmicAvailable;
    }
    function get(pids, options, callback) {
      let fn = stat3;
      if (platform !== "win" && options.usePs === true) {
        fn = requireMap.ps();
      }
      if (platform === "win") {
        fn = options.useGwmi === true || !hasWmic() ? requireMap.gwmi() : requireMap.wmic();
      }
      if (fn === void 0) {
        return callback(new Error(os.platform() + " is not supported yet, please open an issue (https://github.com/soyuka/pidusage)"));
      }
      let single = false;
      if (!Array.isArray(pids)) {
        single = true;
        pids = [pids];
      }
      if (pids.length === 0) {
        return callback(new TypeError("You must provide at least one pid"));
      }
      for (let i = 0; i < pids.length; i++) {
        pids[i] = parseInt(pids[i], 10);
        if (isNaN(pids[i]) || pids[i] < 0) {
          return callback(new TypeError("One of the pids provided is invalid"));
        }
      }
      fn(pids, options, function(err, stats) {
        if (err) {
          return callback(err);
        }
        if (single) {
          callback(null, stats[pids[0]]);
        } else {
          callback(null, stats);
        }
      });
    }
    module2.exports = get;
  }
});

// node_modules/pidusage/index.js
var require_pidusage = __commonJS({
  "node_modules/pidusage/index.js"(exports2, module2) {
    "use strict";
    var stats = require_stats();
    function pidusage(pids, options, callback) {
      if (typeof options === "function") {
        callback = options;
        options = {};
      }
      if (options === void 0) {
        options = {};
      }
      options = Object.assign({
        usePs: /^true$/i.test(process.env.PIDUSAGE_USE_PS),
        maxage: process.env.PIDUSAGE_MAXAGE
      }, options);
      if (typeof callback === "function") {
        stats(pids, options, callback);
        return;
      }
      return new Promise(function(resolve, reject) {
        stats(pids, options, function(err, data) {
          if (err) return reject(err);
          resolve(data);
        });
      });
    }
    module2.exports = pidusage;
    module2.exports.clear = require_history().clear;
  }
});

// src/supervisor/proc/portable-path.ts
var portable_path_exports = {};
__export(portable_path_exports, {
  loadPortablePath: () => loadPortablePath
});
async function loadPortablePath(helperEnv) {
  const signalTreeWalk = await loadTreeKill(helperEnv);
  const { default: pidusage } = await Promise.resolve().then(() => __toESM(require_pidusage(), 1));
  const deps = {
    listing: createSharedListing(() => readPsListing(helperEnv)),
    readRss: createRssBatcher(createPidusageRss(pidusage)),
    signalTreeWalk
  };
  return {
    path: "portable",
    open: (rootPid, clock, rootExited) => createPortableTreeControl(rootPid, clock, rootExited, deps),
    // PSS is Linux's (/proc/<pid>/smaps_rollup): on this path the RSS sum alone decides, everywhere
    readPss: () => null
  };
}
var init_portable_path = __esm({
  "src/supervisor/proc/portable-path.ts"() {
    "use strict";
    init_portable_kill();
    init_portable_memory();
    init_portable_tree_control();
    init_ps_listing();
  }
});

// src/supervisor/policies/log-events.ts
function toLogRecord(event) {
  const { type, ...withTime } = event;
  const fields = { ...withTime };
  delete fields["at"];
  switch (event.type) {
    case "memory.exceeded":
      return {
        level: "error",
        msg: `${event.name} exceeded its memory limit: ${formatBreach(event.rssBytes, event.pssBytes, event.limitBytes)}`,
        fields
      };
    case "memory.shared_below_limit":
      return {
        level: "info",
        msg: `${event.name}: RSS ${formatMb(event.rssBytes)} is over its limit of ${formatMb(event.limitBytes)}, but shared pages counted once (PSS) make ${formatMb(event.pssBytes)}: not killed`,
        fields
      };
    case "memory.sample_failed":
      return { level: "warn", msg: `could not measure the memory of ${event.name}`, fields };
    case "gate.timed_out":
    case "health.failed":
      return { level: "error", msg: event.detail, fields };
    case "process.kill_forced":
      return {
        level: "warn",
        msg: `${event.name} ignored SIGTERM: sent SIGKILL after the grace period`,
        fields
      };
    case "records.upload_failed":
      return {
        level: "error",
        msg: `could not upload ${event.keys.length === 1 ? event.keys[0] : `${event.keys.length} objects`}: ${event.reason}`,
        fields
      };
    case "supervisor.finished":
      return { level: event.exitCode === 0 ? "info" : "error", msg: event.summary, fields };
    default:
      return { level: "info", msg: type, fields };
  }
}
function createLogEvents(logger) {
  return {
    attach(sup) {
      const children = /* @__PURE__ */ new Map();
      const loggerFor = (name) => {
        if (name === void 0) return logger;
        let child = children.get(name);
        if (child === void 0) {
          child = logger.child({ proc: name });
          children.set(name, child);
        }
        return child;
      };
      return sup.bus.on((event) => {
        const { level, msg, fields } = toLogRecord(event);
        const { name, ...rest } = fields;
        const log = loggerFor(name);
        const record2 = { event: event.type, ...rest };
        if (msg === event.type) log[level](record2);
        else log[level](record2, msg);
      });
    }
  };
}
var init_log_events = __esm({
  "src/supervisor/policies/log-events.ts"() {
    "use strict";
    init_memory();
  }
});

// src/supervisor/records/event-log.ts
function toEventLine(event) {
  if (LEFT_OUT.has(event.type)) return null;
  const { level, msg, fields } = toLogRecord(event);
  return { time: event.at, level, event: event.type, msg, ...fields };
}
function createEventLog(headMax = HEAD_EVENTS, tailMax = TAIL_EVENTS) {
  return {
    headMax,
    tailMax: Math.max(1, tailMax),
    head: [],
    tail: [],
    tailStart: 0,
    dropped: 0,
    droppedFrom: null,
    droppedTo: null
  };
}
function addEventLine(log, line, atMs) {
  if (log.head.length < log.headMax) {
    log.head.push(line);
    return false;
  }
  if (log.tail.length < log.tailMax) {
    log.tail.push(line);
    return false;
  }
  const oldest = log.tail[log.tailStart] ?? "";
  log.tail[log.tailStart] = line;
  log.tailStart = (log.tailStart + 1) % log.tail.length;
  log.dropped += 1;
  log.droppedFrom ??= toLineTime(oldest, atMs);
  log.droppedTo = toLineTime(oldest, atMs);
  return true;
}
function toLineTime(line, fallback) {
  try {
    const time2 = JSON.parse(line).time;
    return typeof time2 === "number" ? time2 : fallback;
  } catch {
    return fallback;
  }
}
function toDroppedLine(log) {
  const from = log.droppedFrom ?? 0;
  const to = log.droppedTo ?? from;
  return {
    time: from,
    level: "warn",
    event: "records.events_dropped",
    msg: `${log.dropped} event(s) dropped here to keep ${EVENTS_FILE} bounded (the first ${log.headMax} and the last ${log.tailMax} are kept)`,
    count: log.dropped,
    from,
    to
  };
}
function toEventsText(log) {
  const tail = [...log.tail.slice(log.tailStart), ...log.tail.slice(0, log.tailStart)];
  const dropped = log.dropped > 0 ? [JSON.stringify(toDroppedLine(log))] : [];
  const lines = [...log.head, ...dropped, ...tail];
  return lines.length === 0 ? "" : `${lines.join("\n")}
`;
}
var EVENTS_FILE, HEAD_EVENTS, TAIL_EVENTS, LEFT_OUT;
var init_event_log = __esm({
  "src/supervisor/records/event-log.ts"() {
    "use strict";
    init_log_events();
    EVENTS_FILE = "events.jsonl";
    HEAD_EVENTS = 500;
    TAIL_EVENTS = 2e3;
    LEFT_OUT = /* @__PURE__ */ new Set(["records.uploaded"]);
  }
});

// src/supervisor/records/memory-series.ts
function createMemorySeries(pollMs, limitBytes) {
  return { limit_bytes: limitBytes, bucket_ms: Math.max(1, Math.round(pollMs)), points: [] };
}
function mergeInto(point, rssBytes, pssBytes) {
  const pss = maxOf(point[2], pssBytes);
  if (rssBytes <= point[1] && pss === point[2]) return false;
  point[1] = Math.max(point[1], rssBytes);
  point[2] = pss;
  return true;
}
function toMergedPoints(points, bucketMs) {
  const out = [];
  for (const [startMs, rssBytes, pssBytes] of points) {
    const wideStart = Math.floor(startMs / bucketMs) * bucketMs;
    const last = out[out.length - 1];
    if (last !== void 0 && last[0] === wideStart) mergeInto(last, rssBytes, pssBytes);
    else out.push([wideStart, rssBytes, pssBytes]);
  }
  return out;
}
function addMemorySample(series, atMs, rssBytes, pssBytes, maxPoints = MAX_MEMORY_POINTS) {
  const startMs = Math.floor(atMs / series.bucket_ms) * series.bucket_ms;
  const last = series.points[series.points.length - 1];
  if (last !== void 0 && startMs <= last[0]) return mergeInto(last, rssBytes, pssBytes);
  series.points.push([startMs, rssBytes, pssBytes]);
  while (series.points.length > Math.max(1, maxPoints)) {
    series.bucket_ms *= 2;
    series.points = toMergedPoints(series.points, series.bucket_ms);
  }
  return true;
}
function toMemoryRecord(pollMs, writtenAtMs, series) {
  return { version: 1, poll_ms: pollMs, written_at: writtenAtMs, processes: Object.fromEntries(series) };
}
var MEMORY_FILE, MAX_MEMORY_POINTS, maxOf;
var init_memory_series = __esm({
  "src/supervisor/records/memory-series.ts"() {
    "use strict";
    MEMORY_FILE = "memory.json";
    MAX_MEMORY_POINTS = 2e3;
    maxOf = (a, b) => a === null ? b : b === null ? a : Math.max(a, b);
  }
});

// src/report/log-budget.ts
function toLogAllotments(items, perLog, total) {
  const need = items.map((item) => Math.min(perLog, item.size));
  const out = items.map(() => 0);
  let left = total;
  const order = items.map((_, i) => i);
  for (const priority of [1, 2]) {
    for (const i of order.filter((j) => items[j]?.priority === priority)) {
      out[i] = Math.min(items[i]?.size === 0 ? 0 : perLog, left);
      left -= out[i] ?? 0;
    }
  }
  const rest = order.filter((i) => items[i]?.priority === 0).sort((a, b) => (need[a] ?? 0) - (need[b] ?? 0));
  for (let k = 0; k < rest.length; k += 1) {
    const i = rest[k] ?? 0;
    const share = Math.floor(left / (rest.length - k));
    out[i] = Math.min(need[i] ?? 0, share);
    left -= out[i] ?? 0;
  }
  for (const i of rest) {
    const more = Math.min(perLog - (out[i] ?? 0), left);
    if ((items[i]?.size ?? 0) > 0 && more > 0) {
      out[i] = (out[i] ?? 0) + more;
      left -= more;
    }
  }
  return out;
}
var LOGS_BUDGET_BYTES;
var init_log_budget = __esm({
  "src/report/log-budget.ts"() {
    "use strict";
    LOGS_BUDGET_BYTES = 3 * 1048576;
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

// src/report/record-files.ts
function readJson(file) {
  try {
    return JSON.parse((0, import_node_fs27.readFileSync)(file, "utf8"));
  } catch {
    return null;
  }
}
function readEvents(file) {
  const events = /* @__PURE__ */ new Map();
  let dropped = 0;
  let text;
  try {
    text = (0, import_node_fs27.readFileSync)(file, "utf8");
  } catch {
    return { events, dropped };
  }
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    let raw;
    try {
      raw = JSON.parse(line);
    } catch {
      continue;
    }
    if (isObject2(raw) && raw["event"] === "records.events_dropped" && typeof raw["count"] === "number") {
      dropped += raw["count"];
      continue;
    }
    const read = toReportEvent(raw);
    if (read === null) continue;
    const key = read.name ?? "";
    const list = events.get(key) ?? [];
    list.push(read.event);
    events.set(key, list);
  }
  for (const list of events.values()) list.sort((a, b) => a.atMs - b.atMs);
  return { events, dropped };
}
function readMemory(file) {
  const raw = readJson(file);
  const out = {};
  if (!isObject2(raw) || !isObject2(raw["processes"])) return out;
  for (const [name, entry] of Object.entries(raw["processes"])) {
    if (!isObject2(entry) || !Array.isArray(entry["points"])) continue;
    const points = entry["points"].filter(
      (p) => Array.isArray(p) && typeof p[0] === "number" && typeof p[1] === "number"
    );
    out[name] = {
      limitBytes: typeof entry["limit_bytes"] === "number" ? entry["limit_bytes"] : null,
      series: {
        bucketMs: typeof entry["bucket_ms"] === "number" ? entry["bucket_ms"] : 1e3,
        points: points.map((p) => [p[0], p[1], typeof p[2] === "number" ? p[2] : null])
      }
    };
  }
  return out;
}
function readRecordFiles(dir) {
  const startedPath = import_node_path8.default.join(dir, "started.json");
  const finishedPath = import_node_path8.default.join(dir, "finished.json");
  if (!(0, import_node_fs27.existsSync)(startedPath) && !(0, import_node_fs27.existsSync)(finishedPath)) return null;
  const started = readJson(startedPath);
  const finished = readJson(finishedPath);
  const { events, dropped } = readEvents(import_node_path8.default.join(dir, "events.jsonl"));
  return {
    started: isObject2(started) ? started : null,
    finished: isObject2(finished) ? finished : null,
    events,
    droppedEvents: dropped,
    memory: readMemory(import_node_path8.default.join(dir, "memory.json"))
  };
}
function toFileBase(name) {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
}
var import_node_fs27, import_node_path8, isObject2;
var init_record_files = __esm({
  "src/report/record-files.ts"() {
    "use strict";
    import_node_fs27 = require("node:fs");
    import_node_path8 = __toESM(require("node:path"), 1);
    init_report_event();
    isObject2 = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
  }
});

// src/report/read-log.ts
function readTailOf(files, tailBytes) {
  const opened = [];
  try {
    for (const file of files) {
      try {
        const fd = (0, import_node_fs28.openSync)(file, "r");
        opened.push({ fd, size: (0, import_node_fs28.fstatSync)(fd).size });
      } catch {
      }
    }
    if (opened.length === 0) return null;
    const total = opened.reduce((sum, f) => sum + f.size, 0);
    let skip = Math.max(0, total - tailBytes);
    const out = Buffer.alloc(total - skip);
    let at = 0;
    for (const f of opened) {
      const from = Math.min(skip, f.size);
      skip -= from;
      for (let pos = from; pos < f.size && at < out.length; ) {
        const n = (0, import_node_fs28.readSync)(f.fd, out, at, Math.min(f.size - pos, out.length - at), pos);
        if (n === 0) break;
        pos += n;
        at += n;
      }
    }
    return { bytes: out.subarray(0, at), total };
  } finally {
    for (const f of opened) (0, import_node_fs28.closeSync)(f.fd);
  }
}
function toVisibleText(text) {
  return text.replace(/\r\n/g, "\n").replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "").replace(
    /[\x00-\x08\x0b-\x1f\x7f]/g,
    (c) => String.fromCharCode(c === "\x7F" ? 9249 : 9216 + c.charCodeAt(0))
  );
}
function readLogForPage(dir, base, tailBytes, censor) {
  const whole = import_node_path9.default.join(dir, `${base}.log`);
  const tail = readTailOf([whole], tailBytes) ?? readTailOf([import_node_path9.default.join(dir, `.${base}.log.prev`), import_node_path9.default.join(dir, `.${base}.log.tmp`)], tailBytes);
  if (tail === null) return null;
  const cut = tail.bytes.length < tail.total;
  const masked = censor.bytes(Buffer.from(tail.bytes), { start: cut, end: true });
  let start = 0;
  if (cut) while (start < masked.length && start < 3 && ((masked[start] ?? 0) & 192) === 128) start += 1;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(masked.subarray(start));
  return { text: toVisibleText(text), omittedBytes: tail.total - tail.bytes.length + start };
}
var import_node_fs28, import_node_path9;
var init_read_log = __esm({
  "src/report/read-log.ts"() {
    "use strict";
    import_node_fs28 = require("node:fs");
    import_node_path9 = __toESM(require("node:path"), 1);
  }
});

// src/report/read-report-model.ts
function toFallbackEvents(runStartMs, p) {
  const out = [];
  const startedMs = toMs(p.started_at);
  if (runStartMs !== null && startedMs !== null && startedMs > runStartMs + 50)
    out.push({ atMs: runStartMs, type: "process.waiting" });
  if (startedMs !== null) out.push({ atMs: startedMs, type: "process.running" });
  for (const r of p.restarts ?? []) {
    const at = toMs(r.at);
    if (at === null) continue;
    const restart = {
      atMs: at,
      type: "process.restarting",
      exitCode: r.exit_code ?? null,
      signal: r.signal ?? null,
      reason: r.reason ?? null
    };
    if (typeof r.delay_ms === "number") restart.delayMs = r.delay_ms;
    out.push(restart, { atMs: at + (r.delay_ms ?? 0), type: "process.running" });
  }
  const endMs = toMs(p.finished_at);
  if (endMs !== null && startedMs !== null) {
    if (p.reason === "oom" && typeof p.peak_rss_mb === "number") {
      out.push({
        atMs: endMs,
        type: "memory.exceeded",
        rssBytes: p.peak_rss_mb * MB,
        ...p.detail ? { detail: p.detail } : {}
      });
    }
    if (p.reason === "unhealthy" || p.reason === "gate_timeout")
      out.push({ atMs: endMs, type: "health.failed", detail: p.detail ?? p.reason });
    out.push({
      atMs: endMs,
      type: p.signal ? "process.killed" : "process.exited",
      exitCode: p.exit_code ?? null,
      signal: p.signal ?? null,
      reason: p.reason ?? null
    });
  }
  return out.sort((a, b) => a.atMs - b.atMs);
}
function toRow(name, files, own2, dir, opts, runStartMs) {
  const spec = files.started?.metadata?.processes?.find((p) => p.name === own2);
  const fin = files.finished?.metadata?.processes?.[own2] ?? null;
  const memory = files.memory[own2] ?? null;
  const limitMb = spec?.memory_limit_mb ?? null;
  const events = files.events.get(own2) ?? (fin === null ? [] : toFallbackEvents(runStartMs, fin));
  const last = [...events].reverse().find((e) => e.type.startsWith("process.") && e.type !== "process.kill_forced");
  return {
    name,
    type: spec?.type === "process" ? "process" : "sidecar",
    command: spec?.command ?? null,
    limitBytes: memory?.limitBytes ?? (typeof limitMb === "number" ? limitMb * MB : null),
    startedAtMs: toMs(fin?.started_at) ?? events.find((e) => e.type === "process.running")?.atMs ?? null,
    finishedAtMs: toMs(fin?.finished_at),
    end: fin === null ? null : {
      reason: fin.reason ?? "exited",
      exitCode: fin.exit_code ?? null,
      signal: fin.signal ?? null,
      detail: fin.detail ?? null
    },
    peakRssBytes: typeof fin?.peak_rss_mb === "number" ? fin.peak_rss_mb * MB : null,
    restarts: fin?.restarts?.length ?? events.filter((e) => e.type === "process.restarting").length,
    state: last === void 0 ? null : last.type.slice("process.".length),
    events,
    memory: memory?.series ?? null,
    log: opts.readLogs === false ? null : readLogForPage(dir, toFileBase(own2), opts.logTailBytes, opts.censor),
    logPath: `${toFileBase(own2)}.log`
  };
}
function toRows(dir, files, opts, runStartMs, notes) {
  const names = [];
  for (const p of files.started?.metadata?.processes ?? [])
    if (typeof p.name === "string") names.push(p.name);
  for (const name of Object.keys(files.finished?.metadata?.processes ?? {})) {
    if (!name.includes("/") && !names.includes(name)) names.push(name);
  }
  if (files.droppedEvents > 0)
    notes.push(
      `${dir === "" ? "" : ""}${files.droppedEvents} events of a long run were not kept (the first and the latest are).`
    );
  const rows = [];
  for (const name of names) {
    rows.push(toRow(name, files, name, dir, opts, runStartMs));
    const nestedDir = import_node_path10.default.join(dir, toFileBase(name));
    const nested = readRecordFiles(nestedDir);
    if (nested === null) continue;
    const nestedStart = toRunStart(nested) ?? runStartMs;
    for (const child of toRows(nestedDir, nested, opts, nestedStart, notes)) {
      rows.push({ ...child, name: `${name}/${child.name}`, logPath: `${toFileBase(name)}/${child.logPath}` });
    }
  }
  return rows;
}
function toCauseText(cause) {
  if (cause === null || cause === void 0) return null;
  if (typeof cause.signal === "string") return cause.signal;
  if (typeof cause.process !== "string") return null;
  return cause.entry === void 0 ? cause.process : `${cause.process} (${cause.entry})`;
}
function toRunStart(files) {
  const stamp = toMs(files.started?.timestamp);
  const starts = Object.values(files.finished?.metadata?.processes ?? {}).map((p) => toMs(p.started_at));
  const first = Math.min(...starts.filter((s) => s !== null));
  if (stamp === null) return Number.isFinite(first) ? first : null;
  return first >= stamp && first < stamp + 1e3 ? first : stamp;
}
function readReportModel(dir, opts) {
  const files = readRecordFiles(dir);
  if (files === null) {
    throw new SidecarError(
      "usage",
      `${dir} holds no run records: no started.json or finished.json there`,
      "Give the --artifacts DIR of a `sidecars exec` or `sidecars run` (or a run downloaded from the store)."
    );
  }
  const meta2 = files.started?.metadata;
  const fin = files.finished;
  const startedAtMs = toRunStart(files);
  const notes = [];
  const processes = toRows(dir, files, opts, startedAtMs, notes);
  const cause = fin?.metadata?.cause;
  let finishedAtMs = toMs(fin?.timestamp);
  if (finishedAtMs !== null)
    for (const p of processes) finishedAtMs = Math.max(finishedAtMs, p.finishedAtMs ?? 0);
  const identity = meta2?.run;
  const model = {
    run: {
      app: identity?.app ?? (meta2?.droplet === void 0 ? null : import_node_path10.default.basename(meta2.droplet)),
      instance: identity?.process_type === void 0 ? null : `${identity.process_type}-${identity.instance_index ?? 0}`,
      runId: identity?.id ?? null,
      result: fin?.result ?? null,
      causeProcess: typeof cause?.process === "string" ? cause.entry === void 0 ? cause.process : `${cause.entry}/${cause.process}` : null,
      causeText: toCauseText(cause),
      summary: fin?.metadata?.summary ?? null,
      exitCode: fin?.metadata?.exit_code ?? null,
      startedAtMs,
      finishedAtMs,
      version: meta2?.version ?? null,
      mode: meta2?.mode ?? null,
      node: null
    },
    processes,
    events: files.events.get("") ?? [],
    nowMs: opts.nowMs,
    notes,
    logTailBytes: opts.logTailBytes
  };
  return opts.censor.value(model);
}
var import_node_path10, MB, DEFAULT_LOG_TAIL_BYTES, toMs;
var init_read_report_model = __esm({
  "src/report/read-report-model.ts"() {
    "use strict";
    import_node_path10 = __toESM(require("node:path"), 1);
    init_errors();
    init_record_files();
    init_read_log();
    MB = 1048576;
    DEFAULT_LOG_TAIL_BYTES = MB;
    toMs = (s) => typeof s === "number" ? Math.round(s * 1e3) : null;
  }
});

// src/report/page-text.ts
function escapeHtml(text) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}
function formatMb2(bytes) {
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
  const omitted = log.omittedBytes > 0 || whole.droppedLines > 0 ? `${log.omittedBytes > 0 ? `${formatMb2(log.omittedBytes)} before this tail not kept` : ""}${whole.droppedLines > 0 ? ` ${formatCount(whole.droppedLines)} first lines left out (the page's bound)` : ""}` : "";
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
  const kill2 = proc.events.filter((e) => e.type === "memory.exceeded");
  let peak = proc.peakRssBytes ?? 0;
  for (const p of points) peak = Math.max(peak, p[1], p[2] ?? 0);
  for (const k of kill2) peak = Math.max(peak, k.rssBytes ?? 0);
  if (points.length === 0 && proc.limitBytes === null && peak === 0) return "";
  const top = Math.max(proc.limitBytes ?? 0, peak, 1) * 1.12;
  const xOf = (atMs) => LEFT + Math.max(0, Math.min(PLOT, (atMs - t0) / (t1 - t0) * PLOT));
  const yOf = (bytes) => TOP + H - bytes / top * H;
  const r = (n) => Math.round(n * 10) / 10;
  const out = [];
  out.push(
    `<svg class="memory" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${LEFT + PLOT + 20} ${H + TOP + 20}" width="${LEFT + PLOT + 20}" height="${H + TOP + 20}" role="img" aria-label="memory of ${escapeHtml(proc.name)}">`,
    `<rect class="plot" x="${LEFT}" y="${TOP}" width="${PLOT}" height="${H}"/>`,
    `<text class="axis" x="${LEFT - 4}" y="${TOP + 10}" text-anchor="end">${formatMb2(top)}</text>`,
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
      `<line class="limit" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>limit ${formatMb2(proc.limitBytes)}</title></line>`,
      `<text class="limit-label" x="${LEFT + PLOT - 4}" y="${y - 4}" text-anchor="end">limit ${formatMb2(proc.limitBytes)}</text>`
    );
  }
  if (points.length === 0 && proc.peakRssBytes !== null) {
    const y = r(yOf(proc.peakRssBytes));
    out.push(
      `<line class="peak" x1="${LEFT}" y1="${y}" x2="${LEFT + PLOT}" y2="${y}"><title>peak ${formatMb2(proc.peakRssBytes)} (no series recorded)</title></line>`
    );
  }
  for (const k of kill2) {
    const x = r(xOf(k.atMs));
    const y = r(yOf(k.rssBytes ?? proc.limitBytes ?? 0));
    const text = `killed at ${formatTime(k.atMs, false)}: RSS ${formatMb2(k.rssBytes)}${k.pssBytes === null || k.pssBytes === void 0 ? "" : `, PSS ${formatMb2(k.pssBytes)}`} over ${formatMb2(k.limitBytes ?? proc.limitBytes)}`;
    out.push(
      `<line class="kill-line" x1="${x}" y1="${TOP}" x2="${x}" y2="${TOP + H}"/>`,
      `<circle class="kill" cx="${x}" cy="${y}" r="6"><title>${escapeHtml(text)}</title></circle>`,
      `<text class="kill-label" x="${x - 8}" y="${Math.max(TOP + 12, y - 8)}" text-anchor="end">${escapeHtml(`killed: RSS ${formatMb2(k.rssBytes)}${k.pssBytes === null || k.pssBytes === void 0 ? "" : `, PSS ${formatMb2(k.pssBytes)}`}`)}</text>`
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
  if (proc.limitBytes === null) return `peak ${formatMb2(peak)}, no limit`;
  return `peak ${formatMb2(peak)} = ${Math.round(peak / proc.limitBytes * 100)}% of its ${formatMb2(proc.limitBytes)} limit`;
}
var init_memory_svg = __esm({
  "src/report/memory-svg.ts"() {
    "use strict";
    init_page_text();
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
      formatMb2,
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

// src/report/log-source.ts
function openSegments(files) {
  const opened = [];
  for (const file of files) {
    try {
      const fd = (0, import_node_fs29.openSync)(file, "r");
      opened.push({ fd, size: (0, import_node_fs29.fstatSync)(fd).size });
    } catch {
    }
  }
  if (opened.length === 0) return Promise.resolve(null);
  return Promise.resolve({
    size: opened.reduce((sum, f) => sum + f.size, 0),
    read(buf, pos) {
      let at = 0;
      let skip = pos;
      for (const f of opened) {
        if (at >= buf.length) break;
        if (skip >= f.size) {
          skip -= f.size;
          continue;
        }
        for (let p = skip; p < f.size && at < buf.length; ) {
          const bytesRead = (0, import_node_fs29.readSync)(f.fd, buf, at, Math.min(f.size - p, buf.length - at), p);
          if (bytesRead === 0) break;
          p += bytesRead;
          at += bytesRead;
        }
        skip = 0;
      }
      return Promise.resolve(at);
    },
    close() {
      for (const f of opened) (0, import_node_fs29.closeSync)(f.fd);
      return Promise.resolve();
    }
  });
}
async function openLogSource(dir, base) {
  return await openSegments([import_node_path11.default.join(dir, `${base}.log`)]) ?? await openSegments([import_node_path11.default.join(dir, `.${base}.log.prev`), import_node_path11.default.join(dir, `.${base}.log.tmp`)]);
}
function toPageWeight(byte) {
  if (byte === 34) return 6;
  if (byte === 38 || byte === 39) return 5;
  if (byte === 60 || byte === 62) return 4;
  if (byte < 32 && byte !== 10 && byte !== 9 || byte === 127) return 3;
  return 1;
}
async function findTailStart(src, end, allot, maxLines = Infinity) {
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, end)));
  let total = 0;
  let newlines = 0;
  let firstNewline = -1;
  for (let chunkEnd = end; chunkEnd > 0; ) {
    const from = Math.max(0, chunkEnd - buf.length);
    const n = await src.read(buf.subarray(0, chunkEnd - from), from);
    for (let i = from + n - 1; i >= from; i -= 1) {
      const byte = buf[i - from] ?? 0;
      const weight = toPageWeight(byte);
      const overLines = byte === 10 && newlines + 1 >= maxLines;
      if (total + weight > allot || overLines) {
        if (byte === 10) return { start: i + 1, end, lines: newlines + (i + 1 < end ? 1 : 0) };
        if (firstNewline >= 0) return { start: firstNewline + 1, end, lines: newlines };
        let start = i + 1;
        while (start < from + n && start < end && ((buf[start - from] ?? 0) & 192) === 128) start += 1;
        return { start, end, lines: start < end ? 1 : 0 };
      }
      total += weight;
      if (byte === 10) {
        newlines += 1;
        firstNewline = i;
      }
    }
    if (n < chunkEnd - from) break;
    chunkEnd = from;
  }
  return { start: 0, end, lines: end > 0 ? newlines + 1 : 0 };
}
async function toTextEnd(src) {
  if (src.size === 0) return 0;
  const last = Buffer.alloc(Math.min(2, src.size));
  const n = await src.read(last, src.size - last.length);
  if (n < last.length || last[last.length - 1] !== 10) return src.size;
  return last.length === 2 && last[0] === 13 ? src.size - 2 : src.size - 1;
}
var import_node_fs29, import_node_path11, CHUNK_BYTES;
var init_log_source = __esm({
  "src/report/log-source.ts"() {
    "use strict";
    import_node_fs29 = require("node:fs");
    import_node_path11 = __toESM(require("node:path"), 1);
    CHUNK_BYTES = 64 * 1024;
  }
});

// src/report/log-stream.ts
function createVisibleText() {
  let held2 = "";
  return {
    push(text) {
      const all = held2 + text;
      let cut = all.length;
      const esc2 = all.lastIndexOf("\x1B");
      if (esc2 >= 0 && all.length - esc2 < ESCAPE_HOLD && !/^\x1b\[[0-?]*[ -/]*[@-~]/.test(all.slice(esc2)))
        cut = esc2;
      if (cut === all.length && all.endsWith("\r")) cut -= 1;
      held2 = all.slice(cut);
      return toVisibleText(all.slice(0, cut));
    },
    end() {
      const rest = held2;
      held2 = "";
      return toVisibleText(rest);
    }
  };
}
async function streamLogHtml(src, range, censor, write) {
  const decoder = new TextDecoder("utf-8", { fatal: false });
  const visible = createVisibleText();
  const pending = [];
  const masked = censor.stream((bytes) => {
    const text = visible.push(decoder.decode(bytes, { stream: true }));
    if (text !== "") pending.push(escapeHtml(text));
  });
  const buf = Buffer.alloc(Math.min(CHUNK_BYTES, Math.max(1, range.end - range.start)));
  let first = true;
  for (let pos = range.start; pos < range.end; ) {
    const n = await src.read(buf.subarray(0, Math.min(buf.length, range.end - pos)), pos);
    if (n === 0) break;
    const chunk = Buffer.from(buf.subarray(0, n));
    masked.write(first && range.start > 0 ? censor.bytes(chunk, { start: true, end: false }) : chunk);
    first = false;
    pos += n;
    while (pending.length > 0) await write(pending.shift() ?? "");
  }
  masked.end();
  const rest = visible.push(decoder.decode()) + visible.end();
  if (rest !== "") pending.push(escapeHtml(rest));
  while (pending.length > 0) await write(pending.shift() ?? "");
}
async function readLogHtml(src, range, censor) {
  const parts = [];
  await streamLogHtml(src, range, censor, (html) => {
    parts.push(html);
    return Promise.resolve();
  });
  return parts.join("");
}
var ESCAPE_HOLD;
var init_log_stream = __esm({
  "src/report/log-stream.ts"() {
    "use strict";
    init_log_source();
    init_page_text();
    init_read_log();
    ESCAPE_HOLD = 64;
  }
});

// src/report/write-logs.ts
function toFailed(p) {
  return p.end !== null && p.end.reason !== "stopped" && p.end.exitCode !== 0;
}
function toSource(dir, logPath) {
  return openLogSource(import_node_path12.default.join(dir, import_node_path12.default.dirname(logPath)), import_node_path12.default.basename(logPath, ".log"));
}
async function toBudgetItems(dir, model, procs) {
  const items = [];
  for (const p of procs) {
    const src = p.logPath === void 0 ? null : await toSource(dir, p.logPath);
    const size = src?.size ?? 0;
    await src?.close();
    items.push({ size, priority: p.name === model.run.causeProcess ? 1 : toFailed(p) ? 2 : 0 });
  }
  return items;
}
async function writeLog(dir, proc, cause, allot, opts, write) {
  const src = proc.logPath === void 0 ? null : await toSource(dir, proc.logPath);
  if (src === null || proc.logPath === void 0) return write(toNoLogHtml(proc.name));
  try {
    const end = await toTextEnd(src);
    const lastBytes = Math.min(Math.floor(allot / 8), LAST_LINES_BYTES);
    const last = await readLogHtml(src, await findTailStart(src, end, lastBytes, LAST_LINES), opts.censor);
    const whole = await findTailStart(src, end, Math.max(0, allot - Buffer.byteLength(last)));
    const link = `<a href="${escapeHtml(encodeURI(proc.logPath))}">${escapeHtml(proc.logPath)}</a>`;
    const omitted = whole.start > 0 ? `${formatMb2(whole.start)} before this tail left out (the page's budget for logs): the whole log is ${link}, beside this page` : "";
    await write(toLogOpenHtml(proc.name, cause, whole.lines, omitted) + last + LOG_MIDDLE_HTML);
    await streamLogHtml(src, whole, opts.censor, write);
    await write(LOG_CLOSE_HTML);
  } finally {
    await src.close();
  }
}
async function writeLogsSection(dir, model, opts, write) {
  const procs = toLogOrder(model);
  const allots = toLogAllotments(await toBudgetItems(dir, model, procs), opts.logTailBytes, opts.budgetBytes);
  await write(LOGS_OPEN_HTML);
  for (const [i, proc] of procs.entries())
    await writeLog(dir, proc, proc.name === model.run.causeProcess, allots[i] ?? 0, opts, write);
  await write(LOGS_CLOSE_HTML);
}
var import_node_path12, LAST_LINES_BYTES;
var init_write_logs = __esm({
  "src/report/write-logs.ts"() {
    "use strict";
    import_node_path12 = __toESM(require("node:path"), 1);
    init_log_budget();
    init_log_source();
    init_log_stream();
    init_logs_html();
    init_page_text();
    LAST_LINES_BYTES = 128 * 1024;
  }
});

// src/report/write-report.ts
var write_report_exports = {};
__export(write_report_exports, {
  REPORT_FILE: () => REPORT_FILE,
  writeReport: () => writeReport
});
async function writeReport(dir, opts = {}) {
  const censor = opts.censor ?? NO_CENSOR;
  const logTailBytes = opts.logTailBytes ?? DEFAULT_LOG_TAIL_BYTES;
  const model = readReportModel(dir, {
    nowMs: opts.nowMs ?? Date.now(),
    logTailBytes,
    censor,
    readLogs: false
  });
  const { head, foot } = renderReportParts(model);
  const file = import_node_path13.default.join(dir, REPORT_FILE);
  await writeFileAtomic(file, async (writePiece) => {
    const write = (html) => {
      writePiece(html);
      return Promise.resolve();
    };
    await write(head);
    await writeLogsSection(
      dir,
      model,
      { censor, logTailBytes, budgetBytes: opts.logsBudgetBytes ?? LOGS_BUDGET_BYTES },
      write
    );
    await write(foot);
  });
  return file;
}
var import_node_path13, REPORT_FILE;
var init_write_report = __esm({
  "src/report/write-report.ts"() {
    "use strict";
    import_node_path13 = __toESM(require("node:path"), 1);
    init_fs();
    init_censor();
    init_log_budget();
    init_read_report_model();
    init_render_report();
    init_write_logs();
    REPORT_FILE = "report.html";
  }
});

// src/config/s3-url.ts
function parseS3Url(text) {
  const fail = (why) => ({ ok: false, reason: `"${text}" is not an s3:// URL: ${why}` });
  if (!text.startsWith("s3://")) return fail("it must start with s3://");
  const rest = text.slice("s3://".length);
  const slash = rest.indexOf("/");
  const bucket = slash < 0 ? rest : rest.slice(0, slash);
  if (bucket === "") return fail("no bucket");
  if (bucket.includes("@") || bucket.includes(":")) {
    return fail("credentials or a port do not belong in it (give them through a binding or AWS_* variables)");
  }
  if (!BUCKET_PATTERN.test(bucket) || bucket.includes("..") || /^\d+\.\d+\.\d+\.\d+$/.test(bucket)) {
    return fail(`"${bucket}" is not a bucket name`);
  }
  const segments = (slash < 0 ? "" : rest.slice(slash + 1)).split("/").filter((s) => s !== "");
  if (segments.some((s) => s === "." || s === "..")) return fail('"." and ".." are not key prefix segments');
  if ([...segments.join("")].some((ch) => ch < " " || ch === "\x7F")) {
    return fail("the prefix holds a control character");
  }
  return { ok: true, location: { bucket, prefix: segments.join("/") } };
}
function toS3Url(location) {
  return `s3://${location.bucket}${location.prefix === "" ? "" : `/${location.prefix}`}`;
}
function toObjectKey(location, ...parts) {
  return [location.prefix, ...parts].filter((p) => p !== "").join("/");
}
var BUCKET_PATTERN, S3_URL_HINT;
var init_s3_url = __esm({
  "src/config/s3-url.ts"() {
    "use strict";
    BUCKET_PATTERN = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
    S3_URL_HINT = 'Write s3://BUCKET or s3://BUCKET/PREFIX (a bucket name of 3\u201363 lowercase letters, digits, "-" and ".").';
  }
});

// src/supervisor/records/deadline.ts
function toPlatformDeadline(stopAtMs, nowMs) {
  return (stopAtMs ?? nowMs) + STOP_WINDOW_MS - STOP_WINDOW_MARGIN_MS;
}
function toUploadTimes(exitByMs) {
  const killAtMs = exitByMs - EXIT_RESERVE_MS;
  return { giveUpAtMs: killAtMs - KILL_AFTER_DEADLINE_MS, killAtMs };
}
var STOP_WINDOW_MS, STOP_WINDOW_MARGIN_MS, EXIT_RESERVE_MS, KILL_AFTER_DEADLINE_MS;
var init_deadline = __esm({
  "src/supervisor/records/deadline.ts"() {
    "use strict";
    STOP_WINDOW_MS = 1e4;
    STOP_WINDOW_MARGIN_MS = 500;
    EXIT_RESERVE_MS = 500;
    KILL_AFTER_DEADLINE_MS = 250;
  }
});

// src/supervisor/records/not-uploaded.ts
function toNotUploadedRecord(nowMs, bucket, failed) {
  return { timestamp: toEpochSeconds(nowMs), store: `s3://${bucket}`, objects: [...failed] };
}
async function writeNotUploaded(dir, record2) {
  const file = import_node_path15.default.join(dir, NOT_UPLOADED_FILE);
  if (record2.objects.length === 0) {
    await (0, import_promises2.rm)(file, { force: true });
    return;
  }
  const tmp = import_node_path15.default.join(dir, `.${NOT_UPLOADED_FILE}.${process.pid}.tmp`);
  await (0, import_promises2.writeFile)(tmp, `${JSON.stringify(record2, null, 2)}
`);
  await (0, import_promises2.rename)(tmp, file);
}
var import_promises2, import_node_path15, NOT_UPLOADED_FILE;
var init_not_uploaded = __esm({
  "src/supervisor/records/not-uploaded.ts"() {
    "use strict";
    import_promises2 = require("node:fs/promises");
    import_node_path15 = __toESM(require("node:path"), 1);
    init_records();
    NOT_UPLOADED_FILE = "not-uploaded.json";
  }
});

// src/supervisor/records/list-record-files.ts
async function listRecordFiles(dir, under = "") {
  const out = [];
  for (const entry of await (0, import_promises3.readdir)(import_node_path16.default.join(dir, under), { withFileTypes: true })) {
    if (entry.name.startsWith(".") || under === "" && entry.name === NOT_UPLOADED_FILE) continue;
    const rel = under === "" ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory()) out.push(...await listRecordFiles(dir, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out.sort();
}
async function listStoryFiles(dir) {
  const out = /* @__PURE__ */ new Map();
  const subs = (await (0, import_promises3.readdir)(dir, { withFileTypes: true })).filter((entry) => entry.isDirectory() && !entry.name.startsWith(".")).map((entry) => entry.name);
  for (const under of ["", ...subs.sort()]) {
    for (const file of [EVENTS_FILE, MEMORY_FILE]) {
      const rel = under === "" ? file : `${under}/${file}`;
      try {
        const info = await (0, import_promises3.stat)(import_node_path16.default.join(dir, rel));
        if (info.isFile()) out.set(rel, `${info.size}:${info.mtimeMs}`);
      } catch {
      }
    }
  }
  return out;
}
var import_promises3, import_node_path16;
var init_list_record_files = __esm({
  "src/supervisor/records/list-record-files.ts"() {
    "use strict";
    import_promises3 = require("node:fs/promises");
    import_node_path16 = __toESM(require("node:path"), 1);
    init_event_log();
    init_memory_series();
    init_not_uploaded();
  }
});

// src/supervisor/records/run-key.ts
function toKeySegment(text) {
  const safe = text.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+$/, "_");
  return safe === "" ? "_" : safe.slice(0, 128);
}
function toRunId(startedAtMs, random = Math.random) {
  const stamp = new Date(startedAtMs).toISOString().replace(/[-:]/g, "").replace(".", "-");
  const suffix = Math.floor(random() * 4294967296).toString(16).padStart(8, "0");
  return `${stamp}-${suffix}`;
}
function toInstanceKey(location, origin) {
  return toObjectKey(
    location,
    toKeySegment(origin.app),
    `${toKeySegment(origin.processType)}-${origin.instanceIndex}`
  );
}
function toRunKey(location, origin, runId) {
  return `${toInstanceKey(location, origin)}/${runId}`;
}
function toRunOrigin(vcapApplication, fallback) {
  let doc = {};
  try {
    const parsed = JSON.parse(vcapApplication ?? "{}");
    if (typeof parsed === "object" && parsed !== null) doc = parsed;
  } catch {
  }
  const app = typeof doc["application_name"] === "string" && doc["application_name"] !== "" ? doc["application_name"] : fallback.app;
  const processType = typeof doc["process_type"] === "string" && doc["process_type"] !== "" ? doc["process_type"] : fallback.processType;
  const index = Number(doc["instance_index"] ?? fallback.instanceIndex ?? 0);
  return { app, processType, instanceIndex: Number.isInteger(index) && index >= 0 ? index : 0 };
}
var LATEST_FILE;
var init_run_key = __esm({
  "src/supervisor/records/run-key.ts"() {
    "use strict";
    init_s3_url();
    LATEST_FILE = "latest.txt";
  }
});

// src/supervisor/records/run-rows.ts
function toRunIdSeconds(runId) {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})-\d{3}Z/.exec(runId);
  if (m === null) return null;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 0, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isNaN(ms) ? null : ms / 1e3;
}
var init_run_rows = __esm({
  "src/supervisor/records/run-rows.ts"() {
    "use strict";
    init_records();
  }
});

// src/supervisor/records/run-index.ts
function toRunIdMs(runId) {
  const seconds = toRunIdSeconds(runId);
  const ms = /^\d{8}T\d{6}-(\d{3})Z/.exec(runId)?.[1];
  return seconds === null || ms === void 0 ? null : seconds * 1e3 + Number(ms);
}
function toIndexHead(runId) {
  const ms = toRunIdMs(runId);
  return ms === null ? null : `${String(INVERT_FROM - ms).padStart(13, "0")}${SEPARATOR}`;
}
function toIndexPrefix(level) {
  return level === "" ? `${INDEX_DIR}/` : `${level}/${INDEX_DIR}/`;
}
function toIndexKeys(storePrefix, runKey, runId) {
  const head = toIndexHead(runId) ?? `${String(INVERT_FROM).padStart(13, "0")}${SEPARATOR}`;
  const below = (storePrefix === "" ? runKey : runKey.slice(storePrefix.length + 1)).split("/");
  return below.map((_, i) => {
    const level = [storePrefix, ...below.slice(0, i)].filter((s) => s !== "").join("/");
    return `${toIndexPrefix(level)}${head}${below.slice(i).join(SEPARATOR)}`;
  });
}
var INDEX_DIR, SEPARATOR, INVERT_FROM;
var init_run_index = __esm({
  "src/supervisor/records/run-index.ts"() {
    "use strict";
    init_run_key();
    init_run_rows();
    INDEX_DIR = ".runs";
    SEPARATOR = "~";
    INVERT_FROM = 9999999999999;
  }
});

// src/supervisor/records/run-objects.ts
function toRunObjects(url, origin, runId) {
  const parsed = parseS3Url(url);
  const location = parsed.ok ? parsed.location : { bucket: "invalid", prefix: "" };
  const runKey = toRunKey(location, origin, runId);
  const object = (file, parts, tailBytes = null) => ({
    key: `${runKey}/${file}`,
    parts,
    tailBytes,
    contentType: contentTypeOf(file)
  });
  const index = (file) => toIndexKeys(location.prefix, runKey, runId).map((key) => ({
    key,
    parts: [file],
    tailBytes: null,
    contentType: "application/json"
  }));
  const latest = {
    key: `${toInstanceKey(location, origin)}/${LATEST_FILE}`,
    parts: [],
    tailBytes: null,
    text: `${runId}
`,
    contentType: "text/plain; charset=utf-8"
  };
  return {
    bucket: location.bucket,
    runKey,
    latest,
    object,
    index,
    toLastBatch: (dir, files, withLatest) => {
      const objects = files.filter((file) => file !== FINISHED_FILE).map((file) => object(file, [import_node_path17.default.join(dir, file)]));
      if (withLatest) objects.push(latest);
      const body = [FINISHED_FILE, STARTED_FILE].find((file) => files.includes(file));
      const last = files.includes(FINISHED_FILE) ? [object(FINISHED_FILE, [import_node_path17.default.join(dir, FINISHED_FILE)])] : [];
      if (body !== void 0) last.push(...index(import_node_path17.default.join(dir, body)));
      return { objects, last };
    }
  };
}
var import_node_path17, contentTypeOf;
var init_run_objects = __esm({
  "src/supervisor/records/run-objects.ts"() {
    "use strict";
    import_node_path17 = __toESM(require("node:path"), 1);
    init_s3_url();
    init_records();
    init_run_index();
    init_run_key();
    contentTypeOf = (file) => file.endsWith(".json") ? "application/json" : file.endsWith(".html") ? "text/html; charset=utf-8" : "text/plain; charset=utf-8";
  }
});

// src/supervisor/records/upload-job.ts
function parseUploadLines(text) {
  const out = [];
  for (const line of text.split("\n")) {
    if (line.trim() === "") continue;
    try {
      const value = JSON.parse(line);
      if (typeof value.fatal === "string") out.push({ fatal: value.fatal });
      else if (typeof value.key === "string" && value.ok === true) out.push({ key: value.key, ok: true });
      else if (typeof value.key === "string" && typeof value.reason === "string")
        out.push({ key: value.key, ok: false, reason: value.reason });
    } catch {
    }
  }
  return out;
}
function toUploadOutcome(job, lines, unreported) {
  const done = /* @__PURE__ */ new Map();
  let fatal = null;
  for (const line of lines) {
    if ("fatal" in line) fatal = line.fatal;
    else done.set(line.key, line.ok ? null : line.reason);
  }
  const failed = [];
  const uploaded = [];
  for (const { key } of [...job.objects, ...job.last]) {
    const reason = done.has(key) ? done.get(key) : fatal ?? unreported;
    if (reason === null || reason === void 0) uploaded.push(key);
    else failed.push({ key, reason });
  }
  return { failed, uploaded, fatal };
}
function runUploadJob(job, opts) {
  const now = opts.nowMs ?? Date.now;
  const [file, ...args] = opts.command;
  return new Promise((resolve) => {
    if (file === void 0) {
      resolve(toUploadOutcome(job, [], "no upload command"));
      return;
    }
    if (opts.signal?.aborted === true) {
      resolve(toUploadOutcome(job, [], STOPPED_FOR_LAST));
      return;
    }
    const child = (0, import_node_child_process4.spawn)(file, args, { env: opts.env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (chunk) => out += chunk);
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      if (err.length < 4096) err += chunk;
    });
    child.stdin.on("error", () => void 0);
    child.stdin.end(`${JSON.stringify({ ...job, parentPid: process.pid })}
`);
    let timedOut = false;
    const timer = setTimeout(
      () => {
        timedOut = true;
        child.kill("SIGKILL");
      },
      Math.max(0, job.deadlineMs - now()) + KILL_AFTER_DEADLINE_MS
    );
    const onAbort = () => void child.kill("SIGKILL");
    opts.signal?.addEventListener("abort", onAbort, { once: true });
    const onExit = () => void child.kill("SIGKILL");
    process.once("exit", onExit);
    const finish = (why) => {
      clearTimeout(timer);
      opts.signal?.removeEventListener("abort", onAbort);
      process.off("exit", onExit);
      const aborted2 = opts.signal?.aborted === true ? STOPPED_FOR_LAST : why;
      resolve(toUploadOutcome(job, parseUploadLines(out), timedOut ? "the upload deadline passed" : aborted2));
    };
    child.once("error", (error) => finish(`the uploader could not start: ${error.message}`));
    child.once(
      "close",
      (code, signal) => finish(
        `the uploader ended (${signal ?? `exit ${String(code)}`})${err === "" ? "" : `: ${err.trim().split("\n").at(-1) ?? ""}`}`
      )
    );
  });
}
var import_node_child_process4, STOPPED_FOR_LAST;
var init_upload_job = __esm({
  "src/supervisor/records/upload-job.ts"() {
    "use strict";
    import_node_child_process4 = require("node:child_process");
    init_deadline();
    STOPPED_FOR_LAST = "stopped for the last upload";
  }
});

// src/supervisor/records/upload-children.ts
function createUploadChildren(opts) {
  const running2 = /* @__PURE__ */ new Set();
  const all = new AbortController();
  let onIdle = [];
  return {
    run(job, signal) {
      const stop = new AbortController();
      const sources = signal === void 0 ? [all.signal] : [all.signal, signal];
      const onAbort = () => stop.abort();
      for (const source of sources) {
        if (source.aborted) stop.abort();
        else source.addEventListener("abort", onAbort, { once: true });
      }
      const done = runUploadJob(job, { command: opts.command, env: opts.env, signal: stop.signal });
      running2.add(done);
      void done.then(() => {
        for (const source of sources) source.removeEventListener("abort", onAbort);
        running2.delete(done);
        if (running2.size > 0) return;
        const waiting = onIdle;
        onIdle = [];
        for (const wake of waiting) wake();
      });
      return done;
    },
    settled(untilMs) {
      if (running2.size === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const wake = () => {
          clearTimeout(timer);
          resolve(true);
        };
        const timer = setTimeout(
          () => {
            onIdle = onIdle.filter((w) => w !== wake);
            resolve(running2.size === 0);
          },
          Math.max(0, untilMs - Date.now())
        );
        onIdle.push(wake);
      });
    },
    killAll: () => all.abort(),
    get count() {
      return running2.size;
    }
  };
}
var init_upload_children = __esm({
  "src/supervisor/records/upload-children.ts"() {
    "use strict";
    init_upload_job();
  }
});

// src/supervisor/records/upload-failures.ts
function toBoundedReason(reason) {
  return reason.length <= MAX_REASON_CHARS ? reason : `${reason.slice(0, MAX_REASON_CHARS - 1)}\u2026`;
}
function toFailureEvents(what, failed, at) {
  const byReason = /* @__PURE__ */ new Map();
  for (const { key, reason } of failed) {
    const bounded = toBoundedReason(reason);
    const keys = byReason.get(bounded) ?? [];
    keys.push(key);
    byReason.set(bounded, keys);
  }
  const events = [];
  for (const [reason, keys] of byReason) {
    for (let i = 0; i < keys.length; i += MAX_KEYS_PER_EVENT) {
      events.push({
        type: "records.upload_failed",
        what,
        keys: keys.slice(i, i + MAX_KEYS_PER_EVENT),
        reason,
        at
      });
    }
  }
  return events;
}
var MAX_KEYS_PER_EVENT, MAX_REASON_CHARS;
var init_upload_failures = __esm({
  "src/supervisor/records/upload-failures.ts"() {
    "use strict";
    MAX_KEYS_PER_EVENT = 20;
    MAX_REASON_CHARS = 300;
  }
});

// src/supervisor/records/records-upload.ts
function createRecordsUpload(opts) {
  const { bucket, runKey, latest, object, index, toLastBatch } = toRunObjects(
    opts.url,
    opts.origin,
    opts.runId
  );
  const children = createUploadChildren({ command: opts.command, env: opts.env });
  let stopAtMs = null;
  let closed = false;
  const early = new AbortController();
  let queue = Promise.resolve();
  let latestUp = false;
  const uploadedBytes = /* @__PURE__ */ new Map();
  const report = (what, outcome, startedAt) => {
    const at = Date.now();
    if (outcome.uploaded.length > 0) {
      const tookMs = at - startedAt;
      opts.bus.emit({ type: "records.uploaded", what, objects: outcome.uploaded.length, tookMs, at });
    }
    for (const event of toFailureEvents(what, outcome.failed, at)) opts.bus.emit(event);
  };
  const upload = async (what, objects, last, deadlineMs) => {
    const startedAt = Date.now();
    const job = { url: opts.url, service: opts.service, objects, last, deadlineMs };
    const outcome = await children.run(job, what === "final" ? void 0 : early.signal);
    if (outcome.uploaded.includes(latest.key)) latestUp = true;
    report(what, outcome, startedAt);
    return outcome;
  };
  const uploadedStory = /* @__PURE__ */ new Map();
  const uploadChanged = async () => {
    if (closed) return;
    await opts.recorder.story.flush();
    const changed = opts.recorder.logs().filter((log) => uploadedBytes.get(log.file) !== log.writtenBytes);
    const story = [...await listStoryFiles(opts.dir).catch(() => /* @__PURE__ */ new Map())].filter(
      ([file, version2]) => uploadedStory.get(file) !== version2
    );
    if (closed || changed.length + story.length === 0) return;
    const page = await opts.recorder.writeReport().catch(() => null);
    const outcome = await upload(
      "interval",
      [
        ...changed.map((log) => object(log.file, log.parts, log.tailBytes)),
        ...story.map(([file]) => object(file, [import_node_path18.default.join(opts.dir, file)])),
        ...page === null ? [] : [object(page, [import_node_path18.default.join(opts.dir, page)])]
      ],
      [],
      Date.now() + INTERVAL_UPLOAD_MS
    );
    for (const log of changed) {
      if (outcome.uploaded.includes(`${runKey}/${log.file}`)) uploadedBytes.set(log.file, log.writtenBytes);
    }
    for (const [file, version2] of story) {
      if (outcome.uploaded.includes(`${runKey}/${file}`)) uploadedStory.set(file, version2);
    }
  };
  const enqueue = (task) => {
    const next = queue.then(task);
    queue = next.catch(() => void 0);
    return queue;
  };
  const uploadLast = async (giveUpAtMs) => {
    let files;
    try {
      files = await listRecordFiles(opts.dir);
    } catch (error) {
      const failed = [
        { key: `${runKey}/`, reason: `the records could not be listed: ${error.message}` }
      ];
      report("final", { uploaded: [], failed }, Date.now());
      return failed;
    }
    const { objects, last } = toLastBatch(opts.dir, files, !latestUp);
    if (giveUpAtMs - Date.now() < MIN_FINAL_UPLOAD_MS) {
      const failed = [...objects, ...last].map(({ key }) => ({ key, reason: NO_TIME_LEFT }));
      report("final", { uploaded: [], failed }, Date.now());
      return failed;
    }
    return (await upload("final", objects, last, giveUpAtMs)).failed;
  };
  return {
    policy: {
      attach(sup) {
        const ticks = new AbortController();
        const unsubscribe = sup.bus.on((event) => {
          if (event.type !== "supervisor.stop_requested") return;
          stopAtMs ??= event.at;
          closed = true;
          ticks.abort();
        });
        if (opts.intervalMs > 0) {
          void (async () => {
            while (await sup.clock.sleep(opts.intervalMs, ticks.signal)) await enqueue(uploadChanged);
          })();
        }
        return () => {
          ticks.abort();
          unsubscribe();
        };
      }
    },
    start() {
      const started = object(STARTED_FILE, [import_node_path18.default.join(opts.dir, STARTED_FILE)]);
      const entries = index(import_node_path18.default.join(opts.dir, STARTED_FILE));
      const batch = upload("start", [], [started, latest, ...entries], Date.now() + INTERVAL_UPLOAD_MS);
      return enqueue(() => batch.then(() => void 0));
    },
    async finish() {
      closed = true;
      const { giveUpAtMs, killAtMs } = toUploadTimes(opts.finalDeadline(stopAtMs, Date.now()));
      await children.settled(Date.now() + Math.max(0, (giveUpAtMs - Date.now()) / 2));
      early.abort();
      await children.settled(killAtMs);
      const failed = await uploadLast(giveUpAtMs);
      if (!await children.settled(killAtMs)) children.killAll();
      await children.settled(killAtMs + KILLED_CLOSE_MS);
      await writeNotUploaded(opts.dir, toNotUploadedRecord(Date.now(), bucket, failed));
    },
    stop: () => children.killAll()
  };
}
var import_node_path18, INTERVAL_UPLOAD_MS, MIN_FINAL_UPLOAD_MS, NO_TIME_LEFT, KILLED_CLOSE_MS;
var init_records_upload = __esm({
  "src/supervisor/records/records-upload.ts"() {
    "use strict";
    import_node_path18 = __toESM(require("node:path"), 1);
    init_deadline();
    init_list_record_files();
    init_not_uploaded();
    init_records();
    init_run_objects();
    init_upload_children();
    init_upload_failures();
    INTERVAL_UPLOAD_MS = 3e4;
    MIN_FINAL_UPLOAD_MS = 200;
    NO_TIME_LEFT = "not tried: no time left in the stop window (the grace period took it)";
    KILLED_CLOSE_MS = 100;
  }
});

// src/config/store-binding.ts
function parseVcapServices(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch {
    return {
      ok: false,
      reason: "VCAP_SERVICES is not JSON",
      hint: "The platform sets it; locally, pass valid JSON or unset it."
    };
  }
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
    return {
      ok: false,
      reason: "VCAP_SERVICES is not a JSON object",
      hint: "It maps service labels to lists of bindings."
    };
  }
  const bindings = [];
  for (const [label, list] of Object.entries(doc)) {
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      if (typeof item !== "object" || item === null) continue;
      const b = item;
      const credentials = b["credentials"];
      bindings.push({
        name: typeof b["name"] === "string" ? b["name"] : "",
        label: typeof b["label"] === "string" ? b["label"] : label,
        tags: Array.isArray(b["tags"]) ? b["tags"].filter((t) => typeof t === "string") : [],
        credentials: typeof credentials === "object" && credentials !== null && !Array.isArray(credentials) ? credentials : {}
      });
    }
  }
  return { ok: true, value: bindings };
}
function findBinding(bindings, selector) {
  const byName = bindings.filter((b) => b.name === selector);
  const matches = byName.length > 0 ? byName : bindings.filter((b) => b.label === selector || b.tags.includes(selector));
  const names = bindings.map((b) => b.name || b.label).join(", ") || "none";
  if (matches.length === 1) return { ok: true, value: matches[0] };
  if (matches.length === 0) {
    return {
      ok: false,
      reason: `no bound service is named "${selector}" (nor has it as label or tag)`,
      hint: `Bind it (cf bind-service APP ${selector}) or name one of the bound services: ${names}.`
    };
  }
  return {
    ok: false,
    reason: `${matches.length} bound services match "${selector}": ${matches.map((b) => b.name).join(", ")}`,
    hint: "Name one service by its name in records.service."
  };
}
function pick2(credentials, keys) {
  for (const key of keys) {
    const value = credentials[key];
    if (typeof value === "string" && value !== "") return value;
  }
  return null;
}
function parseCredentialUrl(text) {
  if (text === null) return null;
  let url;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  const endpoint = url.protocol === "http:" || url.protocol === "https:" ? `${url.protocol}//${url.host}` : null;
  return {
    key: decodeURIComponent(url.username),
    secret: decodeURIComponent(url.password),
    endpoint: endpoint ?? (url.host !== "" ? `https://${url.host}` : null),
    bucket: url.pathname.split("/").filter((s) => s !== "")[0] ?? ""
  };
}
function toEndpointUrl(text) {
  return /^https?:\/\//i.test(text) ? text.replace(/\/+$/, "") : `https://${text.replace(/\/+$/, "")}`;
}
function toStoreFromBinding(binding) {
  const c = binding.credentials;
  const fromUrl = parseCredentialUrl(pick2(c, ["uri", "s3Url", "s3_url", "url"]));
  const accessKeyId = pick2(c, [
    "access_key_id",
    "accessKeyId",
    "S3_AWS_ACCESS_KEY_ID",
    "aws_access_key_id",
    "AWS_ACCESS_KEY_ID",
    "accessKey",
    "access_key",
    "username"
  ]) ?? (fromUrl?.key || null);
  const secretAccessKey = pick2(c, [
    "secret_access_key",
    "secretAccessKey",
    "S3_AWS_SECRET_ACCESS_KEY",
    "aws_secret_access_key",
    "AWS_SECRET_ACCESS_KEY",
    "secretKey",
    "secret_key",
    "password"
  ]) ?? (fromUrl?.secret || null);
  const bucket = pick2(c, ["bucket_name", "bucket", "BUCKET_NAME", "bucketName", "name"]) ?? (fromUrl?.bucket || null);
  const rawEndpoint = pick2(c, ["endpoint", "endpoint_url", "host"]) ?? fromUrl?.endpoint ?? null;
  const region = pick2(c, ["region", "S3_REGION", "aws_region", "AWS_REGION"]) ?? DEFAULT_REGION;
  const missing = [
    accessKeyId === null ? "access key" : "",
    secretAccessKey === null ? "secret key" : ""
  ].filter(Boolean);
  if (accessKeyId === null || secretAccessKey === null) {
    return {
      ok: false,
      reason: `the binding "${binding.name}" (${binding.label}) has no ${missing.join(" and no ")} in its credentials`,
      hint: "Bind an S3 service whose credentials hold access_key_id and secret_access_key (or its broker's names for them)."
    };
  }
  const endpoint = rawEndpoint === null ? null : toEndpointUrl(rawEndpoint);
  return {
    ok: true,
    value: {
      bucket,
      credentials: {
        accessKeyId,
        secretAccessKey,
        sessionToken: pick2(c, ["session_token", "sessionToken", "aws_session_token"]),
        region,
        endpoint,
        forcePathStyle: endpoint !== null
      }
    }
  };
}
function toStoreFromEnv(env) {
  const accessKeyId = env["AWS_ACCESS_KEY_ID"];
  const secretAccessKey = env["AWS_SECRET_ACCESS_KEY"];
  if (accessKeyId === void 0 || accessKeyId === "" || secretAccessKey === void 0 || secretAccessKey === "") {
    return {
      ok: false,
      reason: "no credentials for the store: no bound service is named, and AWS_ACCESS_KEY_ID or AWS_SECRET_ACCESS_KEY is not set",
      hint: "Set records.service to a bound S3 service, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_ENDPOINT_URL_S3 for a store other than AWS)."
    };
  }
  const rawEndpoint = env["AWS_ENDPOINT_URL_S3"] || env["AWS_ENDPOINT_URL"] || null;
  const endpoint = rawEndpoint === null ? null : toEndpointUrl(rawEndpoint);
  return {
    ok: true,
    value: {
      accessKeyId,
      secretAccessKey,
      sessionToken: env["AWS_SESSION_TOKEN"] || null,
      region: env["AWS_REGION"] || env["AWS_DEFAULT_REGION"] || DEFAULT_REGION,
      endpoint,
      forcePathStyle: endpoint !== null
    }
  };
}
function toStoreLocation(url, bindingBucket) {
  if (url !== null) {
    const parsed = parseS3Url(url);
    return parsed.ok ? { ok: true, value: parsed.location } : { ok: false, reason: parsed.reason, hint: "Write s3://BUCKET[/PREFIX]." };
  }
  if (bindingBucket !== null) {
    const parsed = parseS3Url(`s3://${bindingBucket}`);
    if (parsed.ok) return { ok: true, value: parsed.location };
    return {
      ok: false,
      reason: `the binding's bucket: ${parsed.reason}`,
      hint: "Give the bucket in records.upload: s3://BUCKET/PREFIX."
    };
  }
  return {
    ok: false,
    reason: "the binding names no bucket",
    hint: "Give the bucket in records.upload: s3://BUCKET/PREFIX."
  };
}
var DEFAULT_REGION;
var init_store_binding = __esm({
  "src/config/store-binding.ts"() {
    "use strict";
    init_s3_url();
    DEFAULT_REGION = "us-east-1";
  }
});

// src/config/vcap-services.ts
function readBindings(env) {
  let text = env["VCAP_SERVICES"];
  const file = env["VCAP_SERVICES_FILE_PATH"];
  if ((text === void 0 || text === "") && file !== void 0 && file !== "") {
    try {
      text = (0, import_node_fs31.readFileSync)(file, "utf8");
    } catch (error) {
      return {
        ok: false,
        reason: `cannot read VCAP_SERVICES_FILE_PATH ${file}: ${error.code ?? "unreadable"}`,
        hint: "The platform writes that file; check the path."
      };
    }
  }
  if (text === void 0 || text === "") return [];
  const parsed = parseVcapServices(text);
  return parsed.ok ? parsed.value : { ok: false, reason: parsed.reason, hint: parsed.hint };
}
var import_node_fs31;
var init_vcap_services = __esm({
  "src/config/vcap-services.ts"() {
    "use strict";
    import_node_fs31 = require("node:fs");
    init_store_binding();
  }
});

// src/supervisor/records/resolve-store.ts
function resolveStore(request2, env) {
  const bindings = readBindings(env);
  if (!Array.isArray(bindings)) return bindings;
  if (request2.service !== null) {
    const found = findBinding(bindings, request2.service);
    if (!found.ok) return found;
    const fromBinding = toStoreFromBinding(found.value);
    if (!fromBinding.ok) return fromBinding;
    const location2 = toStoreLocation(request2.url, fromBinding.value.bucket);
    if (!location2.ok) return location2;
    return {
      ok: true,
      store: {
        location: location2.value,
        credentials: fromBinding.value.credentials,
        bindings,
        source: `the bound service "${found.value.name}"`
      }
    };
  }
  const fromEnv = toStoreFromEnv(env);
  if (!fromEnv.ok) return fromEnv;
  const location = toStoreLocation(request2.url, null);
  if (!location.ok) return location;
  return {
    ok: true,
    store: { location: location.value, credentials: fromEnv.value, bindings, source: "the AWS_* variables" }
  };
}
var init_resolve_store = __esm({
  "src/supervisor/records/resolve-store.ts"() {
    "use strict";
    init_vcap_services();
    init_store_binding();
  }
});

// src/supervisor/records/start-upload.ts
var start_upload_exports = {};
__export(start_upload_exports, {
  UPLOADER_NODE_FLAGS: () => UPLOADER_NODE_FLAGS,
  startUpload: () => startUpload,
  toUploaderCommand: () => toUploaderCommand,
  toUploaderEnv: () => toUploaderEnv
});
function toUploaderCommand() {
  return [process.execPath, ...UPLOADER_NODE_FLAGS, process.argv[1] ?? "", "upload", "--job", "-"];
}
function toUploaderEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== void 0 && key !== "NODE_OPTIONS" && key !== "SIDECARS_APP_NODE_OPTIONS")
      out[key] = value;
  }
  return out;
}
function logLateEvents(bus, logger) {
  let late = false;
  const stop = bus.on((event) => {
    if (!late || !event.type.startsWith("records.")) return;
    const { level, msg, fields } = toLogRecord(event);
    logger[level]({ event: event.type, ...fields }, msg);
  });
  return { afterSupervision: () => late = true, stop };
}
function startUpload(request2, ctx) {
  const resolved = resolveStore({ url: request2.url, service: request2.service }, process.env);
  if (!resolved.ok) {
    ctx.logger.error(
      {
        event: "records.upload_failed",
        what: "start",
        key: request2.url ?? `service ${request2.service ?? ""}`,
        reason: resolved.reason
      },
      `run records will not be uploaded: ${resolved.reason}. ${resolved.hint}`
    );
    return null;
  }
  const late = logLateEvents(ctx.bus, ctx.logger);
  const upload = createRecordsUpload({
    url: toS3Url(resolved.store.location),
    service: request2.service,
    origin: request2.origin,
    runId: request2.runId,
    dir: ctx.dir,
    recorder: ctx.recorder,
    intervalMs: request2.intervalMs,
    bus: ctx.bus,
    command: toUploaderCommand(),
    env: toUploaderEnv(process.env),
    finalDeadline: (stopAtMs, nowMs) => request2.finalDeadline(stopAtMs, nowMs)
  });
  void upload.start();
  return {
    upload,
    async finish() {
      late.afterSupervision();
      try {
        await upload.finish();
      } finally {
        late.stop();
      }
    },
    stop() {
      upload.stop();
      late.stop();
    }
  };
}
var UPLOADER_NODE_FLAGS;
var init_start_upload = __esm({
  "src/supervisor/records/start-upload.ts"() {
    "use strict";
    init_s3_url();
    init_log_events();
    init_records_upload();
    init_resolve_store();
    UPLOADER_NODE_FLAGS = ["--lite-mode", "--max-semi-space-size=1"];
  }
});

// node_modules/pino-std-serializers/lib/err-helpers.js
var require_err_helpers = __commonJS({
  "node_modules/pino-std-serializers/lib/err-helpers.js"(exports2, module2) {
    "use strict";
    var isErrorLike = (err) => {
      return err && typeof err.message === "string";
    };
    var getErrorCause = (err) => {
      if (!err) return;
      const cause = err.cause;
      if (typeof cause === "function") {
        const causeResult = err.cause();
        return isErrorLike(causeResult) ? causeResult : void 0;
      } else {
        return isErrorLike(cause) ? cause : void 0;
      }
    };
    var _stackWithCauses = (err, seen) => {
      if (!isErrorLike(err)) return "";
      const stack = err.stack || "";
      if (seen.has(err)) {
        return stack + "\ncauses have become circular...";
      }
      const cause = getErrorCause(err);
      if (cause) {
        seen.add(err);
        return stack + "\ncaused by: " + _stackWithCauses(cause, seen);
      } else {
        return stack;
      }
    };
    var stackWithCauses = (err) => _stackWithCauses(err, /* @__PURE__ */ new Set());
    var _messageWithCauses = (err, seen, skip) => {
      if (!isErrorLike(err)) return "";
      const message = skip ? "" : err.message || "";
      if (seen.has(err)) {
        return message + ": ...";
      }
      const cause = getErrorCause(err);
      if (cause) {
        seen.add(err);
        const skipIfVErrorStyleCause = typeof err.cause === "function";
        return message + (skipIfVErrorStyleCause ? "" : ": ") + _messageWithCauses(cause, seen, skipIfVErrorStyleCause);
      } else {
        return message;
      }
    };
    var messageWithCauses = (err) => _messageWithCauses(err, /* @__PURE__ */ new Set());
    module2.exports = {
      isErrorLike,
      getErrorCause,
      stackWithCauses,
      messageWithCauses
    };
  }
});

// node_modules/pino-std-serializers/lib/err-proto.js
var require_err_proto = __commonJS({
  "node_modules/pino-std-serializers/lib/err-proto.js"(exports2, module2) {
    "use strict";
    var seen = /* @__PURE__ */ Symbol("circular-ref-tag");
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-err-ref");
    var pinoErrProto = Object.create({}, {
      type: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      message: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      stack: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      aggregateErrors: {
        enumerable: true,
        writable: true,
        value: void 0
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoErrProto, rawSymbol, {
      writable: true,
      value: {}
    });
    module2.exports = {
      pinoErrProto,
      pinoErrorSymbols: {
        seen,
        rawSymbol
      }
    };
  }
});

// node_modules/pino-std-serializers/lib/err.js
var require_err = __commonJS({
  "node_modules/pino-std-serializers/lib/err.js"(exports2, module2) {
    "use strict";
    module2.exports = errSerializer;
    var { messageWithCauses, stackWithCauses, isErrorLike } = require_err_helpers();
    var { pinoErrProto, pinoErrorSymbols } = require_err_proto();
    var { seen } = pinoErrorSymbols;
    var { toString } = Object.prototype;
    function errSerializer(err) {
      if (!isErrorLike(err)) {
        return err;
      }
      err[seen] = void 0;
      const _err = Object.create(pinoErrProto);
      _err.type = toString.call(err.constructor) === "[object Function]" ? err.constructor.name : err.name;
      _err.message = messageWithCauses(err);
      _err.stack = stackWithCauses(err);
      if (Array.isArray(err.errors)) {
        _err.aggregateErrors = err.errors.map((err2) => errSerializer(err2));
      }
      for (const key in err) {
        if (_err[key] === void 0) {
          const val = err[key];
          if (isErrorLike(val)) {
            if (key !== "cause" && !Object.prototype.hasOwnProperty.call(val, seen)) {
              _err[key] = errSerializer(val);
            }
          } else {
            _err[key] = val;
          }
        }
      }
      delete err[seen];
      _err.raw = err;
      return _err;
    }
  }
});

// node_modules/pino-std-serializers/lib/err-with-cause.js
var require_err_with_cause = __commonJS({
  "node_modules/pino-std-serializers/lib/err-with-cause.js"(exports2, module2) {
    "use strict";
    module2.exports = errWithCauseSerializer;
    var { isErrorLike } = require_err_helpers();
    var { pinoErrProto, pinoErrorSymbols } = require_err_proto();
    var { seen } = pinoErrorSymbols;
    var { toString } = Object.prototype;
    function errWithCauseSerializer(err) {
      if (!isErrorLike(err)) {
        return err;
      }
      err[seen] = void 0;
      const _err = Object.create(pinoErrProto);
      _err.type = toString.call(err.constructor) === "[object Function]" ? err.constructor.name : err.name;
      _err.message = err.message;
      _err.stack = err.stack;
      if (Array.isArray(err.errors)) {
        _err.aggregateErrors = err.errors.map((err2) => errWithCauseSerializer(err2));
      }
      if (isErrorLike(err.cause) && !Object.prototype.hasOwnProperty.call(err.cause, seen)) {
        _err.cause = errWithCauseSerializer(err.cause);
      }
      for (const key in err) {
        if (_err[key] === void 0) {
          const val = err[key];
          if (isErrorLike(val)) {
            if (!Object.prototype.hasOwnProperty.call(val, seen)) {
              _err[key] = errWithCauseSerializer(val);
            }
          } else {
            _err[key] = val;
          }
        }
      }
      delete err[seen];
      _err.raw = err;
      return _err;
    }
  }
});

// node_modules/pino-std-serializers/lib/req.js
var require_req = __commonJS({
  "node_modules/pino-std-serializers/lib/req.js"(exports2, module2) {
    "use strict";
    module2.exports = {
      mapHttpRequest,
      reqSerializer
    };
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-req-ref");
    var pinoReqProto = Object.create({}, {
      id: {
        enumerable: true,
        writable: true,
        value: ""
      },
      method: {
        enumerable: true,
        writable: true,
        value: ""
      },
      url: {
        enumerable: true,
        writable: true,
        value: ""
      },
      query: {
        enumerable: true,
        writable: true,
        value: ""
      },
      params: {
        enumerable: true,
        writable: true,
        value: ""
      },
      headers: {
        enumerable: true,
        writable: true,
        value: {}
      },
      remoteAddress: {
        enumerable: true,
        writable: true,
        value: ""
      },
      remotePort: {
        enumerable: true,
        writable: true,
        value: ""
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoReqProto, rawSymbol, {
      writable: true,
      value: {}
    });
    function reqSerializer(req) {
      const connection = req.info || req.socket;
      const _req = Object.create(pinoReqProto);
      _req.id = typeof req.id === "function" ? req.id() : req.id || (req.info ? req.info.id : void 0);
      _req.method = req.method;
      if (req.originalUrl) {
        _req.url = req.originalUrl;
      } else {
        const path22 = req.path;
        _req.url = typeof path22 === "string" ? path22 : req.url ? req.url.path || req.url : void 0;
      }
      if (req.query) {
        _req.query = req.query;
      }
      if (req.params) {
        _req.params = req.params;
      }
      _req.headers = req.headers;
      _req.remoteAddress = connection && connection.remoteAddress;
      _req.remotePort = connection && connection.remotePort;
      _req.raw = req.raw || req;
      return _req;
    }
    function mapHttpRequest(req) {
      return {
        req: reqSerializer(req)
      };
    }
  }
});

// node_modules/pino-std-serializers/lib/res.js
var require_res = __commonJS({
  "node_modules/pino-std-serializers/lib/res.js"(exports2, module2) {
    "use strict";
    module2.exports = {
      mapHttpResponse,
      resSerializer
    };
    var rawSymbol = /* @__PURE__ */ Symbol("pino-raw-res-ref");
    var pinoResProto = Object.create({}, {
      statusCode: {
        enumerable: true,
        writable: true,
        value: 0
      },
      headers: {
        enumerable: true,
        writable: true,
        value: ""
      },
      raw: {
        enumerable: false,
        get: function() {
          return this[rawSymbol];
        },
        set: function(val) {
          this[rawSymbol] = val;
        }
      }
    });
    Object.defineProperty(pinoResProto, rawSymbol, {
      writable: true,
      value: {}
    });
    function resSerializer(res) {
      const _res = Object.create(pinoResProto);
      _res.statusCode = res.headersSent ? res.statusCode : null;
      _res.headers = res.getHeaders ? res.getHeaders() : res._headers;
      _res.raw = res;
      return _res;
    }
    function mapHttpResponse(res) {
      return {
        res: resSerializer(res)
      };
    }
  }
});

// node_modules/pino-std-serializers/index.js
var require_pino_std_serializers = __commonJS({
  "node_modules/pino-std-serializers/index.js"(exports2, module2) {
    "use strict";
    var errSerializer = require_err();
    var errWithCauseSerializer = require_err_with_cause();
    var reqSerializers = require_req();
    var resSerializers = require_res();
    module2.exports = {
      err: errSerializer,
      errWithCause: errWithCauseSerializer,
      mapHttpRequest: reqSerializers.mapHttpRequest,
      mapHttpResponse: resSerializers.mapHttpResponse,
      req: reqSerializers.reqSerializer,
      res: resSerializers.resSerializer,
      wrapErrorSerializer: function wrapErrorSerializer(customSerializer) {
        if (customSerializer === errSerializer) return customSerializer;
        return function wrapErrSerializer(err) {
          return customSerializer(errSerializer(err));
        };
      },
      wrapRequestSerializer: function wrapRequestSerializer(customSerializer) {
        if (customSerializer === reqSerializers.reqSerializer) return customSerializer;
        return function wrappedReqSerializer(req) {
          return customSerializer(reqSerializers.reqSerializer(req));
        };
      },
      wrapResponseSerializer: function wrapResponseSerializer(customSerializer) {
        if (customSerializer === resSerializers.resSerializer) return customSerializer;
        return function wrappedResSerializer(res) {
          return customSerializer(resSerializers.resSerializer(res));
        };
      }
    };
  }
});

// node_modules/pino/lib/caller.js
var require_caller = __commonJS({
  "node_modules/pino/lib/caller.js"(exports2, module2) {
    "use strict";
    var util = require("node:util");
    var getCallSites = util.getCallSites ?? util.getCallSite;
    function noOpPrepareStackTrace(_, stack) {
      return stack;
    }
    module2.exports = function getCallers() {
      if (getCallSites) {
        return getCallSites().slice(2).map((callSite) => callSite.scriptName);
      }
      const originalPrepare = Error.prepareStackTrace;
      Error.prepareStackTrace = noOpPrepareStackTrace;
      const stack = new Error().stack;
      Error.prepareStackTrace = originalPrepare;
      if (!Array.isArray(stack)) {
        return void 0;
      }
      const entries = stack.slice(2);
      const fileNames = [];
      for (const entry of entries) {
        if (!entry) {
          continue;
        }
        fileNames.push(entry.getFileName());
      }
      return fileNames;
    };
  }
});

// node_modules/@pinojs/redact/index.js
var require_redact = __commonJS({
  "node_modules/@pinojs/redact/index.js"(exports2, module2) {
    "use strict";
    function deepClone(obj) {
      if (obj === null || typeof obj !== "object") {
        return obj;
      }
      if (obj instanceof Date) {
        return new Date(obj.getTime());
      }
      if (obj instanceof Array) {
        const cloned = [];
        for (let i = 0; i < obj.length; i++) {
          cloned[i] = deepClone(obj[i]);
        }
        return cloned;
      }
      if (typeof obj === "object") {
        const cloned = Object.create(Object.getPrototypeOf(obj));
        for (const key in obj) {
          if (Object.prototype.hasOwnProperty.call(obj, key)) {
            cloned[key] = deepClone(obj[key]);
          }
        }
        return cloned;
      }
      return obj;
    }
    function parsePath(path22) {
      const parts = [];
      let current = "";
      let inBrackets = false;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path22.length; i++) {
        const char = path22[i];
        if (!inBrackets && char === ".") {
          if (current) {
            parts.push(current);
            current = "";
          }
        } else if (char === "[") {
          if (current) {
            parts.push(current);
            current = "";
          }
          inBrackets = true;
        } else if (char === "]" && inBrackets) {
          parts.push(current);
          current = "";
          inBrackets = false;
          inQuotes = false;
        } else if ((char === '"' || char === "'") && inBrackets) {
          if (!inQuotes) {
            inQuotes = true;
            quoteChar = char;
          } else if (char === quoteChar) {
            inQuotes = false;
            quoteChar = "";
          } else {
            current += char;
          }
        } else {
          current += char;
        }
      }
      if (current) {
        parts.push(current);
      }
      return parts;
    }
    function setValue(obj, parts, value) {
      let current = obj;
      for (let i = 0; i < parts.length - 1; i++) {
        const key = parts[i];
        if (typeof current !== "object" || current === null || !(key in current)) {
          return false;
        }
        if (typeof current[key] !== "object" || current[key] === null) {
          return false;
        }
        current = current[key];
      }
      const lastKey = parts[parts.length - 1];
      if (lastKey === "*") {
        if (Array.isArray(current)) {
          for (let i = 0; i < current.length; i++) {
            current[i] = value;
          }
        } else if (typeof current === "object" && current !== null) {
          for (const key in current) {
            if (Object.prototype.hasOwnProperty.call(current, key)) {
              current[key] = value;
            }
          }
        }
      } else {
        if (typeof current === "object" && current !== null && lastKey in current && Object.prototype.hasOwnProperty.call(current, lastKey)) {
          current[lastKey] = value;
        }
      }
      return true;
    }
    function removeKey(obj, parts) {
      let current = obj;
      for (let i = 0; i < parts.length - 1; i++) {
        const key = parts[i];
        if (typeof current !== "object" || current === null || !(key in current)) {
          return false;
        }
        if (typeof current[key] !== "object" || current[key] === null) {
          return false;
        }
        current = current[key];
      }
      const lastKey = parts[parts.length - 1];
      if (lastKey === "*") {
        if (Array.isArray(current)) {
          for (let i = 0; i < current.length; i++) {
            current[i] = void 0;
          }
        } else if (typeof current === "object" && current !== null) {
          for (const key in current) {
            if (Object.prototype.hasOwnProperty.call(current, key)) {
              delete current[key];
            }
          }
        }
      } else {
        if (typeof current === "object" && current !== null && lastKey in current && Object.prototype.hasOwnProperty.call(current, lastKey)) {
          delete current[lastKey];
        }
      }
      return true;
    }
    var PATH_NOT_FOUND = /* @__PURE__ */ Symbol("PATH_NOT_FOUND");
    function getValueIfExists(obj, parts) {
      let current = obj;
      for (const part of parts) {
        if (current === null || current === void 0) {
          return PATH_NOT_FOUND;
        }
        if (typeof current !== "object" || current === null) {
          return PATH_NOT_FOUND;
        }
        if (!(part in current)) {
          return PATH_NOT_FOUND;
        }
        current = current[part];
      }
      return current;
    }
    function getValue(obj, parts) {
      let current = obj;
      for (const part of parts) {
        if (current === null || current === void 0) {
          return void 0;
        }
        if (typeof current !== "object" || current === null) {
          return void 0;
        }
        current = current[part];
      }
      return current;
    }
    function redactPaths(obj, paths, censor, remove = false) {
      for (const path22 of paths) {
        const parts = parsePath(path22);
        if (parts.includes("*")) {
          redactWildcardPath(obj, parts, censor, path22, remove);
        } else {
          if (remove) {
            removeKey(obj, parts);
          } else {
            const value = getValueIfExists(obj, parts);
            if (value === PATH_NOT_FOUND) {
              continue;
            }
            const actualCensor = typeof censor === "function" ? censor(value, parts) : censor;
            setValue(obj, parts, actualCensor);
          }
        }
      }
    }
    function redactWildcardPath(obj, parts, censor, originalPath, remove = false) {
      const wildcardIndex = parts.indexOf("*");
      if (wildcardIndex === parts.length - 1) {
        const parentParts = parts.slice(0, -1);
        let current = obj;
        for (const part of parentParts) {
          if (current === null || current === void 0) return;
          if (typeof current !== "object" || current === null) return;
          current = current[part];
        }
        if (Array.isArray(current)) {
          if (remove) {
            for (let i = 0; i < current.length; i++) {
              current[i] = void 0;
            }
          } else {
            for (let i = 0; i < current.length; i++) {
              const indexPath = [...parentParts, i.toString()];
              const actualCensor = typeof censor === "function" ? censor(current[i], indexPath) : censor;
              current[i] = actualCensor;
            }
          }
        } else if (typeof current === "object" && current !== null) {
          if (remove) {
            const keysToDelete = [];
            for (const key in current) {
              if (Object.prototype.hasOwnProperty.call(current, key)) {
                keysToDelete.push(key);
              }
            }
            for (const key of keysToDelete) {
              delete current[key];
            }
          } else {
            for (const key in current) {
              const keyPath = [...parentParts, key];
              const actualCensor = typeof censor === "function" ? censor(current[key], keyPath) : censor;
              current[key] = actualCensor;
            }
          }
        }
      } else {
        redactIntermediateWildcard(obj, parts, censor, wildcardIndex, originalPath, remove);
      }
    }
    function redactIntermediateWildcard(obj, parts, censor, wildcardIndex, originalPath, remove = false) {
      const beforeWildcard = parts.slice(0, wildcardIndex);
      const afterWildcard = parts.slice(wildcardIndex + 1);
      const pathArray = [];
      function traverse(current, pathLength) {
        if (pathLength === beforeWildcard.length) {
          if (Array.isArray(current)) {
            for (let i = 0; i < current.length; i++) {
              pathArray[pathLength] = i.toString();
              traverse(current[i], pathLength + 1);
            }
          } else if (typeof current === "object" && current !== null) {
            for (const key in current) {
              pathArray[pathLength] = key;
              traverse(current[key], pathLength + 1);
            }
          }
        } else if (pathLength < beforeWildcard.length) {
          const nextKey = beforeWildcard[pathLength];
          if (current && typeof current === "object" && current !== null && nextKey in current) {
            pathArray[pathLength] = nextKey;
            traverse(current[nextKey], pathLength + 1);
          }
        } else {
          if (afterWildcard.includes("*")) {
            const wrappedCensor = typeof censor === "function" ? (value, path22) => {
              const fullPath = [...pathArray.slice(0, pathLength), ...path22];
              return censor(value, fullPath);
            } : censor;
            redactWildcardPath(current, afterWildcard, wrappedCensor, originalPath, remove);
          } else {
            if (remove) {
              removeKey(current, afterWildcard);
            } else {
              const actualCensor = typeof censor === "function" ? censor(getValue(current, afterWildcard), [...pathArray.slice(0, pathLength), ...afterWildcard]) : censor;
              setValue(current, afterWildcard, actualCensor);
            }
          }
        }
      }
      if (beforeWildcard.length === 0) {
        traverse(obj, 0);
      } else {
        let current = obj;
        for (let i = 0; i < beforeWildcard.length; i++) {
          const part = beforeWildcard[i];
          if (current === null || current === void 0) return;
          if (typeof current !== "object" || current === null) return;
          current = current[part];
          pathArray[i] = part;
        }
        if (current !== null && current !== void 0) {
          traverse(current, beforeWildcard.length);
        }
      }
    }
    function buildPathStructure(pathsToClone) {
      if (pathsToClone.length === 0) {
        return null;
      }
      const pathStructure = /* @__PURE__ */ new Map();
      for (const path22 of pathsToClone) {
        const parts = parsePath(path22);
        let current = pathStructure;
        for (let i = 0; i < parts.length; i++) {
          const part = parts[i];
          if (!current.has(part)) {
            current.set(part, /* @__PURE__ */ new Map());
          }
          current = current.get(part);
        }
      }
      return pathStructure;
    }
    function selectiveClone(obj, pathStructure) {
      if (!pathStructure) {
        return obj;
      }
      function cloneSelectively(source, pathMap, depth = 0) {
        if (!pathMap || pathMap.size === 0) {
          return source;
        }
        if (source === null || typeof source !== "object") {
          return source;
        }
        if (source instanceof Date) {
          return new Date(source.getTime());
        }
        if (Array.isArray(source)) {
          const cloned2 = [];
          for (let i = 0; i < source.length; i++) {
            const indexStr = i.toString();
            if (pathMap.has(indexStr) || pathMap.has("*")) {
              cloned2[i] = cloneSelectively(source[i], pathMap.get(indexStr) || pathMap.get("*"));
            } else {
              cloned2[i] = source[i];
            }
          }
          return cloned2;
        }
        const cloned = Object.create(Object.getPrototypeOf(source));
        for (const key in source) {
          if (Object.prototype.hasOwnProperty.call(source, key)) {
            if (pathMap.has(key) || pathMap.has("*")) {
              cloned[key] = cloneSelectively(source[key], pathMap.get(key) || pathMap.get("*"));
            } else {
              cloned[key] = source[key];
            }
          }
        }
        return cloned;
      }
      return cloneSelectively(obj, pathStructure);
    }
    function validatePath(path22) {
      if (typeof path22 !== "string") {
        throw new Error("Paths must be (non-empty) strings");
      }
      if (path22 === "") {
        throw new Error("Invalid redaction path ()");
      }
      if (path22.includes("..")) {
        throw new Error(`Invalid redaction path (${path22})`);
      }
      if (path22.includes(",")) {
        throw new Error(`Invalid redaction path (${path22})`);
      }
      let bracketCount = 0;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path22.length; i++) {
        const char = path22[i];
        if ((char === '"' || char === "'") && bracketCount > 0) {
          if (!inQuotes) {
            inQuotes = true;
            quoteChar = char;
          } else if (char === quoteChar) {
            inQuotes = false;
            quoteChar = "";
          }
        } else if (char === "[" && !inQuotes) {
          bracketCount++;
        } else if (char === "]" && !inQuotes) {
          bracketCount--;
          if (bracketCount < 0) {
            throw new Error(`Invalid redaction path (${path22})`);
          }
        }
      }
      if (bracketCount !== 0) {
        throw new Error(`Invalid redaction path (${path22})`);
      }
    }
    function validatePaths(paths) {
      if (!Array.isArray(paths)) {
        throw new TypeError("paths must be an array");
      }
      for (const path22 of paths) {
        validatePath(path22);
      }
    }
    function slowRedact(options = {}) {
      const {
        paths = [],
        censor = "[REDACTED]",
        serialize = JSON.stringify,
        strict = true,
        remove = false
      } = options;
      validatePaths(paths);
      const pathStructure = buildPathStructure(paths);
      return function redact(obj) {
        if (strict && (obj === null || typeof obj !== "object")) {
          if (obj === null || obj === void 0) {
            return serialize ? serialize(obj) : obj;
          }
          if (typeof obj !== "object") {
            return serialize ? serialize(obj) : obj;
          }
        }
        const cloned = selectiveClone(obj, pathStructure);
        const original = obj;
        let actualCensor = censor;
        if (typeof censor === "function") {
          actualCensor = censor;
        }
        redactPaths(cloned, paths, actualCensor, remove);
        if (serialize === false) {
          cloned.restore = function() {
            return deepClone(original);
          };
          return cloned;
        }
        if (typeof serialize === "function") {
          return serialize(cloned);
        }
        return JSON.stringify(cloned);
      };
    }
    module2.exports = slowRedact;
  }
});

// node_modules/pino/lib/symbols.js
var require_symbols = __commonJS({
  "node_modules/pino/lib/symbols.js"(exports2, module2) {
    "use strict";
    var setLevelSym = /* @__PURE__ */ Symbol("pino.setLevel");
    var getLevelSym = /* @__PURE__ */ Symbol("pino.getLevel");
    var levelValSym = /* @__PURE__ */ Symbol("pino.levelVal");
    var levelCompSym = /* @__PURE__ */ Symbol("pino.levelComp");
    var useLevelLabelsSym = /* @__PURE__ */ Symbol("pino.useLevelLabels");
    var useOnlyCustomLevelsSym = /* @__PURE__ */ Symbol("pino.useOnlyCustomLevels");
    var mixinSym = /* @__PURE__ */ Symbol("pino.mixin");
    var lsCacheSym = /* @__PURE__ */ Symbol("pino.lsCache");
    var chindingsSym = /* @__PURE__ */ Symbol("pino.chindings");
    var asJsonSym = /* @__PURE__ */ Symbol("pino.asJson");
    var writeSym = /* @__PURE__ */ Symbol("pino.write");
    var redactFmtSym = /* @__PURE__ */ Symbol("pino.redactFmt");
    var timeSym = /* @__PURE__ */ Symbol("pino.time");
    var timeSliceIndexSym = /* @__PURE__ */ Symbol("pino.timeSliceIndex");
    var streamSym = /* @__PURE__ */ Symbol("pino.stream");
    var stringifySym = /* @__PURE__ */ Symbol("pino.stringify");
    var stringifySafeSym = /* @__PURE__ */ Symbol("pino.stringifySafe");
    var stringifiersSym = /* @__PURE__ */ Symbol("pino.stringifiers");
    var endSym = /* @__PURE__ */ Symbol("pino.end");
    var formatOptsSym = /* @__PURE__ */ Symbol("pino.formatOpts");
    var messageKeySym = /* @__PURE__ */ Symbol("pino.messageKey");
    var errorKeySym = /* @__PURE__ */ Symbol("pino.errorKey");
    var nestedKeySym = /* @__PURE__ */ Symbol("pino.nestedKey");
    var nestedKeyStrSym = /* @__PURE__ */ Symbol("pino.nestedKeyStr");
    var mixinMergeStrategySym = /* @__PURE__ */ Symbol("pino.mixinMergeStrategy");
    var msgPrefixSym = /* @__PURE__ */ Symbol("pino.msgPrefix");
    var wildcardFirstSym = /* @__PURE__ */ Symbol("pino.wildcardFirst");
    var serializersSym = /* @__PURE__ */ Symbol.for("pino.serializers");
    var formattersSym = /* @__PURE__ */ Symbol.for("pino.formatters");
    var hooksSym = /* @__PURE__ */ Symbol.for("pino.hooks");
    var needsMetadataGsym = /* @__PURE__ */ Symbol.for("pino.metadata");
    var transportUsesMultistreamSym = /* @__PURE__ */ Symbol.for("pino.transport.usesMultistream");
    module2.exports = {
      setLevelSym,
      getLevelSym,
      levelValSym,
      levelCompSym,
      useLevelLabelsSym,
      mixinSym,
      lsCacheSym,
      chindingsSym,
      asJsonSym,
      writeSym,
      serializersSym,
      redactFmtSym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      stringifySym,
      stringifySafeSym,
      stringifiersSym,
      endSym,
      formatOptsSym,
      messageKeySym,
      errorKeySym,
      nestedKeySym,
      wildcardFirstSym,
      needsMetadataGsym,
      useOnlyCustomLevelsSym,
      formattersSym,
      hooksSym,
      nestedKeyStrSym,
      mixinMergeStrategySym,
      msgPrefixSym,
      transportUsesMultistreamSym
    };
  }
});

// node_modules/pino/lib/redaction.js
var require_redaction = __commonJS({
  "node_modules/pino/lib/redaction.js"(exports2, module2) {
    "use strict";
    var Redact = require_redact();
    var { redactFmtSym, wildcardFirstSym } = require_symbols();
    var rx = /[^.[\]]+|\[([^[\]]*?)\]/g;
    var CENSOR = "[Redacted]";
    var strict = false;
    function redaction(opts, serialize) {
      const { paths, censor, remove } = handle(opts);
      const shape = paths.reduce((o, str) => {
        rx.lastIndex = 0;
        const first = rx.exec(str);
        const next = rx.exec(str);
        let ns = first[1] !== void 0 ? first[1].replace(/^(?:"|'|`)(.*)(?:"|'|`)$/, "$1") : first[0];
        if (ns === "*") {
          ns = wildcardFirstSym;
        }
        if (next === null) {
          o[ns] = null;
          return o;
        }
        if (o[ns] === null) {
          return o;
        }
        const { index } = next;
        const nextPath = `${str.substr(index, str.length - 1)}`;
        o[ns] = o[ns] || [];
        if (ns !== wildcardFirstSym && o[ns].length === 0) {
          o[ns].push(...o[wildcardFirstSym] || []);
        }
        if (ns === wildcardFirstSym) {
          Object.keys(o).forEach(function(k) {
            if (o[k]) {
              o[k].push(nextPath);
            }
          });
        }
        o[ns].push(nextPath);
        return o;
      }, /* @__PURE__ */ Object.create(null));
      const result = Object.assign(/* @__PURE__ */ Object.create(null), {
        [redactFmtSym]: Redact({ paths, censor, serialize, strict, remove })
      });
      const topCensor = (...args) => {
        return typeof censor === "function" ? serialize(censor(...args)) : serialize(censor);
      };
      return [...Object.keys(shape), ...Object.getOwnPropertySymbols(shape)].reduce((o, k) => {
        if (shape[k] === null) {
          o[k] = (value) => topCensor(value, [k]);
        } else {
          const wrappedCensor = typeof censor === "function" ? (value, path22) => {
            return censor(value, [k, ...path22]);
          } : censor;
          o[k] = Redact({
            paths: shape[k],
            censor: wrappedCensor,
            serialize,
            strict,
            remove
          });
        }
        return o;
      }, result);
    }
    function handle(opts) {
      if (Array.isArray(opts)) {
        opts = { paths: opts, censor: CENSOR };
        return opts;
      }
      let { paths, censor = CENSOR, remove } = opts;
      if (Array.isArray(paths) === false) {
        throw Error("pino \u2013 redact must contain an array of strings");
      }
      if (remove === true) censor = void 0;
      return { paths, censor, remove };
    }
    module2.exports = redaction;
  }
});

// node_modules/pino/lib/time.js
var require_time = __commonJS({
  "node_modules/pino/lib/time.js"(exports2, module2) {
    "use strict";
    var nullTime = () => "";
    var epochTime = () => `,"time":${Date.now()}`;
    var unixTime = () => `,"time":${Math.round(Date.now() / 1e3)}`;
    var isoTime = () => `,"time":"${new Date(Date.now()).toISOString()}"`;
    var NS_PER_MS = 1000000n;
    var NS_PER_SEC = 1000000000n;
    var startWallTimeNs = BigInt(Date.now()) * NS_PER_MS;
    var startHrTime = process.hrtime.bigint();
    var isoTimeNano = () => {
      const elapsedNs = process.hrtime.bigint() - startHrTime;
      const currentTimeNs = startWallTimeNs + elapsedNs;
      const secondsSinceEpoch = currentTimeNs / NS_PER_SEC;
      const nanosWithinSecond = currentTimeNs % NS_PER_SEC;
      const msSinceEpoch = Number(secondsSinceEpoch * 1000n + nanosWithinSecond / 1000000n);
      const date2 = new Date(msSinceEpoch);
      const year = date2.getUTCFullYear();
      const month = (date2.getUTCMonth() + 1).toString().padStart(2, "0");
      const day = date2.getUTCDate().toString().padStart(2, "0");
      const hours = date2.getUTCHours().toString().padStart(2, "0");
      const minutes = date2.getUTCMinutes().toString().padStart(2, "0");
      const seconds = date2.getUTCSeconds().toString().padStart(2, "0");
      return `,"time":"${year}-${month}-${day}T${hours}:${minutes}:${seconds}.${nanosWithinSecond.toString().padStart(9, "0")}Z"`;
    };
    module2.exports = { nullTime, epochTime, unixTime, isoTime, isoTimeNano };
  }
});

// node_modules/quick-format-unescaped/index.js
var require_quick_format_unescaped = __commonJS({
  "node_modules/quick-format-unescaped/index.js"(exports2, module2) {
    "use strict";
    function tryStringify(o) {
      try {
        return JSON.stringify(o);
      } catch (e) {
        return '"[Circular]"';
      }
    }
    module2.exports = format;
    function format(f, args, opts) {
      var ss = opts && opts.stringify || tryStringify;
      var offset = 1;
      if (typeof f === "object" && f !== null) {
        var len = args.length + offset;
        if (len === 1) return f;
        var objects = new Array(len);
        objects[0] = ss(f);
        for (var index = 1; index < len; index++) {
          objects[index] = ss(args[index]);
        }
        return objects.join(" ");
      }
      if (typeof f !== "string") {
        return f;
      }
      var argLen = args.length;
      if (argLen === 0) return f;
      var str = "";
      var a = 1 - offset;
      var lastPos = -1;
      var flen = f && f.length || 0;
      for (var i = 0; i < flen; ) {
        if (f.charCodeAt(i) === 37 && i + 1 < flen) {
          lastPos = lastPos > -1 ? lastPos : 0;
          switch (f.charCodeAt(i + 1)) {
            case 100:
            // 'd'
            case 102:
              if (a >= argLen)
                break;
              if (args[a] == null) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += Number(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 105:
              if (a >= argLen)
                break;
              if (args[a] == null) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += Math.floor(Number(args[a]));
              lastPos = i + 2;
              i++;
              break;
            case 79:
            // 'O'
            case 111:
            // 'o'
            case 106:
              if (a >= argLen)
                break;
              if (args[a] === void 0) break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              var type = typeof args[a];
              if (type === "string") {
                str += "'" + args[a] + "'";
                lastPos = i + 2;
                i++;
                break;
              }
              if (type === "function") {
                str += args[a].name || "<anonymous>";
                lastPos = i + 2;
                i++;
                break;
              }
              str += ss(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 115:
              if (a >= argLen)
                break;
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += String(args[a]);
              lastPos = i + 2;
              i++;
              break;
            case 37:
              if (lastPos < i)
                str += f.slice(lastPos, i);
              str += "%";
              lastPos = i + 2;
              i++;
              a--;
              break;
          }
          ++a;
        }
        ++i;
      }
      if (lastPos === -1)
        return f;
      else if (lastPos < flen) {
        str += f.slice(lastPos);
      }
      return str;
    }
  }
});

// not-bundled:sonic-boom
var require_sonic_boom = __commonJS({
  "not-bundled:sonic-boom"(exports2, module2) {
    module2.exports = class NotBundled {
      constructor() {
        throw new Error("sonic-boom is not in the sidecars bundle: pass pino a destination stream");
      }
    };
  }
});

// node_modules/on-exit-leak-free/index.js
var require_on_exit_leak_free = __commonJS({
  "node_modules/on-exit-leak-free/index.js"(exports2, module2) {
    "use strict";
    var refs = {
      exit: [],
      beforeExit: []
    };
    var functions = {
      exit: onExit,
      beforeExit: onBeforeExit
    };
    var registry;
    function ensureRegistry() {
      if (registry === void 0) {
        registry = new FinalizationRegistry(clear);
      }
    }
    function install(event) {
      if (refs[event].length > 0) {
        return;
      }
      process.on(event, functions[event]);
    }
    function uninstall(event) {
      if (refs[event].length > 0) {
        return;
      }
      process.removeListener(event, functions[event]);
      if (refs.exit.length === 0 && refs.beforeExit.length === 0) {
        registry = void 0;
      }
    }
    function onExit() {
      callRefs("exit");
    }
    function onBeforeExit() {
      callRefs("beforeExit");
    }
    function callRefs(event) {
      for (const ref of refs[event]) {
        const obj = ref.deref();
        const fn = ref.fn;
        if (obj !== void 0) {
          fn(obj, event);
        }
      }
      refs[event] = [];
    }
    function clear(ref) {
      for (const event of ["exit", "beforeExit"]) {
        const index = refs[event].indexOf(ref);
        refs[event].splice(index, index + 1);
        uninstall(event);
      }
    }
    function _register(event, obj, fn) {
      if (obj === void 0) {
        throw new Error("the object can't be undefined");
      }
      install(event);
      const ref = new WeakRef(obj);
      ref.fn = fn;
      ensureRegistry();
      registry.register(obj, ref);
      refs[event].push(ref);
    }
    function register(obj, fn) {
      _register("exit", obj, fn);
    }
    function registerBeforeExit(obj, fn) {
      _register("beforeExit", obj, fn);
    }
    function unregister(obj) {
      if (registry === void 0) {
        return;
      }
      registry.unregister(obj);
      for (const event of ["exit", "beforeExit"]) {
        refs[event] = refs[event].filter((ref) => {
          const _obj = ref.deref();
          return _obj && _obj !== obj;
        });
        uninstall(event);
      }
    }
    module2.exports = {
      register,
      registerBeforeExit,
      unregister
    };
  }
});

// main-thread-only:worker_threads
var require_worker_threads = __commonJS({
  "main-thread-only:worker_threads"(exports2, module2) {
    module2.exports = { isMainThread: true };
  }
});

// node_modules/atomic-sleep/index.js
var require_atomic_sleep = __commonJS({
  "node_modules/atomic-sleep/index.js"(exports2, module2) {
    "use strict";
    if (typeof SharedArrayBuffer !== "undefined" && typeof Atomics !== "undefined") {
      let sleep2 = function(ms) {
        const valid = ms > 0 && ms < Infinity;
        if (valid === false) {
          if (typeof ms !== "number" && typeof ms !== "bigint") {
            throw TypeError("sleep: ms must be a number");
          }
          throw RangeError("sleep: ms must be a number that is greater than 0 but less than Infinity");
        }
        Atomics.wait(nil, 0, 0, Number(ms));
      };
      const nil = new Int32Array(new SharedArrayBuffer(4));
      module2.exports = sleep2;
    } else {
      let sleep2 = function(ms) {
        const valid = ms > 0 && ms < Infinity;
        if (valid === false) {
          if (typeof ms !== "number" && typeof ms !== "bigint") {
            throw TypeError("sleep: ms must be a number");
          }
          throw RangeError("sleep: ms must be a number that is greater than 0 but less than Infinity");
        }
        const target = Date.now() + Number(ms);
        while (target > Date.now()) {
        }
      };
      module2.exports = sleep2;
    }
  }
});

// not-bundled:thread-stream
var require_thread_stream = __commonJS({
  "not-bundled:thread-stream"(exports2, module2) {
    module2.exports = class NotBundled {
      constructor() {
        throw new Error("thread-stream is not in the sidecars bundle: pass pino a destination stream");
      }
    };
  }
});

// node_modules/pino/lib/transport.js
var require_transport = __commonJS({
  "node_modules/pino/lib/transport.js"(exports2, module2) {
    "use strict";
    var { createRequire } = require("module");
    var { existsSync: existsSync8 } = require("node:fs");
    var getCallers = require_caller();
    var { join, isAbsolute, sep } = require("node:path");
    var { fileURLToPath: fileURLToPath2 } = require("node:url");
    var sleep2 = require_atomic_sleep();
    var onExit = require_on_exit_leak_free();
    var ThreadStream = require_thread_stream();
    var { transportUsesMultistreamSym } = require_symbols();
    function setupOnExit(stream) {
      onExit.register(stream, autoEnd);
      onExit.registerBeforeExit(stream, flush);
      stream.on("close", function() {
        onExit.unregister(stream);
      });
    }
    function hasPreloadFlags() {
      const execArgv = process.execArgv;
      for (let i = 0; i < execArgv.length; i++) {
        const arg = execArgv[i];
        if (arg === "--import" || arg === "--require" || arg === "-r") {
          return true;
        }
        if (arg.startsWith("--import=") || arg.startsWith("--require=") || arg.startsWith("-r=")) {
          return true;
        }
      }
      return false;
    }
    function sanitizeNodeOptions(nodeOptions) {
      const tokens = nodeOptions.match(/(?:[^\s"']+|"[^"]*"|'[^']*')+/g);
      if (!tokens) {
        return nodeOptions;
      }
      const sanitized = [];
      let changed = false;
      for (let i = 0; i < tokens.length; i++) {
        const token = tokens[i];
        if (token === "--require" || token === "-r" || token === "--import") {
          const next = tokens[i + 1];
          if (next && shouldDropPreload(next)) {
            changed = true;
            i++;
            continue;
          }
          sanitized.push(token);
          if (next) {
            sanitized.push(next);
            i++;
          }
          continue;
        }
        if (token.startsWith("--require=") || token.startsWith("-r=") || token.startsWith("--import=")) {
          const value = token.slice(token.indexOf("=") + 1);
          if (shouldDropPreload(value)) {
            changed = true;
            continue;
          }
        }
        sanitized.push(token);
      }
      return changed ? sanitized.join(" ") : nodeOptions;
    }
    function shouldDropPreload(value) {
      const unquoted = stripQuotes(value);
      if (!unquoted) {
        return false;
      }
      let path22 = unquoted;
      if (path22.startsWith("file://")) {
        try {
          path22 = fileURLToPath2(path22);
        } catch {
          return false;
        }
      }
      return isAbsolute(path22) && !existsSync8(path22);
    }
    function stripQuotes(value) {
      const first = value[0];
      const last = value[value.length - 1];
      if (first === '"' && last === '"' || first === "'" && last === "'") {
        return value.slice(1, -1);
      }
      return value;
    }
    function buildStream(filename, workerData, workerOpts, sync, name) {
      if (!workerOpts.execArgv && hasPreloadFlags() && require.main === void 0) {
        workerOpts = {
          ...workerOpts,
          execArgv: []
        };
      }
      if (!workerOpts.env && process.env.NODE_OPTIONS) {
        const nodeOptions = sanitizeNodeOptions(process.env.NODE_OPTIONS);
        if (nodeOptions !== process.env.NODE_OPTIONS) {
          workerOpts = {
            ...workerOpts,
            env: {
              ...process.env,
              NODE_OPTIONS: nodeOptions
            }
          };
        }
      }
      workerOpts = { ...workerOpts, name };
      const stream = new ThreadStream({
        filename,
        workerData,
        workerOpts,
        sync
      });
      stream.on("ready", onReady);
      stream.on("close", function() {
        process.removeListener("exit", onExit2);
      });
      process.on("exit", onExit2);
      function onReady() {
        process.removeListener("exit", onExit2);
        stream.unref();
        if (workerOpts.autoEnd !== false) {
          setupOnExit(stream);
        }
      }
      function onExit2() {
        if (stream.closed) {
          return;
        }
        stream.flushSync();
        sleep2(100);
        stream.end();
      }
      return stream;
    }
    function autoEnd(stream) {
      stream.ref();
      stream.flushSync();
      stream.end();
      stream.once("close", function() {
        stream.unref();
      });
    }
    function flush(stream) {
      stream.flushSync();
    }
    function transport(fullOptions) {
      const { pipeline, targets, levels, dedupe, worker = {}, caller = getCallers(), sync = false } = fullOptions;
      const options = {
        ...fullOptions.options
      };
      let usesMultistream = false;
      const callers = typeof caller === "string" ? [caller] : caller;
      const bundlerOverrides = typeof globalThis === "object" && Object.prototype.hasOwnProperty.call(globalThis, "__bundlerPathsOverrides") && globalThis.__bundlerPathsOverrides && typeof globalThis.__bundlerPathsOverrides === "object" ? globalThis.__bundlerPathsOverrides : /* @__PURE__ */ Object.create(null);
      let target = fullOptions.target;
      if (target && targets) {
        throw new Error("only one of target or targets can be specified");
      }
      if (targets) {
        target = bundlerOverrides["pino-worker"] || join(__dirname, "worker.js");
        options.targets = targets.filter((dest) => dest.target).map((dest) => {
          return {
            ...dest,
            target: fixTarget(dest.target)
          };
        });
        options.pipelines = targets.filter((dest) => dest.pipeline).map((dest) => {
          return dest.pipeline.map((t) => {
            return {
              ...t,
              level: dest.level,
              // duplicate the pipeline `level` property defined in the upper level
              target: fixTarget(t.target)
            };
          });
        });
        const targetsHaveLevel = options.targets.some((t) => t.level != null);
        const pipelinesHaveLevel = options.pipelines.some((p) => p.some((t) => t.level != null));
        usesMultistream = options.targets.length + options.pipelines.length > 1 || targetsHaveLevel || pipelinesHaveLevel;
      } else if (pipeline) {
        target = bundlerOverrides["pino-worker"] || join(__dirname, "worker.js");
        options.pipelines = [pipeline.map((dest) => {
          return {
            ...dest,
            target: fixTarget(dest.target)
          };
        })];
      }
      if (levels) {
        options.levels = levels;
      }
      if (dedupe) {
        options.dedupe = dedupe;
      }
      options.pinoWillSendConfig = true;
      const name = targets || pipeline ? "pino.transport" : target;
      const stream = buildStream(fixTarget(target), options, worker, sync, name);
      if (usesMultistream) {
        stream[transportUsesMultistreamSym] = true;
      }
      return stream;
      function fixTarget(origin) {
        origin = bundlerOverrides[origin] || origin;
        if (isAbsolute(origin) || origin.indexOf("file://") === 0) {
          return origin;
        }
        if (origin === "pino/file") {
          return join(__dirname, "..", "file.js");
        }
        let fixTarget2;
        for (const filePath of callers) {
          try {
            const context = filePath === "node:repl" ? process.cwd() + sep : filePath;
            fixTarget2 = createRequire(context).resolve(origin);
            break;
          } catch (err) {
            continue;
          }
        }
        if (!fixTarget2) {
          throw new Error(`unable to determine transport target for "${origin}"`);
        }
        return fixTarget2;
      }
    }
    module2.exports = transport;
  }
});

// node_modules/pino/lib/tools.js
var require_tools = __commonJS({
  "node_modules/pino/lib/tools.js"(exports2, module2) {
    "use strict";
    var diagChan = require("node:diagnostics_channel");
    var format = require_quick_format_unescaped();
    var { mapHttpRequest, mapHttpResponse } = require_pino_std_serializers();
    var SonicBoom = require_sonic_boom();
    var onExit = require_on_exit_leak_free();
    var {
      lsCacheSym,
      chindingsSym,
      writeSym,
      serializersSym,
      formatOptsSym,
      endSym,
      stringifiersSym,
      stringifySym,
      stringifySafeSym,
      wildcardFirstSym,
      nestedKeySym,
      formattersSym,
      messageKeySym,
      errorKeySym,
      nestedKeyStrSym,
      msgPrefixSym
    } = require_symbols();
    var { isMainThread } = require_worker_threads();
    var transport = require_transport();
    var [nodeMajor] = process.versions.node.split(".").map((v) => Number(v));
    var asJsonChan = diagChan.tracingChannel("pino_asJson");
    var asString = nodeMajor >= 25 ? (str) => JSON.stringify(str) : _asString;
    function noop() {
    }
    function genLog(level, hook) {
      if (!hook) return LOG;
      return function hookWrappedLog(...args) {
        hook.call(this, args, LOG, level);
      };
      function LOG(o, ...n) {
        if (typeof o === "object") {
          let msg = o;
          if (o !== null) {
            if (o.method && o.headers && o.socket) {
              o = mapHttpRequest(o);
            } else if (typeof o.setHeader === "function") {
              o = mapHttpResponse(o);
            }
          }
          let formatParams;
          if (msg === null && n.length === 0) {
            formatParams = [null];
          } else {
            msg = n.shift();
            formatParams = n;
          }
          if (typeof this[msgPrefixSym] === "string" && msg !== void 0 && msg !== null) {
            msg = this[msgPrefixSym] + msg;
          }
          this[writeSym](o, format(msg, formatParams, this[formatOptsSym]), level);
        } else {
          let msg = o === void 0 ? n.shift() : o;
          if (typeof this[msgPrefixSym] === "string" && msg !== void 0 && msg !== null) {
            msg = this[msgPrefixSym] + msg;
          }
          this[writeSym](null, format(msg, n, this[formatOptsSym]), level);
        }
      }
    }
    function _asString(str) {
      let result = "";
      let last = 0;
      let found = false;
      let point = 255;
      const l = str.length;
      if (l > 100) {
        return JSON.stringify(str);
      }
      for (var i = 0; i < l && point >= 32; i++) {
        point = str.charCodeAt(i);
        if (point === 34 || point === 92) {
          result += str.slice(last, i) + "\\";
          last = i;
          found = true;
        }
      }
      if (!found) {
        result = str;
      } else {
        result += str.slice(last);
      }
      return point < 32 ? JSON.stringify(str) : '"' + result + '"';
    }
    function asJson(obj, msg, num, time2) {
      if (asJsonChan.hasSubscribers === false) {
        return _asJson.call(this, obj, msg, num, time2);
      }
      const store = { instance: this, arguments };
      return asJsonChan.traceSync(_asJson, store, this, obj, msg, num, time2);
    }
    function _asJson(obj, msg, num, time2) {
      const stringify2 = this[stringifySym];
      const stringifySafe = this[stringifySafeSym];
      const stringifiers = this[stringifiersSym];
      const end = this[endSym];
      const chindings = this[chindingsSym];
      const serializers = this[serializersSym];
      const formatters = this[formattersSym];
      const messageKey = this[messageKeySym];
      const errorKey = this[errorKeySym];
      let data = this[lsCacheSym][num] + time2;
      data = data + chindings;
      let value;
      if (formatters.log) {
        obj = formatters.log(obj);
      }
      const wildcardStringifier = stringifiers[wildcardFirstSym];
      let propStr = "";
      for (const key in obj) {
        value = obj[key];
        if (Object.prototype.hasOwnProperty.call(obj, key) && value !== void 0) {
          if (serializers[key]) {
            value = serializers[key](value);
          } else if (key === errorKey && serializers.err) {
            value = serializers.err(value);
          }
          const stringifier = stringifiers[key] || wildcardStringifier;
          switch (typeof value) {
            case "undefined":
            case "function":
              continue;
            case "number":
              if (Number.isFinite(value) === false) {
                value = null;
              }
            // this case explicitly falls through to the next one
            case "boolean":
              if (stringifier) value = stringifier(value);
              break;
            case "string":
              value = (stringifier || asString)(value);
              break;
            default:
              value = (stringifier || stringify2)(value, stringifySafe);
          }
          if (value === void 0) continue;
          const strKey = asString(key);
          propStr += "," + strKey + ":" + value;
        }
      }
      let msgStr = "";
      if (msg !== void 0) {
        value = serializers[messageKey] ? serializers[messageKey](msg) : msg;
        const stringifier = stringifiers[messageKey] || wildcardStringifier;
        switch (typeof value) {
          case "function":
            break;
          case "number":
            if (Number.isFinite(value) === false) {
              value = null;
            }
          // this case explicitly falls through to the next one
          case "boolean":
            if (stringifier) value = stringifier(value);
            msgStr = ',"' + messageKey + '":' + value;
            break;
          case "string":
            value = (stringifier || asString)(value);
            msgStr = ',"' + messageKey + '":' + value;
            break;
          default:
            value = (stringifier || stringify2)(value, stringifySafe);
            msgStr = ',"' + messageKey + '":' + value;
        }
      }
      if (this[nestedKeySym] && propStr) {
        return data + this[nestedKeyStrSym] + propStr.slice(1) + "}" + msgStr + end;
      } else {
        return data + propStr + msgStr + end;
      }
    }
    function asChindings(instance, bindings) {
      let value;
      let data = instance[chindingsSym];
      const stringify2 = instance[stringifySym];
      const stringifySafe = instance[stringifySafeSym];
      const stringifiers = instance[stringifiersSym];
      const wildcardStringifier = stringifiers[wildcardFirstSym];
      const serializers = instance[serializersSym];
      const formatter = instance[formattersSym].bindings;
      bindings = formatter(bindings);
      for (const key in bindings) {
        value = bindings[key];
        const valid = (key.length < 5 || key !== "level" && key !== "serializers" && key !== "formatters" && key !== "customLevels") && bindings.hasOwnProperty(key) && value !== void 0;
        if (valid === true) {
          value = serializers[key] ? serializers[key](value) : value;
          value = (stringifiers[key] || wildcardStringifier || stringify2)(value, stringifySafe);
          if (value === void 0) continue;
          data += "," + asString(key) + ":" + value;
        }
      }
      return data;
    }
    function hasBeenTampered(stream) {
      return stream.write !== stream.constructor.prototype.write;
    }
    function buildSafeSonicBoom(opts) {
      const stream = new SonicBoom(opts);
      stream.on("error", filterBrokenPipe);
      if (!opts.sync && isMainThread) {
        onExit.register(stream, autoEnd);
        stream.on("close", function() {
          onExit.unregister(stream);
        });
      }
      return stream;
      function filterBrokenPipe(err) {
        if (err.code === "EPIPE") {
          stream.write = noop;
          stream.end = noop;
          stream.flushSync = noop;
          stream.destroy = noop;
          return;
        }
        stream.removeListener("error", filterBrokenPipe);
        stream.emit("error", err);
      }
    }
    function autoEnd(stream, eventName) {
      if (stream.destroyed) {
        return;
      }
      if (eventName === "beforeExit") {
        stream.flush();
        stream.on("drain", function() {
          stream.end();
        });
      } else {
        stream.flushSync();
      }
    }
    function createArgsNormalizer(defaultOptions) {
      return function normalizeArgs(instance, caller, opts = {}, stream) {
        if (typeof opts === "string") {
          stream = buildSafeSonicBoom({ dest: opts });
          opts = {};
        } else if (typeof stream === "string") {
          if (opts && opts.transport) {
            throw Error("only one of option.transport or stream can be specified");
          }
          stream = buildSafeSonicBoom({ dest: stream });
        } else if (opts instanceof SonicBoom || opts.writable || opts._writableState) {
          stream = opts;
          opts = {};
        } else if (opts.transport) {
          if (opts.transport instanceof SonicBoom || opts.transport.writable || opts.transport._writableState) {
            throw Error("option.transport do not allow stream, please pass to option directly. e.g. pino(transport)");
          }
          if (opts.transport.targets && opts.transport.targets.length && opts.formatters && typeof opts.formatters.level === "function") {
            throw Error("option.transport.targets do not allow custom level formatters");
          }
          let customLevels;
          if (opts.customLevels) {
            customLevels = opts.useOnlyCustomLevels ? opts.customLevels : Object.assign({}, opts.levels, opts.customLevels);
          }
          stream = transport({ caller, ...opts.transport, levels: customLevels });
        }
        opts = Object.assign({}, defaultOptions, opts);
        opts.serializers = Object.assign(/* @__PURE__ */ Object.create(null), defaultOptions.serializers, opts.serializers);
        opts.formatters = Object.assign({}, defaultOptions.formatters, opts.formatters);
        if (opts.prettyPrint) {
          throw new Error("prettyPrint option is no longer supported, see the pino-pretty package (https://github.com/pinojs/pino-pretty)");
        }
        const { enabled, onChild } = opts;
        if (enabled === false) opts.level = "silent";
        if (!onChild) opts.onChild = noop;
        if (!stream) {
          if (!hasBeenTampered(process.stdout)) {
            stream = buildSafeSonicBoom({ fd: process.stdout.fd || 1 });
          } else {
            stream = process.stdout;
          }
        }
        return { opts, stream };
      };
    }
    function stringify(obj, stringifySafeFn) {
      try {
        return JSON.stringify(obj);
      } catch (_) {
        try {
          const stringify2 = stringifySafeFn || this[stringifySafeSym];
          return stringify2(obj);
        } catch (_2) {
          return '"[unable to serialize, circular reference is too complex to analyze]"';
        }
      }
    }
    function buildFormatters(level, bindings, log) {
      return {
        level,
        bindings,
        log
      };
    }
    function normalizeDestFileDescriptor(destination) {
      const fd = Number(destination);
      if (typeof destination === "string" && Number.isFinite(fd)) {
        return fd;
      }
      if (destination === void 0) {
        return 1;
      }
      return destination;
    }
    module2.exports = {
      noop,
      buildSafeSonicBoom,
      asChindings,
      asJson,
      genLog,
      createArgsNormalizer,
      stringify,
      buildFormatters,
      normalizeDestFileDescriptor
    };
  }
});

// node_modules/pino/lib/constants.js
var require_constants = __commonJS({
  "node_modules/pino/lib/constants.js"(exports2, module2) {
    var DEFAULT_LEVELS = {
      trace: 10,
      debug: 20,
      info: 30,
      warn: 40,
      error: 50,
      fatal: 60
    };
    var SORTING_ORDER = {
      ASC: "ASC",
      DESC: "DESC"
    };
    module2.exports = {
      DEFAULT_LEVELS,
      SORTING_ORDER
    };
  }
});

// node_modules/pino/lib/levels.js
var require_levels = __commonJS({
  "node_modules/pino/lib/levels.js"(exports2, module2) {
    "use strict";
    var {
      lsCacheSym,
      levelValSym,
      useOnlyCustomLevelsSym,
      streamSym,
      formattersSym,
      hooksSym,
      levelCompSym
    } = require_symbols();
    var { noop, genLog } = require_tools();
    var { DEFAULT_LEVELS, SORTING_ORDER } = require_constants();
    var levelMethods = {
      fatal: (hook) => {
        const logFatal = genLog(DEFAULT_LEVELS.fatal, hook);
        return function(...args) {
          const stream = this[streamSym];
          logFatal.call(this, ...args);
          if (typeof stream.flushSync === "function") {
            try {
              stream.flushSync();
            } catch (e) {
            }
          }
        };
      },
      error: (hook) => genLog(DEFAULT_LEVELS.error, hook),
      warn: (hook) => genLog(DEFAULT_LEVELS.warn, hook),
      info: (hook) => genLog(DEFAULT_LEVELS.info, hook),
      debug: (hook) => genLog(DEFAULT_LEVELS.debug, hook),
      trace: (hook) => genLog(DEFAULT_LEVELS.trace, hook)
    };
    var nums = Object.keys(DEFAULT_LEVELS).reduce((o, k) => {
      o[DEFAULT_LEVELS[k]] = k;
      return o;
    }, {});
    var initialLsCache = Object.keys(nums).reduce((o, k) => {
      o[k] = '{"level":' + Number(k);
      return o;
    }, {});
    function genLsCache(instance) {
      const formatter = instance[formattersSym].level;
      const { labels } = instance.levels;
      const cache = {};
      for (const label in labels) {
        const level = formatter(labels[label], Number(label));
        cache[label] = JSON.stringify(level).slice(0, -1);
      }
      instance[lsCacheSym] = cache;
      return instance;
    }
    function isStandardLevel(level, useOnlyCustomLevels) {
      if (useOnlyCustomLevels) {
        return false;
      }
      switch (level) {
        case "fatal":
        case "error":
        case "warn":
        case "info":
        case "debug":
        case "trace":
          return true;
        default:
          return false;
      }
    }
    function setLevel(level) {
      const { labels, values } = this.levels;
      if (typeof level === "number") {
        if (labels[level] === void 0) throw Error("unknown level value" + level);
        level = labels[level];
      }
      if (values[level] === void 0) throw Error("unknown level " + level);
      const preLevelVal = this[levelValSym];
      const levelVal = this[levelValSym] = values[level];
      const useOnlyCustomLevelsVal = this[useOnlyCustomLevelsSym];
      const levelComparison = this[levelCompSym];
      const hook = this[hooksSym].logMethod;
      for (const key in values) {
        if (levelComparison(values[key], levelVal) === false) {
          this[key] = noop;
          continue;
        }
        this[key] = isStandardLevel(key, useOnlyCustomLevelsVal) ? levelMethods[key](hook) : genLog(values[key], hook);
      }
      this.emit(
        "level-change",
        level,
        levelVal,
        labels[preLevelVal],
        preLevelVal,
        this
      );
    }
    function getLevel(level) {
      const { levels, levelVal } = this;
      return levels && levels.labels ? levels.labels[levelVal] : "";
    }
    function isLevelEnabled(logLevel) {
      const { values } = this.levels;
      const logLevelVal = values[logLevel];
      return logLevelVal !== void 0 && this[levelCompSym](logLevelVal, this[levelValSym]);
    }
    function compareLevel(direction, current, expected) {
      if (direction === SORTING_ORDER.DESC) {
        return current <= expected;
      }
      return current >= expected;
    }
    function genLevelComparison(levelComparison) {
      if (typeof levelComparison === "string") {
        return compareLevel.bind(null, levelComparison);
      }
      return levelComparison;
    }
    function mappings(customLevels = null, useOnlyCustomLevels = false) {
      const customNums = customLevels ? Object.keys(customLevels).reduce((o, k) => {
        o[customLevels[k]] = k;
        return o;
      }, {}) : null;
      const labels = Object.assign(
        Object.create(Object.prototype, { Infinity: { value: "silent" } }),
        useOnlyCustomLevels ? null : nums,
        customNums
      );
      const values = Object.assign(
        Object.create(Object.prototype, { silent: { value: Infinity } }),
        useOnlyCustomLevels ? null : DEFAULT_LEVELS,
        customLevels
      );
      return { labels, values };
    }
    function assertDefaultLevelFound(defaultLevel, customLevels, useOnlyCustomLevels) {
      if (typeof defaultLevel === "number") {
        const values = [].concat(
          Object.keys(customLevels || {}).map((key) => customLevels[key]),
          useOnlyCustomLevels ? [] : Object.keys(nums).map((level) => +level),
          Infinity
        );
        if (!values.includes(defaultLevel)) {
          throw Error(`default level:${defaultLevel} must be included in custom levels`);
        }
        return;
      }
      const labels = Object.assign(
        Object.create(Object.prototype, { silent: { value: Infinity } }),
        useOnlyCustomLevels ? null : DEFAULT_LEVELS,
        customLevels
      );
      if (!(defaultLevel in labels)) {
        throw Error(`default level:${defaultLevel} must be included in custom levels`);
      }
    }
    function assertNoLevelCollisions(levels, customLevels) {
      const { labels, values } = levels;
      for (const k in customLevels) {
        if (k in values) {
          throw Error("levels cannot be overridden");
        }
        if (customLevels[k] in labels) {
          throw Error("pre-existing level values cannot be used for new levels");
        }
      }
    }
    function assertLevelComparison(levelComparison) {
      if (typeof levelComparison === "function") {
        return;
      }
      if (typeof levelComparison === "string" && Object.values(SORTING_ORDER).includes(levelComparison)) {
        return;
      }
      throw new Error('Levels comparison should be one of "ASC", "DESC" or "function" type');
    }
    module2.exports = {
      initialLsCache,
      genLsCache,
      levelMethods,
      getLevel,
      setLevel,
      isLevelEnabled,
      mappings,
      assertNoLevelCollisions,
      assertDefaultLevelFound,
      genLevelComparison,
      assertLevelComparison
    };
  }
});

// node_modules/pino/lib/meta.js
var require_meta = __commonJS({
  "node_modules/pino/lib/meta.js"(exports2, module2) {
    "use strict";
    module2.exports = { version: "10.4.0" };
  }
});

// node_modules/pino/lib/proto.js
var require_proto = __commonJS({
  "node_modules/pino/lib/proto.js"(exports2, module2) {
    "use strict";
    var { EventEmitter } = require("node:events");
    var {
      lsCacheSym,
      levelValSym,
      setLevelSym,
      getLevelSym,
      chindingsSym,
      mixinSym,
      asJsonSym,
      writeSym,
      mixinMergeStrategySym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      serializersSym,
      formattersSym,
      errorKeySym,
      messageKeySym,
      useOnlyCustomLevelsSym,
      needsMetadataGsym,
      redactFmtSym,
      stringifySym,
      formatOptsSym,
      stringifiersSym,
      msgPrefixSym,
      hooksSym
    } = require_symbols();
    var {
      getLevel,
      setLevel,
      isLevelEnabled,
      mappings,
      initialLsCache,
      genLsCache,
      assertNoLevelCollisions
    } = require_levels();
    var {
      asChindings,
      asJson,
      buildFormatters,
      stringify,
      noop
    } = require_tools();
    var {
      version: version2
    } = require_meta();
    var redaction = require_redaction();
    var constructor = class Pino {
    };
    var prototype = {
      constructor,
      child,
      bindings,
      setBindings,
      flush,
      isLevelEnabled,
      version: version2,
      get level() {
        return this[getLevelSym]();
      },
      set level(lvl) {
        this[setLevelSym](lvl);
      },
      get levelVal() {
        return this[levelValSym];
      },
      set levelVal(n) {
        throw Error("levelVal is read-only");
      },
      get msgPrefix() {
        return this[msgPrefixSym];
      },
      get [Symbol.toStringTag]() {
        return "Pino";
      },
      [lsCacheSym]: initialLsCache,
      [writeSym]: write,
      [asJsonSym]: asJson,
      [getLevelSym]: getLevel,
      [setLevelSym]: setLevel
    };
    Object.setPrototypeOf(prototype, EventEmitter.prototype);
    module2.exports = function() {
      return Object.create(prototype);
    };
    var resetChildingsFormatter = (bindings2) => bindings2;
    function child(bindings2, options) {
      if (!bindings2) {
        throw Error("missing bindings for child Pino");
      }
      const serializers = this[serializersSym];
      const formatters = this[formattersSym];
      const instance = Object.create(this);
      if (options == null) {
        if (instance[formattersSym].bindings !== resetChildingsFormatter) {
          instance[formattersSym] = buildFormatters(
            formatters.level,
            resetChildingsFormatter,
            formatters.log
          );
        }
        instance[chindingsSym] = asChindings(instance, bindings2);
        if (this.onChild !== noop) {
          this.onChild(instance);
        }
        return instance;
      }
      if (options.hasOwnProperty("serializers") === true) {
        instance[serializersSym] = /* @__PURE__ */ Object.create(null);
        for (const k in serializers) {
          instance[serializersSym][k] = serializers[k];
        }
        const parentSymbols = Object.getOwnPropertySymbols(serializers);
        for (var i = 0; i < parentSymbols.length; i++) {
          const ks = parentSymbols[i];
          instance[serializersSym][ks] = serializers[ks];
        }
        for (const bk in options.serializers) {
          instance[serializersSym][bk] = options.serializers[bk];
        }
        const bindingsSymbols = Object.getOwnPropertySymbols(options.serializers);
        for (var bi = 0; bi < bindingsSymbols.length; bi++) {
          const bks = bindingsSymbols[bi];
          instance[serializersSym][bks] = options.serializers[bks];
        }
      } else instance[serializersSym] = serializers;
      if (options.hasOwnProperty("formatters")) {
        const { level, bindings: chindings, log } = options.formatters;
        instance[formattersSym] = buildFormatters(
          level || formatters.level,
          chindings || resetChildingsFormatter,
          log || formatters.log
        );
      } else {
        instance[formattersSym] = buildFormatters(
          formatters.level,
          resetChildingsFormatter,
          formatters.log
        );
      }
      if (options.hasOwnProperty("customLevels") === true) {
        assertNoLevelCollisions(this.levels, options.customLevels);
        instance.levels = mappings(options.customLevels, instance[useOnlyCustomLevelsSym]);
        genLsCache(instance);
      }
      if (typeof options.redact === "object" && options.redact !== null || Array.isArray(options.redact)) {
        instance.redact = options.redact;
        const stringifiers = redaction(instance.redact, stringify);
        const formatOpts = { stringify: stringifiers[redactFmtSym] };
        instance[stringifySym] = stringify;
        instance[stringifiersSym] = stringifiers;
        instance[formatOptsSym] = formatOpts;
      }
      if (typeof options.msgPrefix === "string") {
        instance[msgPrefixSym] = (this[msgPrefixSym] || "") + options.msgPrefix;
      }
      instance[chindingsSym] = asChindings(instance, bindings2);
      if (options.level !== void 0 && options.level !== this.level || options.hasOwnProperty("customLevels")) {
        const childLevel = options.level || this.level;
        instance[setLevelSym](childLevel);
      }
      this.onChild(instance);
      return instance;
    }
    function bindings() {
      const chindings = this[chindingsSym];
      const chindingsJson = `{${chindings.substr(1)}}`;
      const bindingsFromJson = JSON.parse(chindingsJson);
      delete bindingsFromJson.pid;
      delete bindingsFromJson.hostname;
      return bindingsFromJson;
    }
    function setBindings(newBindings) {
      const chindings = asChindings(this, newBindings);
      this[chindingsSym] = chindings;
    }
    function defaultMixinMergeStrategy(mergeObject, mixinObject) {
      return Object.assign(mixinObject, mergeObject);
    }
    function write(_obj, msg, num) {
      const t = this[timeSym]();
      const mixin = this[mixinSym];
      const errorKey = this[errorKeySym];
      const messageKey = this[messageKeySym];
      const mixinMergeStrategy = this[mixinMergeStrategySym] || defaultMixinMergeStrategy;
      let obj;
      const streamWriteHook = this[hooksSym].streamWrite;
      if (_obj === void 0 || _obj === null) {
        obj = {};
      } else if (_obj instanceof Error) {
        obj = { [errorKey]: _obj };
        if (msg === void 0) {
          msg = _obj.message;
        }
      } else {
        obj = _obj;
        if (msg === void 0 && _obj[messageKey] === void 0 && _obj[errorKey]) {
          msg = _obj[errorKey].message;
        }
      }
      if (mixin) {
        obj = mixinMergeStrategy(obj, mixin(obj, num, this));
      }
      const s = this[asJsonSym](obj, msg, num, t);
      const stream = this[streamSym];
      if (stream[needsMetadataGsym] === true) {
        stream.lastLevel = num;
        stream.lastObj = obj;
        stream.lastMsg = msg;
        stream.lastTime = t.slice(this[timeSliceIndexSym]);
        stream.lastLogger = this;
      }
      stream.write(streamWriteHook ? streamWriteHook(s) : s);
    }
    function flush(cb) {
      if (cb != null && typeof cb !== "function") {
        throw Error("callback must be a function");
      }
      const stream = this[streamSym];
      if (typeof stream.flush === "function") {
        stream.flush(cb || noop);
      } else if (cb) cb();
    }
  }
});

// node_modules/safe-stable-stringify/index.js
var require_safe_stable_stringify = __commonJS({
  "node_modules/safe-stable-stringify/index.js"(exports2, module2) {
    "use strict";
    var { hasOwnProperty } = Object.prototype;
    var stringify = configure();
    stringify.configure = configure;
    stringify.stringify = stringify;
    stringify.default = stringify;
    exports2.stringify = stringify;
    exports2.configure = configure;
    module2.exports = stringify;
    var strEscapeSequencesRegExp = /[\u0000-\u001f\u0022\u005c\ud800-\udfff]/;
    function strEscape(str) {
      if (str.length < 5e3 && !strEscapeSequencesRegExp.test(str)) {
        return `"${str}"`;
      }
      return JSON.stringify(str);
    }
    function sort(array2, comparator) {
      if (array2.length > 200 || comparator) {
        return array2.sort(comparator);
      }
      for (let i = 1; i < array2.length; i++) {
        const currentValue = array2[i];
        let position = i;
        while (position !== 0 && array2[position - 1] > currentValue) {
          array2[position] = array2[position - 1];
          position--;
        }
        array2[position] = currentValue;
      }
      return array2;
    }
    var typedArrayPrototypeGetSymbolToStringTag = Object.getOwnPropertyDescriptor(
      Object.getPrototypeOf(
        Object.getPrototypeOf(
          new Int8Array()
        )
      ),
      Symbol.toStringTag
    ).get;
    function isTypedArrayWithEntries(value) {
      return typedArrayPrototypeGetSymbolToStringTag.call(value) !== void 0 && value.length !== 0;
    }
    function stringifyTypedArray(array2, separator, maximumBreadth) {
      if (array2.length < maximumBreadth) {
        maximumBreadth = array2.length;
      }
      const whitespace = separator === "," ? "" : " ";
      let res = `"0":${whitespace}${array2[0]}`;
      for (let i = 1; i < maximumBreadth; i++) {
        res += `${separator}"${i}":${whitespace}${array2[i]}`;
      }
      return res;
    }
    function getCircularValueOption(options) {
      if (hasOwnProperty.call(options, "circularValue")) {
        const circularValue = options.circularValue;
        if (typeof circularValue === "string") {
          return `"${circularValue}"`;
        }
        if (circularValue == null) {
          return circularValue;
        }
        if (circularValue === Error || circularValue === TypeError) {
          return {
            toString() {
              throw new TypeError("Converting circular structure to JSON");
            }
          };
        }
        throw new TypeError('The "circularValue" argument must be of type string or the value null or undefined');
      }
      return '"[Circular]"';
    }
    function getDeterministicOption(options) {
      let value;
      if (hasOwnProperty.call(options, "deterministic")) {
        value = options.deterministic;
        if (typeof value !== "boolean" && typeof value !== "function") {
          throw new TypeError('The "deterministic" argument must be of type boolean or comparator function');
        }
      }
      return value === void 0 ? true : value;
    }
    function getBooleanOption(options, key) {
      let value;
      if (hasOwnProperty.call(options, key)) {
        value = options[key];
        if (typeof value !== "boolean") {
          throw new TypeError(`The "${key}" argument must be of type boolean`);
        }
      }
      return value === void 0 ? true : value;
    }
    function getPositiveIntegerOption(options, key) {
      let value;
      if (hasOwnProperty.call(options, key)) {
        value = options[key];
        if (typeof value !== "number") {
          throw new TypeError(`The "${key}" argument must be of type number`);
        }
        if (!Number.isInteger(value)) {
          throw new TypeError(`The "${key}" argument must be an integer`);
        }
        if (value < 1) {
          throw new RangeError(`The "${key}" argument must be >= 1`);
        }
      }
      return value === void 0 ? Infinity : value;
    }
    function getItemCount(number3) {
      if (number3 === 1) {
        return "1 item";
      }
      return `${number3} items`;
    }
    function getUniqueReplacerSet(replacerArray) {
      const replacerSet = /* @__PURE__ */ new Set();
      for (const value of replacerArray) {
        if (typeof value === "string" || typeof value === "number") {
          replacerSet.add(String(value));
        }
      }
      return replacerSet;
    }
    function getStrictOption(options) {
      if (hasOwnProperty.call(options, "strict")) {
        const value = options.strict;
        if (typeof value !== "boolean") {
          throw new TypeError('The "strict" argument must be of type boolean');
        }
        if (value) {
          return (value2) => {
            let message = `Object can not safely be stringified. Received type ${typeof value2}`;
            if (typeof value2 !== "function") message += ` (${value2.toString()})`;
            throw new Error(message);
          };
        }
      }
    }
    function configure(options) {
      options = { ...options };
      const fail = getStrictOption(options);
      if (fail) {
        if (options.bigint === void 0) {
          options.bigint = false;
        }
        if (!("circularValue" in options)) {
          options.circularValue = Error;
        }
      }
      const circularValue = getCircularValueOption(options);
      const bigint2 = getBooleanOption(options, "bigint");
      const deterministic = getDeterministicOption(options);
      const comparator = typeof deterministic === "function" ? deterministic : void 0;
      const maximumDepth = getPositiveIntegerOption(options, "maximumDepth");
      const maximumBreadth = getPositiveIntegerOption(options, "maximumBreadth");
      function stringifyFnReplacer(key, parent, stack, replacer, spacer, indentation) {
        let value = parent[key];
        if (typeof value === "object" && value !== null && typeof value.toJSON === "function") {
          value = value.toJSON(key);
        }
        value = replacer.call(parent, key, value);
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            let res = "";
            let join = ",";
            const originalIndentation = indentation;
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              if (spacer !== "") {
                indentation += spacer;
                res += `
${indentation}`;
                join = `,
${indentation}`;
              }
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyFnReplacer(String(i), value, stack, replacer, spacer, indentation);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += join;
              }
              const tmp = stringifyFnReplacer(String(i), value, stack, replacer, spacer, indentation);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `${join}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              if (spacer !== "") {
                res += `
${originalIndentation}`;
              }
              stack.pop();
              return `[${res}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            let whitespace = "";
            let separator = "";
            if (spacer !== "") {
              indentation += spacer;
              join = `,
${indentation}`;
              whitespace = " ";
            }
            const maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (deterministic && !isTypedArrayWithEntries(value)) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifyFnReplacer(key2, value, stack, replacer, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${whitespace}${tmp}`;
                separator = join;
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...":${whitespace}"${getItemCount(removedKeys)} not stringified"`;
              separator = join;
            }
            if (spacer !== "" && separator.length > 1) {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint2) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifyArrayReplacer(key, value, stack, replacer, spacer, indentation) {
        if (typeof value === "object" && value !== null && typeof value.toJSON === "function") {
          value = value.toJSON(key);
        }
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            const originalIndentation = indentation;
            let res = "";
            let join = ",";
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              if (spacer !== "") {
                indentation += spacer;
                res += `
${indentation}`;
                join = `,
${indentation}`;
              }
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyArrayReplacer(String(i), value[i], stack, replacer, spacer, indentation);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += join;
              }
              const tmp = stringifyArrayReplacer(String(i), value[i], stack, replacer, spacer, indentation);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `${join}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              if (spacer !== "") {
                res += `
${originalIndentation}`;
              }
              stack.pop();
              return `[${res}]`;
            }
            stack.push(value);
            let whitespace = "";
            if (spacer !== "") {
              indentation += spacer;
              join = `,
${indentation}`;
              whitespace = " ";
            }
            let separator = "";
            for (const key2 of replacer) {
              const tmp = stringifyArrayReplacer(key2, value[key2], stack, replacer, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${whitespace}${tmp}`;
                separator = join;
              }
            }
            if (spacer !== "" && separator.length > 1) {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint2) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifyIndent(key, value, stack, spacer, indentation) {
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (typeof value.toJSON === "function") {
              value = value.toJSON(key);
              if (typeof value !== "object") {
                return stringifyIndent(key, value, stack, spacer, indentation);
              }
              if (value === null) {
                return "null";
              }
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            const originalIndentation = indentation;
            if (Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              indentation += spacer;
              let res2 = `
${indentation}`;
              const join2 = `,
${indentation}`;
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifyIndent(String(i), value[i], stack, spacer, indentation);
                res2 += tmp2 !== void 0 ? tmp2 : "null";
                res2 += join2;
              }
              const tmp = stringifyIndent(String(i), value[i], stack, spacer, indentation);
              res2 += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res2 += `${join2}"... ${getItemCount(removedKeys)} not stringified"`;
              }
              res2 += `
${originalIndentation}`;
              stack.pop();
              return `[${res2}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            indentation += spacer;
            const join = `,
${indentation}`;
            let res = "";
            let separator = "";
            let maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (isTypedArrayWithEntries(value)) {
              res += stringifyTypedArray(value, join, maximumBreadth);
              keys = keys.slice(value.length);
              maximumPropertiesToStringify -= value.length;
              separator = join;
            }
            if (deterministic) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifyIndent(key2, value[key2], stack, spacer, indentation);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}: ${tmp}`;
                separator = join;
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...": "${getItemCount(removedKeys)} not stringified"`;
              separator = join;
            }
            if (separator !== "") {
              res = `
${indentation}${res}
${originalIndentation}`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint2) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringifySimple(key, value, stack) {
        switch (typeof value) {
          case "string":
            return strEscape(value);
          case "object": {
            if (value === null) {
              return "null";
            }
            if (typeof value.toJSON === "function") {
              value = value.toJSON(key);
              if (typeof value !== "object") {
                return stringifySimple(key, value, stack);
              }
              if (value === null) {
                return "null";
              }
            }
            if (stack.indexOf(value) !== -1) {
              return circularValue;
            }
            let res = "";
            const hasLength = value.length !== void 0;
            if (hasLength && Array.isArray(value)) {
              if (value.length === 0) {
                return "[]";
              }
              if (maximumDepth < stack.length + 1) {
                return '"[Array]"';
              }
              stack.push(value);
              const maximumValuesToStringify = Math.min(value.length, maximumBreadth);
              let i = 0;
              for (; i < maximumValuesToStringify - 1; i++) {
                const tmp2 = stringifySimple(String(i), value[i], stack);
                res += tmp2 !== void 0 ? tmp2 : "null";
                res += ",";
              }
              const tmp = stringifySimple(String(i), value[i], stack);
              res += tmp !== void 0 ? tmp : "null";
              if (value.length - 1 > maximumBreadth) {
                const removedKeys = value.length - maximumBreadth - 1;
                res += `,"... ${getItemCount(removedKeys)} not stringified"`;
              }
              stack.pop();
              return `[${res}]`;
            }
            let keys = Object.keys(value);
            const keyLength = keys.length;
            if (keyLength === 0) {
              return "{}";
            }
            if (maximumDepth < stack.length + 1) {
              return '"[Object]"';
            }
            let separator = "";
            let maximumPropertiesToStringify = Math.min(keyLength, maximumBreadth);
            if (hasLength && isTypedArrayWithEntries(value)) {
              res += stringifyTypedArray(value, ",", maximumBreadth);
              keys = keys.slice(value.length);
              maximumPropertiesToStringify -= value.length;
              separator = ",";
            }
            if (deterministic) {
              keys = sort(keys, comparator);
            }
            stack.push(value);
            for (let i = 0; i < maximumPropertiesToStringify; i++) {
              const key2 = keys[i];
              const tmp = stringifySimple(key2, value[key2], stack);
              if (tmp !== void 0) {
                res += `${separator}${strEscape(key2)}:${tmp}`;
                separator = ",";
              }
            }
            if (keyLength > maximumBreadth) {
              const removedKeys = keyLength - maximumBreadth;
              res += `${separator}"...":"${getItemCount(removedKeys)} not stringified"`;
            }
            stack.pop();
            return `{${res}}`;
          }
          case "number":
            return isFinite(value) ? String(value) : fail ? fail(value) : "null";
          case "boolean":
            return value === true ? "true" : "false";
          case "undefined":
            return void 0;
          case "bigint":
            if (bigint2) {
              return String(value);
            }
          // fallthrough
          default:
            return fail ? fail(value) : void 0;
        }
      }
      function stringify2(value, replacer, space) {
        if (arguments.length > 1) {
          let spacer = "";
          if (typeof space === "number") {
            spacer = " ".repeat(Math.min(space, 10));
          } else if (typeof space === "string") {
            spacer = space.slice(0, 10);
          }
          if (replacer != null) {
            if (typeof replacer === "function") {
              return stringifyFnReplacer("", { "": value }, [], replacer, spacer, "");
            }
            if (Array.isArray(replacer)) {
              return stringifyArrayReplacer("", value, [], getUniqueReplacerSet(replacer), spacer, "");
            }
          }
          if (spacer.length !== 0) {
            return stringifyIndent("", value, [], spacer, "");
          }
        }
        return stringifySimple("", value, []);
      }
      return stringify2;
    }
  }
});

// node_modules/pino/lib/multistream.js
var require_multistream = __commonJS({
  "node_modules/pino/lib/multistream.js"(exports2, module2) {
    "use strict";
    var metadata = /* @__PURE__ */ Symbol.for("pino.metadata");
    var { DEFAULT_LEVELS } = require_constants();
    var DEFAULT_INFO_LEVEL = DEFAULT_LEVELS.info;
    function multistream(streamsArray, opts) {
      streamsArray = streamsArray || [];
      opts = opts || { dedupe: false };
      const streamLevels = Object.create(DEFAULT_LEVELS);
      streamLevels.silent = Infinity;
      if (opts.levels && typeof opts.levels === "object") {
        Object.keys(opts.levels).forEach((i) => {
          streamLevels[i] = opts.levels[i];
        });
      }
      const res = {
        write,
        add,
        remove,
        emit,
        flushSync,
        end,
        minLevel: 0,
        lastId: 0,
        streams: [],
        clone: clone2,
        [metadata]: true,
        streamLevels
      };
      if (Array.isArray(streamsArray)) {
        streamsArray.forEach(add, res);
      } else {
        add.call(res, streamsArray);
      }
      streamsArray = null;
      return res;
      function write(data) {
        let dest;
        const level = typeof this.lastLevel === "string" ? (this.streamLevels || streamLevels)[this.lastLevel] : this.lastLevel;
        const { streams } = this;
        let recordedLevel = 0;
        let stream;
        for (let i = initLoopVar(streams.length, opts.dedupe); checkLoopVar(i, streams.length, opts.dedupe); i = adjustLoopVar(i, opts.dedupe)) {
          dest = streams[i];
          if (dest.level <= level) {
            if (recordedLevel !== 0 && recordedLevel !== dest.level) {
              break;
            }
            stream = dest.stream;
            if (stream[metadata]) {
              const { lastTime, lastMsg, lastObj, lastLogger } = this;
              stream.lastLevel = level;
              stream.lastTime = lastTime;
              stream.lastMsg = lastMsg;
              stream.lastObj = lastObj;
              stream.lastLogger = lastLogger;
            }
            stream.write(data);
            if (opts.dedupe) {
              recordedLevel = dest.level;
            }
          } else if (!opts.dedupe) {
            break;
          }
        }
      }
      function emit(...args) {
        for (const { stream } of this.streams) {
          if (typeof stream.emit === "function") {
            stream.emit(...args);
          }
        }
      }
      function flushSync() {
        for (const { stream } of this.streams) {
          if (typeof stream.flushSync === "function") {
            stream.flushSync();
          }
        }
      }
      function add(dest) {
        if (!dest) {
          return this;
        }
        const isStream = typeof dest.write === "function" || dest.stream;
        const stream_ = dest.write ? dest : dest.stream;
        if (!isStream) {
          throw Error("stream object needs to implement either StreamEntry or DestinationStream interface");
        }
        const { streams, streamLevels: streamLevels2 } = this;
        let level;
        if (typeof dest.levelVal === "number") {
          level = dest.levelVal;
        } else if (typeof dest.level === "string") {
          level = streamLevels2[dest.level];
        } else if (typeof dest.level === "number") {
          level = dest.level;
        } else {
          level = DEFAULT_INFO_LEVEL;
        }
        const dest_ = {
          stream: stream_,
          level,
          levelVal: void 0,
          id: ++res.lastId
        };
        streams.unshift(dest_);
        streams.sort(compareByLevel);
        this.minLevel = streams[0].level;
        return this;
      }
      function remove(id) {
        const { streams } = this;
        const index = streams.findIndex((s) => s.id === id);
        if (index >= 0) {
          streams.splice(index, 1);
          streams.sort(compareByLevel);
          this.minLevel = streams.length > 0 ? streams[0].level : -1;
        }
        return this;
      }
      function end() {
        for (const { stream } of this.streams) {
          if (typeof stream.flushSync === "function") {
            stream.flushSync();
          }
          stream.end();
        }
      }
      function clone2(level) {
        const streams = new Array(this.streams.length);
        for (let i = 0; i < streams.length; i++) {
          streams[i] = {
            level,
            stream: this.streams[i].stream
          };
        }
        return {
          write,
          add,
          remove,
          emit,
          flushSync,
          end,
          minLevel: level,
          streams,
          clone: clone2,
          [metadata]: true,
          streamLevels
        };
      }
    }
    function compareByLevel(a, b) {
      return a.level - b.level;
    }
    function initLoopVar(length, dedupe) {
      return dedupe ? length - 1 : 0;
    }
    function adjustLoopVar(i, dedupe) {
      return dedupe ? i - 1 : i + 1;
    }
    function checkLoopVar(i, length, dedupe) {
      return dedupe ? i >= 0 : i < length;
    }
    module2.exports = multistream;
  }
});

// node_modules/pino/pino.js
var require_pino = __commonJS({
  "node_modules/pino/pino.js"(exports2, module2) {
    "use strict";
    var os = require("node:os");
    var stdSerializers = require_pino_std_serializers();
    var caller = require_caller();
    var redaction = require_redaction();
    var time2 = require_time();
    var proto = require_proto();
    var symbols = require_symbols();
    var { configure } = require_safe_stable_stringify();
    var { assertDefaultLevelFound, mappings, genLsCache, genLevelComparison, assertLevelComparison } = require_levels();
    var { DEFAULT_LEVELS, SORTING_ORDER } = require_constants();
    var {
      createArgsNormalizer,
      asChindings,
      buildSafeSonicBoom,
      buildFormatters,
      stringify,
      normalizeDestFileDescriptor,
      noop
    } = require_tools();
    var { version: version2 } = require_meta();
    var {
      chindingsSym,
      redactFmtSym,
      serializersSym,
      timeSym,
      timeSliceIndexSym,
      streamSym,
      stringifySym,
      stringifySafeSym,
      stringifiersSym,
      setLevelSym,
      endSym,
      formatOptsSym,
      messageKeySym,
      errorKeySym,
      nestedKeySym,
      mixinSym,
      levelCompSym,
      useOnlyCustomLevelsSym,
      formattersSym,
      hooksSym,
      nestedKeyStrSym,
      mixinMergeStrategySym,
      msgPrefixSym,
      transportUsesMultistreamSym
    } = symbols;
    var { epochTime, nullTime } = time2;
    var { pid } = process;
    var hostname = os.hostname();
    var defaultErrorSerializer = stdSerializers.err;
    var defaultOptions = {
      level: "info",
      levelComparison: SORTING_ORDER.ASC,
      levels: DEFAULT_LEVELS,
      messageKey: "msg",
      errorKey: "err",
      nestedKey: null,
      enabled: true,
      base: { pid, hostname },
      serializers: Object.assign(/* @__PURE__ */ Object.create(null), {
        err: defaultErrorSerializer
      }),
      formatters: Object.assign(/* @__PURE__ */ Object.create(null), {
        bindings(bindings) {
          return bindings;
        },
        level(label, number3) {
          return { level: number3 };
        }
      }),
      hooks: {
        logMethod: void 0,
        streamWrite: void 0
      },
      timestamp: epochTime,
      name: void 0,
      redact: null,
      customLevels: null,
      useOnlyCustomLevels: false,
      depthLimit: 5,
      edgeLimit: 100
    };
    var normalize = createArgsNormalizer(defaultOptions);
    var serializers = Object.assign(/* @__PURE__ */ Object.create(null), stdSerializers);
    function pino2(...args) {
      const instance = {};
      const { opts, stream } = normalize(instance, caller(), ...args);
      if (opts.level && typeof opts.level === "string" && DEFAULT_LEVELS[opts.level.toLowerCase()] !== void 0) opts.level = opts.level.toLowerCase();
      const {
        redact,
        crlf,
        serializers: serializers2,
        timestamp,
        messageKey,
        errorKey,
        nestedKey,
        base,
        name,
        level,
        customLevels,
        levelComparison,
        mixin,
        mixinMergeStrategy,
        useOnlyCustomLevels,
        formatters,
        hooks,
        depthLimit,
        edgeLimit,
        onChild,
        msgPrefix
      } = opts;
      const stringifySafe = configure({
        maximumDepth: depthLimit,
        maximumBreadth: edgeLimit
      });
      const allFormatters = buildFormatters(
        formatters.level,
        formatters.bindings,
        formatters.log
      );
      const stringifyFn = stringify.bind({
        [stringifySafeSym]: stringifySafe
      });
      const stringifiers = redact ? Object.assign(/* @__PURE__ */ Object.create(null), redaction(redact, stringifyFn)) : /* @__PURE__ */ Object.create(null);
      const formatOpts = redact ? { stringify: stringifiers[redactFmtSym] } : { stringify: stringifyFn };
      const end = "}" + (crlf ? "\r\n" : "\n");
      const coreChindings = asChindings.bind(null, {
        [chindingsSym]: "",
        [serializersSym]: serializers2,
        [stringifiersSym]: stringifiers,
        [stringifySym]: stringify,
        [stringifySafeSym]: stringifySafe,
        [formattersSym]: allFormatters
      });
      let chindings = "";
      if (base !== null) {
        if (name === void 0) {
          chindings = coreChindings(base);
        } else {
          chindings = coreChindings(Object.assign({}, base, { name }));
        }
      }
      const time3 = timestamp instanceof Function ? timestamp : timestamp ? epochTime : nullTime;
      const timeSliceIndex = time3().indexOf(":") + 1;
      if (useOnlyCustomLevels && !customLevels) throw Error("customLevels is required if useOnlyCustomLevels is set true");
      if (mixin && typeof mixin !== "function") throw Error(`Unknown mixin type "${typeof mixin}" - expected "function"`);
      if (msgPrefix && typeof msgPrefix !== "string") throw Error(`Unknown msgPrefix type "${typeof msgPrefix}" - expected "string"`);
      assertDefaultLevelFound(level, customLevels, useOnlyCustomLevels);
      const levels = mappings(customLevels, useOnlyCustomLevels);
      if (stream && stream[transportUsesMultistreamSym] === true) {
        let sampleLabel = typeof level === "string" ? level : void 0;
        if (!sampleLabel || levels[sampleLabel] === void 0) {
          sampleLabel = Object.keys(levels)[0];
        }
        const sampleNumber = levels[sampleLabel];
        let ok = false;
        try {
          const formatted = formatters.level(sampleLabel, sampleNumber);
          ok = formatted && typeof formatted === "object" && formatted.level === sampleNumber;
        } catch {
          ok = false;
        }
        if (!ok) {
          process.emitWarning(
            'custom formatters.level detected with multiple transport targets/pipelines; ensure logs include a numeric "level" field or they may be dropped',
            { code: "PINO_TRANSPORT_MULTI_TARGETS_LEVEL_FORMATTER" }
          );
        }
      }
      if (typeof stream.emit === "function") {
        stream.emit("message", { code: "PINO_CONFIG", config: { levels, messageKey, errorKey } });
      }
      assertLevelComparison(levelComparison);
      const levelCompFunc = genLevelComparison(levelComparison);
      Object.assign(instance, {
        levels,
        [levelCompSym]: levelCompFunc,
        [useOnlyCustomLevelsSym]: useOnlyCustomLevels,
        [streamSym]: stream,
        [timeSym]: time3,
        [timeSliceIndexSym]: timeSliceIndex,
        [stringifySym]: stringify,
        [stringifySafeSym]: stringifySafe,
        [stringifiersSym]: stringifiers,
        [endSym]: end,
        [formatOptsSym]: formatOpts,
        [messageKeySym]: messageKey,
        [errorKeySym]: errorKey,
        [nestedKeySym]: nestedKey,
        // protect against injection
        [nestedKeyStrSym]: nestedKey ? `,${JSON.stringify(nestedKey)}:{` : "",
        [serializersSym]: serializers2,
        [mixinSym]: mixin,
        [mixinMergeStrategySym]: mixinMergeStrategy,
        [chindingsSym]: chindings,
        [formattersSym]: allFormatters,
        [hooksSym]: hooks,
        silent: noop,
        onChild,
        [msgPrefixSym]: msgPrefix
      });
      Object.setPrototypeOf(instance, proto());
      genLsCache(instance);
      instance[setLevelSym](level);
      return instance;
    }
    module2.exports = pino2;
    module2.exports.destination = (dest = process.stdout.fd) => {
      if (typeof dest === "object") {
        dest.dest = normalizeDestFileDescriptor(dest.dest || process.stdout.fd);
        return buildSafeSonicBoom(dest);
      } else {
        return buildSafeSonicBoom({ dest: normalizeDestFileDescriptor(dest), minLength: 0 });
      }
    };
    module2.exports.transport = require_transport();
    module2.exports.multistream = require_multistream();
    module2.exports.levels = mappings();
    module2.exports.stdSerializers = serializers;
    module2.exports.stdTimeFunctions = Object.assign({}, time2);
    module2.exports.symbols = symbols;
    module2.exports.version = version2;
    module2.exports.default = pino2;
    module2.exports.pino = pino2;
  }
});

// src/cli/exec.ts
var exec_exports = {};
__export(exec_exports, {
  HELP: () => HELP,
  SUMMARY: () => SUMMARY,
  main: () => main
});
module.exports = __toCommonJS(exec_exports);
var import_node_path21 = __toESM(require("node:path"), 1);
init_errors();

// node_modules/zod/v4/core/util.js
function getEnumValues(entries) {
  const numericValues = Object.values(entries).filter((v) => typeof v === "number");
  const values = Object.entries(entries).filter(([k, _]) => numericValues.indexOf(+k) === -1).map(([_, v]) => v);
  return values;
}
function jsonStringifyReplacer(_, value) {
  if (typeof value === "bigint")
    return value.toString();
  return value;
}
var Cached = class {
  constructor(getter) {
    this._getter = getter;
    this._value = void 0;
  }
  get value() {
    const getter = this._getter;
    if (getter !== void 0) {
      this._value = getter();
      this._getter = void 0;
    }
    return this._value;
  }
};
function cached(getter) {
  return new Cached(getter);
}
function nullish(input) {
  return input === null || input === void 0;
}
function cleanRegex(source) {
  const start = source.startsWith("^") ? 1 : 0;
  const end = source.endsWith("$") ? source.length - 1 : source.length;
  return source.slice(start, end);
}
function assignProp(target, prop, value) {
  Object.defineProperty(target, prop, {
    value,
    writable: true,
    enumerable: true,
    configurable: true
  });
}
var captureStackTrace = "captureStackTrace" in Error ? Error.captureStackTrace : (..._args) => {
};
function isObject(data) {
  return typeof data === "object" && data !== null && !Array.isArray(data);
}
function isPlainObject(o) {
  if (isObject(o) === false)
    return false;
  const ctor = o.constructor;
  if (ctor === void 0)
    return true;
  if (typeof ctor !== "function")
    return true;
  const prot = ctor.prototype;
  if (isObject(prot) === false)
    return false;
  if (Object.prototype.hasOwnProperty.call(prot, "isPrototypeOf") === false) {
    return false;
  }
  return true;
}
var propertyKeyTypes = /* @__PURE__ */ new Set(["string", "number", "symbol"]);
function escapeRegex(str) {
  return str.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
function clone(inst, def, params) {
  const cl = new inst._zod.constr(def ?? inst._zod.def);
  if (!def || params?.parent)
    cl._zod.parent = inst;
  return cl;
}
function normalizeParams(_params) {
  const params = _params;
  if (!params)
    return {};
  if (typeof params === "string")
    return { error: () => params };
  if (params?.message !== void 0) {
    if (params?.error !== void 0)
      throw new Error("Cannot specify both `message` and `error` params");
    params.error = params.message;
  }
  delete params.message;
  if (typeof params.error === "string")
    return { ...params, error: () => params.error };
  return params;
}
function optionalKeys(shape) {
  return Object.keys(shape).filter((k) => {
    return shape[k]._zod.optin !== void 0 && shape[k]._zod.optout === "optional";
  });
}
var NUMBER_FORMAT_RANGES = /* @__PURE__ */ (() => ({
  safeint: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
  int32: [-2147483648, 2147483647],
  uint32: [0, 4294967295],
  float32: [-34028234663852886e22, 34028234663852886e22],
  float64: [-Number.MAX_VALUE, Number.MAX_VALUE]
}))();
function aborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue !== true) {
      return true;
    }
  }
  return false;
}
function explicitlyAborted(x, startIndex = 0) {
  if (x.aborted === true)
    return true;
  for (let i = startIndex; i < x.issues.length; i++) {
    if (x.issues[i]?.continue === false) {
      return true;
    }
  }
  return false;
}
function prefixIssues(path22, issues) {
  return issues.map((iss) => {
    var _a2;
    (_a2 = iss).path ?? (_a2.path = []);
    iss.path.unshift(path22);
    return iss;
  });
}
function unwrapMessage(message) {
  return typeof message === "string" ? message : message?.message;
}
function sizeCaps(defChecks) {
  const caps = [];
  for (const ch of defChecks ?? []) {
    const d = ch._zod.def;
    if (!/_(length|size)$|_equals$/.test(d.check))
      break;
    const max = d.maximum ?? d.length ?? d.size;
    if (max >= 0)
      caps.push([max, ch]);
  }
  return caps;
}
function attachSchema(issues, start, inst) {
  var _a2;
  for (let i = start; i < issues.length; i++) {
    (_a2 = issues[i]).schema ?? (_a2.schema = inst);
  }
}
function finalizeIssue(iss, ctx, config2) {
  var _a2;
  const traits = iss.inst?._zod?.traits;
  if (traits?.has("$ZodType")) {
    if (traits.has("$ZodCheck"))
      (_a2 = iss).schema ?? (_a2.schema = iss.inst);
    else
      iss.schema = iss.inst;
  }
  const schemaError = iss.schema !== iss.inst ? iss.schema?._zod.def?.error : void 0;
  const message = iss.message ? iss.message : unwrapMessage(iss.inst?._zod.def?.error?.(iss)) ?? unwrapMessage(schemaError?.(iss)) ?? unwrapMessage(ctx?.error?.(iss)) ?? unwrapMessage(config2.customError?.(iss)) ?? unwrapMessage(config2.localeError?.(iss)) ?? "Invalid input";
  const full = {};
  for (const k of Object.keys(iss)) {
    if (k === "inst" || k === "schema" || k === "continue" || k === "input" || k === "__proto__")
      continue;
    full[k] = iss[k];
  }
  full.path ?? (full.path = []);
  full.message = message;
  if (ctx?.reportInput) {
    full.input = iss.input;
  }
  return full;
}
var highSurrogate = /[\uD800-\uDBFF]/;
function codePointLength(str) {
  const units = str.length;
  if (!highSurrogate.test(str))
    return units;
  let count = units;
  for (let i = 0; i < units - 1; i++) {
    if ((str.charCodeAt(i) & 64512) === 55296 && (str.charCodeAt(i + 1) & 64512) === 56320) {
      count--;
      i++;
    }
  }
  return count;
}
function getLengthableOrigin(input) {
  if (Array.isArray(input))
    return "array";
  if (typeof input === "string")
    return "string";
  return "unknown";
}
function members(proto, table) {
  for (const key in table) {
    const desc = Object.getOwnPropertyDescriptor(table, key);
    if (desc.get)
      Object.defineProperty(proto, key, { ...desc, enumerable: false });
    else
      defineBound(proto, key, desc.value);
  }
}
function own(inst, key, value, enumerable = true) {
  Object.defineProperty(inst, key, { configurable: true, writable: true, enumerable, value });
  return value;
}
function hide(inst, key, value) {
  return own(inst, key, value, false);
}
function defineBound(proto, key, fn) {
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      return this == null ? fn : own(this, key, fn.bind(this));
    },
    set(value) {
      own(this, key, value);
    }
  });
}
function claim(inst, sentinel) {
  const proto = Object.getPrototypeOf(inst);
  return sentinel in proto ? void 0 : proto;
}
var installing;
var broke = false;
var breaker = {
  configurable: true,
  get() {
    broke = true;
    return void 0;
  }
};
function defineLazyInternal(inst, key, compute) {
  const proto = Object.getPrototypeOf(inst._zod);
  if (key in proto && installing !== inst._zod) {
    installing = void 0;
    return;
  }
  installing = inst._zod;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      Object.defineProperty(this, key, breaker);
      const outer = broke;
      broke = false;
      try {
        const value = compute(this);
        if (broke)
          delete this[key];
        else
          Object.defineProperty(this, key, { configurable: true, writable: true, value });
        broke = broke || outer;
        return value;
      } catch (err) {
        delete this[key];
        broke = broke || outer;
        throw err;
      }
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, value });
    }
  });
}
function installLazyProp(inst, key, make, enumerable) {
  const proto = claim(inst, key);
  if (!proto)
    return;
  Object.defineProperty(proto, key, {
    configurable: true,
    get() {
      const desc = { configurable: true, writable: true, enumerable, value: void 0 };
      Object.defineProperty(this, key, desc);
      desc.value = make(this);
      Object.defineProperty(this, key, desc);
      return desc.value;
    },
    set(value) {
      Object.defineProperty(this, key, { configurable: true, writable: true, enumerable, value });
    }
  });
}

// node_modules/zod/v4/core/core.js
var _a;
var _zodDesc = { value: void 0, enumerable: false };
var _E = "captureStackTrace" in Error ? Error : null;
function newError(Definition) {
  const E = _E;
  if (E) {
    const saved = E.stackTraceLimit;
    if (typeof saved === "number") {
      try {
        E.stackTraceLimit = 0;
      } catch {
        _E = null;
        return new Definition();
      }
      try {
        return new Definition();
      } finally {
        E.stackTraceLimit = saved;
      }
    }
  }
  return new Definition();
}
// @__NO_SIDE_EFFECTS__
function $constructor(name, initializer2, proto, params) {
  const zodProto = {};
  function Internals(def) {
    this.def = def;
    this.constr = _;
    this.traits = /* @__PURE__ */ new Set();
  }
  Internals.prototype = zodProto;
  const protoMembers = proto;
  const initialized = protoMembers && /* @__PURE__ */ new WeakSet();
  function init(inst, def) {
    if (!inst._zod) {
      _zodDesc.value = new Internals(def);
      try {
        Object.defineProperty(inst, "_zod", _zodDesc);
      } finally {
        _zodDesc.value = void 0;
      }
    } else if (inst._zod.traits.has(name)) {
      return;
    }
    inst._zod.traits.add(name);
    initializer2(inst, def);
    if (initialized) {
      const own2 = Object.getPrototypeOf(inst);
      const ctorProto = inst._zod.constr.prototype;
      let up = own2;
      while (up && up !== ctorProto)
        up = Object.getPrototypeOf(up);
      const target = up ?? own2;
      if (!initialized.has(target)) {
        initialized.add(target);
        members(target, protoMembers);
      }
    }
    const proto2 = _.prototype;
    for (const k in proto2) {
      if (!Object.prototype.hasOwnProperty.call(proto2, k))
        continue;
      if (!(k in inst)) {
        inst[k] = proto2[k].bind(inst);
      }
    }
  }
  const Parent = params?.Parent ?? Object;
  class Definition extends Parent {
  }
  Object.defineProperty(Definition, "name", { value: name });
  function _(def) {
    const inst = params?.Parent ? newError(Definition) : this;
    init(inst, def);
    const deferred = inst._zod.deferred;
    if (deferred) {
      for (const fn of deferred) {
        fn();
      }
      inst._zod.deferred = void 0;
    }
    const pp = globalThis.__zod_globalConfig?.postProcessor;
    if (pp)
      pp(inst);
    return inst;
  }
  Object.defineProperty(_, "init", { value: init });
  Object.defineProperty(_, Symbol.hasInstance, {
    value: (inst) => {
      if (params?.Parent && inst instanceof params.Parent)
        return true;
      return inst?._zod?.traits?.has(name);
    }
  });
  Object.defineProperty(_, "name", { value: name });
  return _;
}
var $ZodAsyncError = class extends Error {
  constructor() {
    super(`Encountered Promise during synchronous parse. Use .parseAsync() instead.`);
  }
};
(_a = globalThis).__zod_globalConfig ?? (_a.__zod_globalConfig = {});
var globalConfig = globalThis.__zod_globalConfig;
function config(newConfig) {
  if (newConfig)
    Object.assign(globalConfig, newConfig);
  return globalConfig;
}

// node_modules/zod/v4/core/errors.js
function _getMessage() {
  const internals = this._zod;
  internals.message ?? (internals.message = JSON.stringify(internals.def, jsonStringifyReplacer, 2));
  return internals.message;
}
function _setMessage(value) {
  this._zod.message = value;
}
var _messageDesc = {
  get: _getMessage,
  set: _setMessage,
  enumerable: true,
  configurable: true
};
var _issuesDesc = { value: void 0, enumerable: false };
var _installedToString = /* @__PURE__ */ new WeakSet([Object.prototype, Error.prototype]);
var initializer = (inst, def) => {
  inst.name = "$ZodError";
  _issuesDesc.value = def;
  Object.defineProperty(inst, "issues", _issuesDesc);
  _issuesDesc.value = void 0;
  Object.defineProperty(inst, "message", _messageDesc);
  const proto = Object.getPrototypeOf(inst);
  if (!_installedToString.has(proto)) {
    _installedToString.add(proto);
    Object.defineProperty(proto, "toString", {
      configurable: true,
      enumerable: false,
      get() {
        const value = () => this.message;
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
        return value;
      },
      set(value) {
        Object.defineProperty(this, "toString", { value, configurable: true, writable: true });
      }
    });
  }
};
var $ZodError = $constructor("$ZodError", initializer);
var $ZodRealError = $constructor("$ZodError", initializer, void 0, {
  Parent: Error
});

// node_modules/zod/v4/core/parse.js
var _parse = (_Err) => {
  const fn = (schema, value, _ctx, _params) => {
    const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
    const result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise) {
      throw new $ZodAsyncError();
    }
    if (result.issues.length) {
      const e = new (_params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, _params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parse = /* @__PURE__ */ _parse($ZodRealError);
var _parseAsync = (_Err) => {
  const fn = async (schema, value, _ctx, params) => {
    const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
    let result = schema._zod.run({ value, issues: [] }, ctx);
    if (result instanceof Promise)
      result = await result;
    if (result.issues.length) {
      const e = new (params?.Err ?? _Err)(result.issues.map((iss) => finalizeIssue(iss, ctx, config())));
      captureStackTrace(e, params?.callee ?? fn);
      throw e;
    }
    return result.value;
  };
  return fn;
};
var parseAsync = /* @__PURE__ */ _parseAsync($ZodRealError);
var _safeParse = (_Err) => (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: false } : { async: false };
  const result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise) {
    throw new $ZodAsyncError();
  }
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParse = /* @__PURE__ */ _safeParse($ZodRealError);
function failure(Err, issues, ctx) {
  let error;
  return {
    success: false,
    get error() {
      if (!error) {
        error = new Err(issues.map((iss) => finalizeIssue(iss, ctx, config())));
        issues = void 0;
        ctx = void 0;
      }
      return error;
    },
    set error(e) {
      error = e;
      issues = void 0;
      ctx = void 0;
    }
  };
}
var _safeParseAsync = (_Err) => async (schema, value, _ctx) => {
  const ctx = _ctx ? { ..._ctx, async: true } : { async: true };
  let result = schema._zod.run({ value, issues: [] }, ctx);
  if (result instanceof Promise)
    result = await result;
  return result.issues.length ? failure(_Err, result.issues, ctx) : { success: true, data: result.value };
};
var safeParseAsync = /* @__PURE__ */ _safeParseAsync($ZodRealError);

// node_modules/zod/v4/core/regexes.js
var anyString = /^[\s\S]{0,}$/;
var number = /^-?\d+(?:\.\d+)?$/;

// node_modules/zod/v4/core/checks.js
var $ZodCheck = /* @__PURE__ */ $constructor("$ZodCheck", (inst, def) => {
  var _a2;
  inst._zod ?? (inst._zod = {});
  inst._zod.def = def;
  (_a2 = inst._zod).onattach ?? (_a2.onattach = []);
});
var _whenHasLength = (payload) => {
  const val = payload.value;
  return !nullish(val) && val.length !== void 0;
};
var numericOriginMap = {
  number: "number",
  bigint: "bigint",
  object: "date"
};
var $ZodCheckLessThan = /* @__PURE__ */ $constructor("$ZodCheckLessThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value <= def.value : payload.value < def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_big",
      maximum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckGreaterThan = /* @__PURE__ */ $constructor("$ZodCheckGreaterThan", (inst, def) => {
  $ZodCheck.init(inst, def);
  const origin = numericOriginMap[typeof def.value];
  inst._zod.check = (payload) => {
    if (def.inclusive ? payload.value >= def.value : payload.value > def.value) {
      return;
    }
    payload.issues.push({
      origin: numericOriginMap[typeof payload.value] ?? origin,
      code: "too_small",
      minimum: typeof def.value === "object" ? def.value.getTime() : def.value,
      input: payload.value,
      inclusive: def.inclusive,
      inst,
      continue: !def.abort
    });
  };
});
var $ZodCheckNumberFormat = /* @__PURE__ */ $constructor("$ZodCheckNumberFormat", (inst, def) => {
  $ZodCheck.init(inst, def);
  def.format = def.format || "float64";
  const isInt = def.format?.includes("int");
  const origin = isInt ? "int" : "number";
  const [minimum, maximum] = NUMBER_FORMAT_RANGES[def.format];
  inst._zod.check = (payload) => {
    const input = payload.value;
    if (isInt) {
      if (!Number.isInteger(input)) {
        payload.issues.push({
          expected: origin,
          format: def.format,
          code: "invalid_type",
          continue: false,
          input,
          inst
        });
        return;
      }
      if (!Number.isSafeInteger(input)) {
        if (input > 0) {
          payload.issues.push({
            input,
            code: "too_big",
            maximum: Number.MAX_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        } else {
          payload.issues.push({
            input,
            code: "too_small",
            minimum: Number.MIN_SAFE_INTEGER,
            note: "Integers must be within the safe integer range.",
            inst,
            origin,
            inclusive: true,
            continue: !def.abort
          });
        }
        return;
      }
    }
    if (input < minimum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_small",
        minimum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
    if (input > maximum) {
      payload.issues.push({
        origin: "number",
        input,
        code: "too_big",
        maximum,
        inclusive: true,
        inst,
        continue: !def.abort
      });
    }
  };
});
var $ZodCheckMinLength = /* @__PURE__ */ $constructor("$ZodCheckMinLength", (inst, def) => {
  var _a2;
  $ZodCheck.init(inst, def);
  (_a2 = inst._zod.def).when ?? (_a2.when = _whenHasLength);
  inst._zod.check = (payload) => {
    const input = payload.value;
    const units = input.length;
    const length = typeof input === "string" && units >= def.minimum && units < def.minimum * 2 ? codePointLength(input) : units;
    if (length >= def.minimum)
      return;
    const origin = getLengthableOrigin(input);
    payload.issues.push({
      origin,
      code: "too_small",
      minimum: def.minimum,
      inclusive: true,
      input,
      inst,
      continue: !def.abort
    });
  };
});

// node_modules/zod/v4/core/versions.js
var version = {
  major: 4,
  minor: 6,
  patch: 7
};

// node_modules/zod/v4/core/schemas.js
var $ZodType = /* @__PURE__ */ $constructor("$ZodType", (inst, def) => {
  var _a2;
  inst ?? (inst = {});
  inst._zod.def = def;
  inst._zod.bag = inst._zod.bag || {};
  inst._zod.version = version;
  const defChecks = inst._zod.def.checks;
  const checks = inst._zod.traits.has("$ZodCheck") ? [inst, ...defChecks ?? []] : defChecks?.length ? [...defChecks] : [];
  for (const ch of checks) {
    for (const fn of ch._zod.onattach) {
      fn(inst);
    }
  }
  if (checks.length === 0) {
    (_a2 = inst._zod).deferred ?? (_a2.deferred = []);
    inst._zod.deferred?.push(() => {
      inst._zod.run = inst._zod.parse;
    });
  } else {
    const runChecks = (payload, checks2, ctx) => {
      if (payload.memo)
        return payload;
      let isAborted = aborted(payload);
      let asyncResult;
      for (const ch of checks2) {
        if (ch._zod.def.when) {
          if (explicitlyAborted(payload))
            continue;
          const shouldRun = ch._zod.def.when(payload);
          if (!shouldRun)
            continue;
        } else if (isAborted) {
          continue;
        }
        const currLen = payload.issues.length;
        const _ = ch._zod.check(payload);
        if (_ instanceof Promise && ctx?.async === false) {
          throw new $ZodAsyncError();
        }
        if (asyncResult || _ instanceof Promise) {
          asyncResult = (asyncResult ?? Promise.resolve()).then(async () => {
            await _;
            const nextLen = payload.issues.length;
            if (nextLen === currLen)
              return;
            attachSchema(payload.issues, currLen, inst);
            if (!isAborted)
              isAborted = aborted(payload, currLen);
          });
        } else {
          const nextLen = payload.issues.length;
          if (nextLen === currLen)
            continue;
          attachSchema(payload.issues, currLen, inst);
          if (!isAborted)
            isAborted = aborted(payload, currLen);
        }
      }
      if (asyncResult) {
        return asyncResult.then(() => {
          return payload;
        });
      }
      return payload;
    };
    const handleCanaryResult = (canary, payload, ctx) => {
      if (aborted(canary)) {
        canary.aborted = true;
        return canary;
      }
      const checkResult = runChecks(payload, checks, ctx);
      if (checkResult instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return checkResult.then((checkResult2) => inst._zod.parse(checkResult2, ctx));
      }
      return inst._zod.parse(checkResult, ctx);
    };
    inst._zod.run = (payload, ctx) => {
      if (ctx.skipChecks) {
        return inst._zod.parse(payload, ctx);
      }
      if (ctx.direction === "backward") {
        const canary = inst._zod.parse({ value: payload.value, issues: [] }, { ...ctx, skipChecks: true });
        if (canary instanceof Promise) {
          return canary.then((canary2) => {
            return handleCanaryResult(canary2, payload, ctx);
          });
        }
        return handleCanaryResult(canary, payload, ctx);
      }
      const result = inst._zod.parse(payload, ctx);
      if (result instanceof Promise) {
        if (ctx.async === false)
          throw new $ZodAsyncError();
        return result.then((result2) => runChecks(result2, checks, ctx));
      }
      return runChecks(result, checks, ctx);
    };
  }
}, {
  // Wrappers extend this by installing a richer factory over it; reading it eagerly would defeat the laziness.
  get "~standard"() {
    return hide(this, "~standard", standardProps(this));
  },
  set "~standard"(value) {
    own(this, "~standard", value);
  }
});
var toStandardResult = (r, ctx) => r.issues.length ? { issues: r.issues.map((iss) => finalizeIssue(iss, ctx, config())) } : { value: r.value };
async function validateAsync(inst, value) {
  const ctx = { async: true };
  return toStandardResult(await inst._zod.run({ value, issues: [] }, ctx), ctx);
}
function standardProps(inst) {
  return {
    validate: (value) => {
      const ctx = { async: false };
      try {
        const r = inst._zod.run({ value, issues: [] }, ctx);
        if (!(r instanceof Promise))
          return toStandardResult(r, ctx);
      } catch (_) {
      }
      return validateAsync(inst, value);
    },
    vendor: "zod",
    version: 1
  };
}
var $ZodString = /* @__PURE__ */ $constructor("$ZodString", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = def.pattern ?? anyString;
  inst._zod.parse = (payload, _) => {
    if (def.coerce)
      try {
        payload.value = String(payload.value);
      } catch (_2) {
      }
    if (typeof payload.value === "string")
      return payload;
    payload.issues.push({
      expected: "string",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
var $ZodNumber = /* @__PURE__ */ $constructor("$ZodNumber", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.pattern = number;
  inst._zod.parse = (payload, _ctx) => {
    if (def.coerce)
      try {
        payload.value = Number(payload.value);
      } catch (_) {
      }
    const input = payload.value;
    if (typeof input === "number" && !Number.isNaN(input) && Number.isFinite(input)) {
      return payload;
    }
    const received = typeof input === "number" ? Number.isNaN(input) ? "NaN" : !Number.isFinite(input) ? String(input) : void 0 : void 0;
    payload.issues.push({
      expected: "number",
      code: "invalid_type",
      input,
      inst,
      ...received ? { received } : {}
    });
    return payload;
  };
});
var $ZodNumberFormat = /* @__PURE__ */ $constructor("$ZodNumberFormat", (inst, def) => {
  $ZodCheckNumberFormat.init(inst, def);
  $ZodNumber.init(inst, def);
});
var $ZodNever = /* @__PURE__ */ $constructor("$ZodNever", (inst, def) => {
  $ZodType.init(inst, def);
  inst._zod.parse = (payload, _ctx) => {
    payload.issues.push({
      expected: "never",
      code: "invalid_type",
      input: payload.value,
      inst
    });
    return payload;
  };
});
function capSize(inst, size) {
  const caps = sizeCaps(inst._zod.def.checks);
  if (!caps.length)
    return;
  const cap = Math.min(...caps.map((c) => c[0]));
  const parse2 = inst._zod.parse;
  inst._zod.parse = (payload, ctx) => {
    const n = size(payload.value);
    if (n > cap && !ctx?.skipChecks && ctx?.direction !== "backward") {
      for (const [max, ch] of sizeCaps(inst._zod.def.checks)) {
        if (n > max && ch._zod.def.when(payload)) {
          const start = payload.issues.length;
          ch._zod.check(payload);
          payload.issues[start].continue = false;
          attachSchema(payload.issues, start, inst);
          return payload;
        }
      }
    }
    return parse2(payload, ctx);
  };
}
var arraySize = (input) => Array.isArray(input) ? input.length : -1;
function handleArrayResult(result, final, index) {
  if (result.issues.length) {
    final.issues.push(...prefixIssues(index, result.issues));
  }
  final.value[index] = result.value;
}
var $ZodArray = /* @__PURE__ */ $constructor("$ZodArray", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!Array.isArray(input)) {
      payload.issues.push({
        expected: "array",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, Array(input.length), ctx) : Array(input.length);
    const proms = [];
    const abortEarly = ctx?.abortEarly;
    for (let i = 0; i < input.length; i++) {
      const item = input[i];
      const result = def.element._zod.run({
        value: item,
        issues: []
      }, ctx);
      if (result instanceof Promise) {
        proms.push(result.then((result2) => handleArrayResult(result2, payload, i)));
      } else {
        handleArrayResult(result, payload, i);
        if (abortEarly && result.issues.length !== 0 && aborted(result))
          break;
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
  capSize(inst, arraySize);
});
function handlePropertyResult(result, final, key, input, optin, optout) {
  const isPresent = key in input;
  const isOptionalOut = optout === "optional";
  if (!isPresent && isOptionalOut && optin === "optional") {
    return;
  }
  if (result.issues.length) {
    if (optin !== void 0 && isOptionalOut && !isPresent) {
      return;
    }
    final.issues.push(...prefixIssues(key, result.issues));
  }
  if (!isPresent && optin === void 0) {
    if (!result.issues.length) {
      final.issues.push({
        code: "invalid_type",
        expected: "nonoptional",
        input: void 0,
        path: [key]
      });
    }
    return;
  }
  if (result.value === void 0) {
    if (isPresent || optin === "defaulted" && !isOptionalOut) {
      final.value[key] = void 0;
    }
  } else {
    final.value[key] = result.value;
  }
}
var NO_SYMBOL_KEYS = [];
function normalizeDef(def) {
  const keys = Object.keys(def.shape);
  const ownSymbols = Object.getOwnPropertySymbols(def.shape);
  const symbolKeys = ownSymbols.length ? ownSymbols : NO_SYMBOL_KEYS;
  const allKeys = symbolKeys.length ? [...keys, ...symbolKeys] : keys;
  for (const k of allKeys) {
    if (!def.shape?.[k]?._zod?.traits?.has("$ZodType")) {
      throw new Error(`Invalid element at key "${String(k)}": expected a Zod schema`);
    }
  }
  const okeys = optionalKeys(def.shape);
  return {
    ...def,
    allKeys,
    symbolKeys,
    // string-only: handleCatchall matches it against `for...in`, which never yields a symbol
    keySet: new Set(keys),
    numKeys: keys.length,
    optionalKeys: new Set(okeys)
  };
}
function handleCatchall(proms, input, payload, ctx, def, inst, abortEarly) {
  const unrecognized = [];
  const keySet = def.keySet;
  const _catchall = def.catchall._zod;
  const t = _catchall.def.type;
  const optin = _catchall.optin;
  const optout = _catchall.optout;
  let seen = 0;
  for (const key in input) {
    if (abortEarly && payload.issues.length !== seen) {
      if (aborted(payload, seen))
        break;
      seen = payload.issues.length;
    }
    if (keySet.has(key))
      continue;
    if (key === "__proto__") {
      if (t === "never")
        unrecognized.push(key);
      continue;
    }
    if (t === "never") {
      unrecognized.push(key);
      continue;
    }
    const r = _catchall.run({ value: input[key], issues: [] }, ctx);
    if (r instanceof Promise) {
      proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
    } else {
      handlePropertyResult(r, payload, key, input, optin, optout);
    }
  }
  if (unrecognized.length) {
    payload.issues.push({
      code: "unrecognized_keys",
      keys: unrecognized,
      input,
      inst,
      // Describes the shape of the input, not the validity of the parsed value, so it never aborts. The parse still fails; the schema's own checks just get to run first, and an enclosing intersection can reconcile the key against a sibling operand.
      continue: true
    });
  }
  if (!proms.length)
    return payload;
  return Promise.all(proms).then(() => {
    return payload;
  });
}
var $ZodObject = /* @__PURE__ */ $constructor("$ZodObject", (inst, def) => {
  $ZodType.init(inst, def);
  const desc = Object.getOwnPropertyDescriptor(def, "shape");
  const sh = desc?.get ? desc.get.raw : def.shape ?? {};
  if (sh) {
    const get = () => {
      const newSh = { ...sh };
      Object.defineProperty(def, "shape", { value: newSh });
      get.raw = newSh;
      return newSh;
    };
    get.raw = sh;
    Object.defineProperty(def, "shape", { get });
  }
  const _normalized = cached(() => normalizeDef(def));
  defineLazyInternal(inst, "propValues", (zod) => {
    const shape = zod.def.shape;
    const propValues = {};
    for (const key in shape) {
      const field = shape[key]._zod;
      if (field.values) {
        if (!Object.prototype.hasOwnProperty.call(propValues, key)) {
          assignProp(propValues, key, /* @__PURE__ */ new Set());
        }
        for (const v of field.values)
          propValues[key].add(v);
        if (field.optin !== void 0)
          propValues[key].add(void 0);
      }
    }
    return propValues;
  });
  const isObject3 = isObject;
  const catchall = def.catchall;
  let value;
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    value ?? (value = _normalized.value);
    const input = payload.value;
    if (!isObject3(input)) {
      payload.issues.push({
        expected: "object",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
    const proms = [];
    const shape = value.shape;
    const abortEarly = ctx?.abortEarly;
    let seen = payload.issues.length;
    for (const key of value.allKeys) {
      if (abortEarly && payload.issues.length !== seen) {
        if (aborted(payload, seen))
          break;
        seen = payload.issues.length;
      }
      if (key === "__proto__")
        continue;
      const el = shape[key];
      const optin = el._zod.optin;
      const optout = el._zod.optout;
      const r = el._zod.run({ value: input[key], issues: [] }, ctx);
      if (r instanceof Promise) {
        proms.push(r.then((r2) => handlePropertyResult(r2, payload, key, input, optin, optout)));
      } else {
        handlePropertyResult(r, payload, key, input, optin, optout);
      }
    }
    if (!catchall) {
      return proms.length ? Promise.all(proms).then(() => payload) : payload;
    }
    return handleCatchall(proms, input, payload, ctx, _normalized.value, inst, abortEarly === true);
  };
});
var $ZodRecord = /* @__PURE__ */ $constructor("$ZodRecord", (inst, def) => {
  $ZodType.init(inst, def);
  const memo = globalConfig.memoizer;
  memo?.attach(inst);
  inst._zod.parse = (payload, ctx) => {
    const input = payload.value;
    if (!isPlainObject(input)) {
      payload.issues.push({
        expected: "record",
        code: "invalid_type",
        input,
        inst
      });
      return payload;
    }
    const proms = [];
    const values = def.keyType._zod.values;
    if (values && !def.partial) {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      const recordKeys = /* @__PURE__ */ new Set();
      for (const key of values) {
        if (typeof key === "string" || typeof key === "number" || typeof key === "symbol") {
          recordKeys.add(typeof key === "number" ? key.toString() : key);
          if (key === "__proto__")
            continue;
          const keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
          if (keyResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (keyResult.issues.length) {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
            continue;
          }
          const outKey = keyResult.value;
          if (outKey === "__proto__")
            continue;
          const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
          if (result instanceof Promise) {
            proms.push(result.then((result2) => {
              if (result2.issues.length) {
                payload.issues.push(...prefixIssues(key, result2.issues));
              }
              payload.value[outKey] = result2.value;
            }));
          } else {
            if (result.issues.length) {
              payload.issues.push(...prefixIssues(key, result.issues));
            }
            payload.value[outKey] = result.value;
          }
        }
      }
      let unrecognized;
      for (const key in input) {
        if (!recordKeys.has(key)) {
          if (def.mode === "loose") {
            if (key === "__proto__")
              continue;
            payload.value[key] = input[key];
          } else {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          }
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    } else {
      payload.value = memo ? memo.alloc(inst, payload, {}, ctx) : {};
      let unrecognized;
      for (const key of Reflect.ownKeys(input)) {
        if (key === "__proto__")
          continue;
        if (!Object.prototype.propertyIsEnumerable.call(input, key))
          continue;
        let keyResult = def.keyType._zod.run({ value: key, issues: [] }, ctx);
        if (keyResult instanceof Promise) {
          throw new Error("Async schemas not supported in object keys currently");
        }
        const checkNumericKey = typeof key === "string" && number.test(key) && keyResult.issues.length;
        if (checkNumericKey) {
          const retryResult = def.keyType._zod.run({ value: Number(key), issues: [] }, ctx);
          if (retryResult instanceof Promise) {
            throw new Error("Async schemas not supported in object keys currently");
          }
          if (retryResult.issues.length === 0) {
            keyResult = retryResult;
          }
        }
        if (keyResult.issues.length) {
          if (def.mode === "loose") {
            payload.value[key] = input[key];
          } else if (values) {
            unrecognized = unrecognized ?? [];
            unrecognized.push(key);
          } else {
            payload.issues.push({
              code: "invalid_key",
              origin: "record",
              issues: keyResult.issues.map((iss) => finalizeIssue(iss, ctx, config())),
              input: key,
              path: [key],
              inst
            });
          }
          continue;
        }
        const outKey = keyResult.value;
        if (outKey === "__proto__")
          continue;
        const result = def.valueType._zod.run({ value: input[key], issues: [] }, ctx);
        if (result instanceof Promise) {
          proms.push(result.then((result2) => {
            if (result2.issues.length) {
              payload.issues.push(...prefixIssues(key, result2.issues));
            }
            payload.value[outKey] = result2.value;
          }));
        } else {
          if (result.issues.length) {
            payload.issues.push(...prefixIssues(key, result.issues));
          }
          payload.value[outKey] = result.value;
        }
      }
      if (unrecognized && unrecognized.length > 0) {
        payload.issues.push({
          code: "unrecognized_keys",
          input,
          inst,
          keys: unrecognized,
          continue: true
        });
      }
    }
    if (proms.length) {
      return Promise.all(proms).then(() => payload);
    }
    return payload;
  };
});
var $ZodEnum = /* @__PURE__ */ $constructor("$ZodEnum", (inst, def) => {
  $ZodType.init(inst, def);
  const values = getEnumValues(def.entries);
  const valuesSet = new Set(values);
  inst._zod.values = valuesSet;
  defineLazyInternal(inst, "pattern", (zod) => {
    const patternValues = getEnumValues(zod.def.entries).filter((k) => propertyKeyTypes.has(typeof k));
    return new RegExp(patternValues.length ? `^(${patternValues.map((o) => escapeRegex(o.toString())).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (valuesSet.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values,
      input,
      inst
    });
    return payload;
  };
});
var $ZodLiteral = /* @__PURE__ */ $constructor("$ZodLiteral", (inst, def) => {
  $ZodType.init(inst, def);
  const values = new Set(def.values);
  inst._zod.values = values;
  defineLazyInternal(inst, "pattern", (zod) => {
    const vals = zod.def.values;
    return new RegExp(vals.length ? `^(${vals.map((o) => typeof o === "string" ? escapeRegex(o) : o ? escapeRegex(o.toString()) : String(o)).join("|")})$` : "^[^\\s\\S]$");
  });
  inst._zod.parse = (payload, _ctx) => {
    const input = payload.value;
    if (values.has(input)) {
      return payload;
    }
    payload.issues.push({
      code: "invalid_value",
      values: def.values,
      input,
      inst
    });
    return payload;
  };
});
function handleOptionalResult(payload, result) {
  payload.value = result.issues.length ? void 0 : result.value;
  return payload;
}
var $ZodOptional = /* @__PURE__ */ $constructor("$ZodOptional", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin === "defaulted" ? "defaulted" : "optional");
  inst._zod.optout = "optional";
  defineLazyInternal(inst, "values", (zod) => {
    const values = zod.def.innerType._zod.values;
    return values ? /* @__PURE__ */ new Set([...values, void 0]) : void 0;
  });
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)})?$`) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === void 0) {
      if (def.innerType._zod.optin !== "defaulted")
        return payload;
      const result = def.innerType._zod.run({ value: payload.value, issues: [] }, ctx);
      if (result instanceof Promise)
        return result.then((result2) => handleOptionalResult(payload, result2));
      return handleOptionalResult(payload, result);
    }
    return def.innerType._zod.run(payload, ctx);
  };
});
var $ZodNullable = /* @__PURE__ */ $constructor("$ZodNullable", (inst, def) => {
  $ZodType.init(inst, def);
  defineLazyInternal(inst, "optin", (zod) => zod.def.innerType._zod.optin);
  defineLazyInternal(inst, "optout", (zod) => zod.def.innerType._zod.optout);
  defineLazyInternal(inst, "pattern", (zod) => {
    const pattern = zod.def.innerType._zod.pattern;
    return pattern ? new RegExp(`^(${cleanRegex(pattern.source)}|null)$`) : void 0;
  });
  defineLazyInternal(inst, "values", (zod) => {
    return zod.def.innerType._zod.values ? /* @__PURE__ */ new Set([...zod.def.innerType._zod.values, null]) : void 0;
  });
  inst._zod.parse = (payload, ctx) => {
    if (payload.value === null)
      return payload;
    return def.innerType._zod.run(payload, ctx);
  };
});

// node_modules/zod/v4/core/api.js
function snapshotChecks(def) {
  if (def.checks)
    def.checks = [...def.checks];
  return def;
}
// @__NO_SIDE_EFFECTS__
function _string(Class, params) {
  return new Class(snapshotChecks({ type: "string", ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _number(Class, params) {
  return new Class(snapshotChecks({ type: "number", checks: [], ...normalizeParams(params) }));
}
// @__NO_SIDE_EFFECTS__
function _int(Class, params) {
  return new Class({
    type: "number",
    check: "number_format",
    abort: false,
    format: "safeint",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _never(Class, params) {
  return new Class({
    type: "never",
    ...normalizeParams(params)
  });
}
// @__NO_SIDE_EFFECTS__
function _lte(value, params) {
  return new $ZodCheckLessThan({
    check: "less_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _gt(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: false
  });
}
// @__NO_SIDE_EFFECTS__
function _gte(value, params) {
  return new $ZodCheckGreaterThan({
    check: "greater_than",
    ...normalizeParams(params),
    value,
    inclusive: true
  });
}
// @__NO_SIDE_EFFECTS__
function _positive(params) {
  return /* @__PURE__ */ _gt(0, params);
}
// @__NO_SIDE_EFFECTS__
function _minLength(minimum, params) {
  return new $ZodCheckMinLength({
    check: "min_length",
    ...normalizeParams(params),
    minimum
  });
}

// node_modules/zod/v4/mini/schemas.js
var ZodMiniType = /* @__PURE__ */ $constructor("ZodMiniType", (inst, def) => {
  if (!inst._zod)
    throw new Error("Uninitialized schema in ZodMiniType.");
  $ZodType.init(inst, def);
  inst.def = def;
  inst.type = def.type;
}, {
  // `with` is an alias for `check`: the same function object, not a wrapper.
  get with() {
    return this.check;
  },
  set with(value) {
    own(this, "with", value);
  },
  parse(data, params) {
    return parse(this, data, params, { callee: this.parse });
  },
  parseAsync(data, params) {
    return parseAsync(this, data, params, { callee: this.parseAsync });
  },
  safeParse(data, params) {
    return safeParse(this, data, params);
  },
  safeParseAsync(data, params) {
    return safeParseAsync(this, data, params);
  },
  check(...checks) {
    const def = this.def;
    return this.clone({
      ...def,
      checks: [
        ...def.checks ?? [],
        ...checks.map((ch) => typeof ch === "function" ? { _zod: { check: ch, def: { check: "custom" }, onattach: [] } } : ch)
      ]
    }, { parent: true });
  },
  clone(_def, params) {
    return clone(this, _def, params);
  },
  brand() {
    return this;
  },
  register(reg, meta2) {
    reg.add(this, meta2);
    return this;
  },
  apply(fn, ...args) {
    return args.length === 0 ? fn(this) : fn(this, ...args);
  }
});
var ZodMiniString = /* @__PURE__ */ $constructor("ZodMiniString", (inst, def) => {
  $ZodString.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function string2(params) {
  return _string(ZodMiniString, params);
}
var ZodMiniNumber = /* @__PURE__ */ $constructor("ZodMiniNumber", (inst, def) => {
  $ZodNumber.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function number2(params) {
  return _number(ZodMiniNumber, params);
}
var ZodMiniNumberFormat = /* @__PURE__ */ $constructor("ZodMiniNumberFormat", (inst, def) => {
  $ZodNumberFormat.init(inst, def);
  ZodMiniNumber.init(inst, def);
});
function int(params) {
  return _int(ZodMiniNumberFormat, params);
}
var ZodMiniNever = /* @__PURE__ */ $constructor("ZodMiniNever", (inst, def) => {
  $ZodNever.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function never(params) {
  return _never(ZodMiniNever, params);
}
var ZodMiniArray = /* @__PURE__ */ $constructor("ZodMiniArray", (inst, def) => {
  $ZodArray.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function array(element, params) {
  return new ZodMiniArray({
    type: "array",
    element,
    ...normalizeParams(params)
  });
}
var ZodMiniObject = /* @__PURE__ */ $constructor("ZodMiniObject", (inst, def) => {
  $ZodObject.init(inst, def);
  ZodMiniType.init(inst, def);
  installLazyProp(inst, "shape", (self) => self._zod.def.shape, false);
});
// @__NO_SIDE_EFFECTS__
function strictObject(shape, params) {
  return new ZodMiniObject({
    type: "object",
    shape,
    catchall: /* @__PURE__ */ never(),
    ...normalizeParams(params)
  });
}
var ZodMiniRecord = /* @__PURE__ */ $constructor("ZodMiniRecord", (inst, def) => {
  $ZodRecord.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function record(keyType, valueType, params) {
  if (!valueType || !valueType._zod) {
    return new ZodMiniRecord({
      type: "record",
      keyType: /* @__PURE__ */ string2(),
      valueType: keyType,
      ...normalizeParams(valueType)
    });
  }
  return new ZodMiniRecord({
    type: "record",
    keyType,
    valueType,
    ...normalizeParams(params)
  });
}
var ZodMiniEnum = /* @__PURE__ */ $constructor("ZodMiniEnum", (inst, def) => {
  $ZodEnum.init(inst, def);
  ZodMiniType.init(inst, def);
  inst.options = [...inst._zod.values];
});
// @__NO_SIDE_EFFECTS__
function _enum(values, params) {
  const entries = Array.isArray(values) ? Object.fromEntries(values.map((v) => [v, v])) : values;
  return new ZodMiniEnum({
    type: "enum",
    entries,
    ...normalizeParams(params)
  });
}
var ZodMiniLiteral = /* @__PURE__ */ $constructor("ZodMiniLiteral", (inst, def) => {
  $ZodLiteral.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function literal(value, params) {
  return new ZodMiniLiteral({
    type: "literal",
    values: Array.isArray(value) ? value : [value],
    ...normalizeParams(params)
  });
}
var ZodMiniOptional = /* @__PURE__ */ $constructor("ZodMiniOptional", (inst, def) => {
  $ZodOptional.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function optional(innerType) {
  return new ZodMiniOptional({
    type: "optional",
    innerType
  });
}
var ZodMiniNullable = /* @__PURE__ */ $constructor("ZodMiniNullable", (inst, def) => {
  $ZodNullable.init(inst, def);
  ZodMiniType.init(inst, def);
});
// @__NO_SIDE_EFFECTS__
function nullable(innerType) {
  return new ZodMiniNullable({
    type: "nullable",
    innerType
  });
}

// src/config/runtime-config.ts
var RUNTIME_CONFIG_VERSION = 1;
var RUNTIME_CONFIG_FILE = "runtime-config.json";
var positiveInt = () => number2().check(int(), _positive());
var nonEmptyStrings = () => array(string2()).check(_minLength(1));
var HealthCheckSchema = strictObject({
  /** `exec`: a sidecar's own check only */
  type: _enum(["port", "http", "process", "exec"]),
  /** http only: the path to GET; 200 passes (after redirects, as the platform checks it). */
  endpoint: string2(),
  /** null: the container's $PORT. */
  port: nullable(number2().check(int(), _gte(1), _lte(65535))),
  /** how long the process may take to become healthy. */
  timeoutMs: positiveInt(),
  /** one probe's time limit. */
  invocationTimeoutMs: positiveInt(),
  /** liveness: time between probes once healthy. */
  intervalMs: positiveInt(),
  /** exec only: the command run by bash -c in the sidecar's environment; exit 0 passes. */
  command: optional(string2()),
  /** liveness failures in a row that make it unhealthy (absent: 1, the platform's rule). */
  failureThreshold: optional(positiveInt())
});
var RestartConfigSchema = strictObject({
  policy: _enum(["never", "on-failure", "always"]),
  maxRestarts: number2().check(int(), _gte(0))
});
var RuntimeSidecarSchema = strictObject({
  name: string2(),
  command: string2(),
  memoryMb: positiveInt(),
  sidecarFor: nonEmptyStrings(),
  /** its own health check (absent: healthy once running) */
  healthCheck: optional(HealthCheckSchema),
  restart: optional(RestartConfigSchema),
  /** sidecars (of the same supervisor) that must be healthy before it starts (absent: none) */
  dependsOn: optional(nonEmptyStrings()),
  /** 'with_app': started at once, not gated on the app's health check (absent: after_app) */
  start: optional(literal("with_app")),
  /** 'after_app': on a stop, serves until the app's process has ended (absent: with_app) */
  stop: optional(literal("after_app"))
});
var LaunchEntrySchema = strictObject({
  /** the launch.yml `type` (sidecars-web, or the sidecar's name in the per-sidecar layout) */
  type: string2(),
  sidecarFor: nonEmptyStrings(),
  sidecars: nonEmptyStrings(),
  memoryMb: positiveInt()
});
var RecordsConfigSchema = strictObject({
  /** s3://BUCKET[/PREFIX]; null: the bucket of the bound service */
  upload: nullable(string2()),
  /** the bound service whose credentials (and bucket) to use; null: the AWS_* variables */
  service: nullable(string2()),
  logTailBytes: positiveInt(),
  /** between uploads of the log tails; 0: only at start and end */
  intervalMs: number2().check(int(), _gte(0))
});
var RuntimeConfigSchema = strictObject({
  version: literal(RUNTIME_CONFIG_VERSION),
  buildpackVersion: string2(),
  depsIdx: string2(),
  layout: _enum(["grouped", "per-sidecar"]),
  supervisorMemoryMb: positiveInt(),
  sidecars: array(RuntimeSidecarSchema),
  /** resolved health checks for `web` and every type named in a sidecar_for or under processes: */
  processes: record(string2(), strictObject({ healthCheck: HealthCheckSchema })),
  launchEntries: array(LaunchEntrySchema),
  records: optional(RecordsConfigSchema)
});
var DEFAULT_HEALTH_TIMEOUT_S = 60;
var DEFAULT_INVOCATION_TIMEOUT_S = 1;
var DEFAULT_INTERVAL_S = 30;
function defaultHealthCheck(processType) {
  return {
    type: processType === "web" ? "port" : "process",
    endpoint: "/",
    port: null,
    timeoutMs: DEFAULT_HEALTH_TIMEOUT_S * 1e3,
    invocationTimeoutMs: DEFAULT_INVOCATION_TIMEOUT_S * 1e3,
    intervalMs: DEFAULT_INTERVAL_S * 1e3
  };
}
function toHealthCheck(config2, processType) {
  return config2.processes[processType]?.healthCheck ?? defaultHealthCheck(processType);
}

// src/cli/exec.ts
init_nested_end();

// src/supervisor/core/nested-ready.ts
var import_node_fs = require("node:fs");
var NESTED_READY_ENV = "SIDECARS_NESTED_READY";
var NESTED_READY_FD = 4;
function takeNestedReadyFd(env) {
  const value = env[NESTED_READY_ENV];
  delete env[NESTED_READY_ENV];
  if (value === void 0 || !/^\d{1,4}$/.test(value)) return null;
  const fd = Number(value);
  return fd > 2 ? fd : null;
}
function sayNestedReady(fd) {
  try {
    (0, import_node_fs.writeSync)(fd, "\n");
  } catch {
  }
  try {
    (0, import_node_fs.closeSync)(fd);
  } catch {
  }
}

// src/supervisor/policies/nested-ready.ts
function createNestedReady(fd) {
  return {
    attach() {
      queueMicrotask(() => sayNestedReady(fd));
      return () => void 0;
    }
  };
}

// src/supervisor/wiring/exec-plan.ts
init_errors();

// src/supervisor/health/probe.ts
init_censor();

// src/supervisor/health/quote-output.ts
var isHighSurrogate = (unit) => unit >= 55296 && unit <= 56319;
function toQuotedLine(output, opts) {
  const text = opts.censor.text(output).trim();
  const lineStart = text.lastIndexOf("\n") + 1;
  const line = text.slice(lineStart);
  if (line === "") return "";
  const high = line.length > opts.maxChars && isHighSurrogate(line.charCodeAt(opts.maxChars - 1));
  const quoted = Buffer.from(line.slice(0, high ? opts.maxChars - 1 : opts.maxChars));
  const edges = { start: opts.cutAtStart && lineStart === 0, end: line.length > opts.maxChars };
  return opts.censor.bytes(quoted, edges).toString();
}

// src/supervisor/health/check-output.ts
var isContinuation = (byte) => byte !== void 0 && (byte & 192) === 128;
var isHighSurrogate2 = (unit) => unit >= 55296 && unit <= 56319;
var MAX_CONTINUATION_BYTES = 3;
function createCheckOutput(keptBytes) {
  let kept = Buffer.alloc(0);
  let cut = false;
  const text = () => {
    let start = 0;
    while (start < MAX_CONTINUATION_BYTES && isContinuation(kept[start])) start++;
    return kept.toString("utf8", start);
  };
  return {
    keep(chunk) {
      const all = kept.length === 0 ? chunk : Buffer.concat([kept, chunk]);
      if (all.length > keptBytes) cut = true;
      kept = Buffer.from(all.subarray(Math.max(0, all.length - keptBytes)));
    },
    text,
    get cut() {
      return cut;
    },
    lastLine(maxChars) {
      const line = text().trim().split("\n").at(-1) ?? "";
      if (line.length <= maxChars) return line;
      return line.slice(0, isHighSurrogate2(line.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars);
    }
  };
}

// src/supervisor/core/bash-launch.ts
var import_node_child_process = require("node:child_process");
var import_node_fs4 = require("node:fs");

// src/supervisor/core/program-file.ts
var import_node_fs3 = require("node:fs");
var MACHINES = { x64: 62, arm64: 183 };
var HEAD_BYTES = 4096;
var PT_INTERP = 3;
var PHDR_SIZE = 56;
function kernelRuns(head, size, arch = process.arch) {
  if (head.length >= 64 && head.readUInt32BE(0) === 2135247942) return elfRuns(head, size, MACHINES[arch]);
  if (head.length < 2 || head[0] !== 35 || head[1] !== 33) return null;
  const end = head.subarray(0, 256).indexOf(10);
  if (end < 0) return null;
  const interpreter = /^[ \t]*([^ \t]+)/.exec(head.toString("latin1", 2, end))?.[1];
  return interpreter?.startsWith("/") === true ? { kind: "script", interpreter } : null;
}
function elfRuns(head, size, machine) {
  const type = head.readUInt16LE(16);
  if (head[4] !== 2 || head[5] !== 1 || type !== 2 && type !== 3 || head.readUInt16LE(18) !== machine)
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
    const loader = head.toString("latin1", offset, offset + length - 1);
    return loader.startsWith("/") && !loader.includes("\0") ? { kind: "elf", loader } : null;
  }
  return { kind: "elf", loader: null };
}
function executableFile(file) {
  const found = statExecutable(file);
  if (found === null || found.isDirectory()) return "no";
  return found.isFile() && runsFrom(file, found.size, "program") ? "program" : "other";
}
function statExecutable(file) {
  try {
    const stat3 = (0, import_node_fs3.statSync)(file);
    (0, import_node_fs3.accessSync)(file, import_node_fs3.constants.X_OK);
    return stat3;
  } catch {
    return null;
  }
}
function runsFrom(file, size, role) {
  const runs = readHead(file, size);
  if (runs === null) return false;
  const next = runs.kind === "script" ? runs.interpreter : runs.loader;
  if (next === null) return true;
  if (runs.kind === "script" ? role !== "program" : role === "loader") return false;
  const found = statExecutable(next);
  return found !== null && found.isFile() && runsFrom(next, found.size, runs.kind === "script" ? "interpreter" : "loader");
}
function readHead(file, size) {
  let fd;
  try {
    fd = (0, import_node_fs3.openSync)(file, "r");
    const head = Buffer.alloc(HEAD_BYTES);
    return kernelRuns(head.subarray(0, (0, import_node_fs3.readSync)(fd, head, 0, HEAD_BYTES, 0)), size);
  } catch {
    return null;
  } finally {
    if (fd !== void 0) (0, import_node_fs3.closeSync)(fd);
  }
}

// src/supervisor/core/bash-launch.ts
var BASH_OWN = new Set(
  ". : [ alias bg bind break builtin caller cd command compgen complete compopt continue declare dirs disown echo enable eval exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile popd printf pushd pwd read readarray readonly return set shift shopt source suspend test times trap true type typeset ulimit umask unalias unset wait if then else elif fi case esac for select while until do done in function time { } ! [[ ]] coproc".split(" ")
);
var BASH_READS = new Set(
  "IFS PS1 PS2 PS3 PS4 OPTIND OPTARG OPTERR PPID UID EUID GROUPS RANDOM SRANDOM SECONDS LINENO HISTCMD FUNCNAME DIRSTACK PIPESTATUS EPOCHSECONDS EPOCHREALTIME SHELLOPTS BASHOPTS POSIXLY_CORRECT ENV CDPATH GLOBIGNORE HOSTTYPE MACHTYPE OSTYPE COMP_WORDBREAKS TIMEFORMAT".split(" ")
);
var PLAIN_WORD = /^[\w./:@%+,=-]+$/;
function plainWords(command) {
  const words = command.replace(/^ +| +$/g, "").split(/ +/);
  if (words.length === 0 || !words.every((word) => PLAIN_WORD.test(word))) return null;
  const first = words[0];
  if (BASH_OWN.has(first) || first.includes("=") || first.startsWith("%")) return null;
  return words;
}
function bashExecEnv(env, pwd, programPath, oldPwdIsDir) {
  for (const name of Object.keys(env)) {
    if (BASH_READS.has(name) || name.startsWith("BASH") || name === "" || name.includes("=")) return null;
  }
  const lcAll = env.LC_ALL;
  if (lcAll !== void 0 && !/^(|C|POSIX|C\.UTF-8|C\.utf8)$/.test(lcAll)) return null;
  const shlvl = env.SHLVL;
  if (shlvl !== void 0 && !/^(0|[1-9]\d{0,2})$/.test(shlvl)) return null;
  if (shlvl !== void 0 && Number(shlvl) >= 999) return null;
  const out = { ...env, PWD: pwd, SHLVL: shlvl ?? "0", _: programPath };
  if (!oldPwdIsDir) delete out.OLDPWD;
  return out;
}
function pwdIn(cwd, envPwd) {
  if (envPwd === cwd) return isPlainAbsolute(cwd) ? cwd : null;
  if (envPwd !== void 0) {
    if (!isPlainAbsolute(envPwd) || /^\/(proc|dev)\//.test(envPwd)) return null;
    try {
      const a = (0, import_node_fs4.statSync)(envPwd);
      const b = (0, import_node_fs4.statSync)(cwd);
      if (a.dev === b.dev && a.ino === b.ino) return null;
    } catch {
    }
  }
  return (0, import_node_fs4.realpathSync)(cwd);
}
function isDirectory(dir) {
  try {
    return dir !== "" && (0, import_node_fs4.statSync)(dir).isDirectory();
  } catch {
    return false;
  }
}
function isPlainAbsolute(dir) {
  return dir === "/" || dir.startsWith("/") && !dir.endsWith("/") && !/(^|\/)\.\.?(\/|$)|\/\//.test(dir);
}
function programFor(word, cwd, pathVar) {
  if (word.includes("/")) {
    return executableFile(word.startsWith("/") ? word : `${cwd}/${word}`) === "program" ? word : null;
  }
  if (pathVar === void 0) return null;
  for (const dir of pathVar.split(":")) {
    if (!dir.startsWith("/")) return null;
    const full = dir.endsWith("/") ? `${dir}${word}` : `${dir}/${word}`;
    const found = executableFile(full);
    if (found === "no") continue;
    return found === "program" ? full : null;
  }
  return null;
}
function bashLaunch(command, cwd, env) {
  const viaBash = { file: "bash", args: ["-c", command], env };
  const words = plainWords(command);
  if (words === null) return viaBash;
  const [first, ...args] = words;
  try {
    const program = programFor(first, cwd, env.PATH);
    if (program === null) return viaBash;
    const pwd = pwdIn(cwd, env.PWD);
    if (pwd === null) return viaBash;
    const oldPwd = env.OLDPWD;
    if (oldPwd !== void 0 && oldPwd !== "" && !oldPwd.startsWith("/")) return viaBash;
    const execEnv = bashExecEnv(env, pwd, program, oldPwd !== void 0 && isDirectory(oldPwd));
    if (execEnv === null) return viaBash;
    return { file: program, args, argv0: first, env: execEnv };
  } catch {
    return viaBash;
  }
}
function spawnBashCommand(command, opts) {
  const { cwd, detached, stdio } = opts;
  const launch = bashLaunch(command, cwd, opts.env);
  if (launch.file !== "bash") {
    try {
      const child = (0, import_node_child_process.spawn)(launch.file, launch.args, {
        argv0: launch.argv0,
        cwd,
        env: launch.env,
        detached,
        stdio
      });
      if (child.pid !== void 0) return child;
      child.once("error", () => void 0);
      for (const stream of child.stdio) stream?.destroy();
    } catch {
    }
  }
  return (0, import_node_child_process.spawn)("bash", ["-c", command], { cwd, env: opts.env, detached, stdio });
}

// src/supervisor/health/exec.ts
var DETAIL_CHARS = 200;
var KEPT_BYTES = 4096;
var running = /* @__PURE__ */ new Set();
var stopRunning = () => {
  for (const stop of running) stop();
};
function probeExec(command, invocationTimeoutMs, ctx) {
  if (ctx.signal?.aborted === true) return Promise.resolve({ ok: false, detail: "stopped" });
  return new Promise((resolve) => {
    const tree = ctx.openCheck?.(ctx.env) ?? null;
    const child = spawnBashCommand(command, {
      cwd: ctx.cwd,
      env: tree?.env ?? ctx.env,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"]
    });
    const output = createCheckOutput(KEPT_BYTES);
    const keep = (chunk) => {
      output.keep(chunk);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    const stopTree2 = () => {
      let leftInGroup = false;
      if (child.pid !== void 0) {
        try {
          process.kill(-child.pid, "SIGKILL");
          leftInGroup = true;
        } catch {
        }
      }
      tree?.end(leftInGroup ? child.pid ?? null : null);
    };
    if (running.size === 0) process.on("exit", stopRunning);
    running.add(stopTree2);
    const onAbort = () => done({ ok: false, detail: "stopped" });
    ctx.signal?.addEventListener("abort", onAbort, { once: true });
    let settled = false;
    const done = (result) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      ctx.signal?.removeEventListener("abort", onAbort);
      stopTree2();
      running.delete(stopTree2);
      if (running.size === 0) process.off("exit", stopRunning);
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ ok: false, detail: `no exit within ${invocationTimeoutMs} ms` }),
      invocationTimeoutMs
    );
    child.once("error", (error) => done({ ok: false, detail: error.message }));
    child.once("exit", (exitCode, signal) => {
      if (exitCode === 0) return done({ ok: true });
      const status = signal !== null ? `killed by ${signal}` : `exit code ${exitCode ?? "?"}`;
      setImmediate(() => {
        const last = toQuotedLine(output.text(), {
          cutAtStart: output.cut,
          maxChars: DETAIL_CHARS,
          censor: ctx.censor
        });
        done({ ok: false, detail: last === "" ? status : `${status}: ${last}` });
      });
    });
  });
}

// src/supervisor/health/load-go-roots.ts
var import_node_fs5 = require("node:fs");
var GO_CERT_FILES = [
  "/etc/ssl/certs/ca-certificates.crt",
  // Debian, Ubuntu (cflinuxfs4)
  "/etc/pki/tls/certs/ca-bundle.crt",
  // Fedora, RHEL 6
  "/etc/ssl/ca-bundle.pem",
  // openSUSE
  "/etc/pki/tls/cacert.pem",
  // OpenELEC
  "/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",
  // CentOS, RHEL 7
  "/etc/ssl/cert.pem"
  // Alpine
];
var loaded = /* @__PURE__ */ new Map();
function loadGoRoots(files = GO_CERT_FILES) {
  const key = files.join("\n");
  let context = loaded.get(key);
  if (context === void 0) {
    context = readFirst(files).then(
      (pem) => pem === void 0 ? void 0 : process.getBuiltinModule("node:tls").createSecureContext({ ca: pem })
    );
    context.catch(() => loaded.delete(key));
    loaded.set(key, context);
  }
  return context;
}
function readFirst(files) {
  return new Promise((resolve) => {
    const next = (index) => {
      const file = files[index];
      if (file === void 0) return resolve(void 0);
      (0, import_node_fs5.readFile)(file, "utf8", (error, text) => error === null ? resolve(text) : next(index + 1));
    };
    next(0);
  });
}

// src/supervisor/health/resolve-redirect.ts
var MAX_REDIRECTS = 10;
var REDIRECT_SLURP_BYTES = 2048;
var FOLLOWED = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
function resolveRedirect(status, location, from, redirects) {
  if (!FOLLOWED.has(status) || location === void 0 || location === "") return { kind: "final" };
  let url;
  try {
    url = new URL(location, from);
  } catch {
    return { kind: "refused", detail: `HTTP ${status} with a Location that is not a URL` };
  }
  if (redirects + 1 >= MAX_REDIRECTS) {
    return { kind: "refused", detail: `HTTP ${status}: stopped after ${MAX_REDIRECTS} redirects` };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    const scheme = url.protocol.slice(0, -1);
    return { kind: "refused", detail: `HTTP ${status} to an unsupported protocol scheme "${scheme}"` };
  }
  url.hash = "";
  return { kind: "follow", url };
}
function toReferer(previous, next) {
  if (previous.protocol === "https:" && next.protocol === "http:") return void 0;
  const referer = new URL(previous);
  referer.username = "";
  referer.password = "";
  referer.hash = "";
  return referer.href;
}
function toDisplayUrl(url) {
  const shown = new URL(url);
  shown.username = "";
  shown.password = "";
  return shown.href;
}
function toSlurpBytes(contentLength) {
  if (contentLength === void 0) return REDIRECT_SLURP_BYTES;
  const length = Number(contentLength);
  return Number.isFinite(length) && length <= REDIRECT_SLURP_BYTES ? REDIRECT_SLURP_BYTES : 0;
}

// src/supervisor/health/http.ts
var PROBE_HEADERS = {
  "user-agent": "diego-healthcheck",
  "x-forwarded-proto": "https",
  "accept-encoding": "gzip",
  connection: "close"
};
async function probeHttp(url, invocationTimeoutMs, opts = {}) {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), invocationTimeoutMs);
  let current;
  let redirects = 0;
  let referer;
  const where = () => redirects === 0 || current === void 0 ? "" : ` at ${toDisplayUrl(current)} after ${redirects} redirect${redirects === 1 ? "" : "s"}`;
  try {
    current = new URL(url);
    for (; ; ) {
      let res;
      try {
        res = await send(current, referer, deadline.signal, opts);
      } catch (error) {
        const reason = deadline.signal.aborted ? `no answer within ${invocationTimeoutMs} ms` : toErrorDetail(error);
        return { ok: false, detail: reason + where() };
      }
      const status = res.statusCode ?? 0;
      const step = resolveRedirect(status, res.headers.location, current, redirects);
      if (step.kind === "refused") {
        res.destroy();
        return { ok: false, detail: step.detail };
      }
      if (step.kind === "follow") {
        await drain(res, toSlurpBytes(res.headers["content-length"]), deadline.signal);
        referer = toReferer(current, step.url);
        current = step.url;
        redirects += 1;
        continue;
      }
      await drain(res, Infinity, deadline.signal);
      return status === 200 ? { ok: true } : { ok: false, detail: `HTTP ${status}${where()}` };
    }
  } catch (error) {
    return { ok: false, detail: toErrorDetail(error) + where() };
  } finally {
    clearTimeout(timer);
  }
}
async function send(url, referer, signal, opts) {
  const headers = { ...PROBE_HEADERS };
  if (referer !== void 0) headers["referer"] = referer;
  const options = {
    method: "GET",
    agent: false,
    headers,
    signal
  };
  let request2;
  if (url.protocol === "https:") {
    const secureContext = await loadGoRoots(opts.caFiles);
    ({ request: request2 } = process.getBuiltinModule("node:https"));
    options.rejectUnauthorized = true;
    if (secureContext !== void 0) options.secureContext = secureContext;
  } else {
    ({ request: request2 } = process.getBuiltinModule("node:http"));
  }
  return new Promise((resolve, reject) => {
    const req = request2(url, options, (res) => {
      res.on("error", () => void 0);
      resolve(res);
    });
    req.on("error", reject);
    req.end();
  });
}
function drain(res, limitBytes, signal) {
  return new Promise((resolve) => {
    let readBytes = 0;
    const done = () => {
      signal.removeEventListener("abort", done);
      res.destroy();
      resolve();
    };
    if (limitBytes <= 0 || signal.aborted) return done();
    signal.addEventListener("abort", done, { once: true });
    res.on("data", (chunk) => {
      readBytes += chunk.length;
      if (readBytes >= limitBytes) done();
    });
    res.once("end", done);
    res.once("close", done);
  });
}
function toErrorDetail(error) {
  if (error instanceof Error) return error.code ?? error.message;
  return String(error);
}

// src/supervisor/health/port.ts
var import_node_net = require("node:net");
function probePort(host, port, invocationTimeoutMs) {
  return new Promise((resolve) => {
    const socket = (0, import_node_net.connect)({ host, port });
    const done = (result) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ ok: false, detail: `no connection within ${invocationTimeoutMs} ms` }),
      invocationTimeoutMs
    );
    socket.once("connect", () => done({ ok: true }));
    socket.once(
      "error",
      (error) => done({ ok: false, detail: error.code ?? error.message })
    );
  });
}

// src/supervisor/health/probe.ts
var PROBE_HOST = "127.0.0.1";
function toHealthTarget(check, containerPort) {
  const port = check.port ?? containerPort;
  const where = check.type === "http" ? `http://${PROBE_HOST}:${port}${check.endpoint}` : check.type === "port" ? `${PROBE_HOST}:${port}` : null;
  if (check.type === "exec")
    return { check, port, description: `exec check ${JSON.stringify(check.command ?? "")}` };
  return { check, port, description: where === null ? "process check" : `${check.type} check on ${where}` };
}
function toProbe(target, ctx = { cwd: "/", env: {} }) {
  const { check, port } = target;
  switch (check.type) {
    case "exec": {
      const execCtx = { ...ctx, censor: readCensor([ctx.env]) };
      return () => probeExec(check.command ?? "false", check.invocationTimeoutMs, execCtx);
    }
    case "port":
      return () => probePort(PROBE_HOST, port, check.invocationTimeoutMs);
    case "http":
      return () => probeHttp(`http://${PROBE_HOST}:${port}${check.endpoint}`, check.invocationTimeoutMs);
    case "process":
      return () => Promise.resolve({ ok: true });
  }
}

// src/supervisor/wiring/exec-plan.ts
init_tree_sample();
var DEFAULT_PORT = 8080;
function toContainerType(vcapApplication) {
  if (vcapApplication === void 0 || vcapApplication === "") return null;
  try {
    const value = JSON.parse(vcapApplication).process_type;
    return typeof value === "string" && value !== "" ? value : null;
  } catch {
    return null;
  }
}
function usage(message, hint) {
  return new SidecarError("usage", message, hint);
}
function selectSidecars(config2, req) {
  const known = config2.sidecars.map((s) => s.name).join(", ") || "(none)";
  if (req.sidecarName !== null) {
    const sidecar = config2.sidecars.find((s) => s.name === req.sidecarName);
    if (sidecar === void 0) {
      throw usage(`no sidecar named "${req.sidecarName}" in the runtime config`, `Known sidecars: ${known}.`);
    }
    const only = sidecar.sidecarFor.length === 1 ? sidecar.sidecarFor[0] ?? null : null;
    return { sidecars: [sidecar], forType: req.forTypes ?? only };
  }
  const forTypes = req.forTypes ?? req.containerType;
  if (forTypes === null) {
    throw usage(
      "which sidecars to run is unknown",
      "Pass --for TYPE or a sidecar NAME, or set VCAP_APPLICATION."
    );
  }
  const entry = config2.launchEntries.find(
    (e) => e.sidecarFor.join(",") === forTypes && e.sidecars.length > 0
  );
  const names = entry?.sidecars ?? [];
  const wanted = forTypes.split(",");
  const sidecars = names.length > 0 ? config2.sidecars.filter((s) => names.includes(s.name)) : config2.sidecars.filter((s) => s.sidecarFor.some((t) => wanted.includes(t)));
  if (sidecars.length === 0) {
    throw usage(`no sidecar is declared for process type "${forTypes}"`, `Known sidecars: ${known}.`);
  }
  return { sidecars, forType: wanted.length === 1 ? forTypes : null };
}
function toExecPlan(config2, req) {
  const { sidecars, forType } = selectSidecars(config2, req);
  const processType = req.containerType ?? forType;
  if (processType === null) {
    throw usage(
      "the process type of this container is unknown",
      "Set process_type in VCAP_APPLICATION (the platform does) or pass --for TYPE."
    );
  }
  return {
    processType,
    port: req.port,
    gate: toHealthTarget(toHealthCheck(config2, processType), req.port),
    sidecars
  };
}
function toPort(value) {
  const port = Number(value);
  return Number.isInteger(port) && port > 0 && port < 65536 ? port : DEFAULT_PORT;
}
function toExecSpecs(plan, ctx) {
  const alone = plan.sidecars.length === 1;
  const names = new Set(plan.sidecars.map((sidecar) => sidecar.name));
  return plan.sidecars.map((sidecar) => ({
    name: sidecar.name,
    command: sidecar.command,
    cwd: ctx.cwd,
    env: { ...ctx.env, MEMORY_LIMIT: `${sidecar.memoryMb}m` },
    output: {
      stdout: { sink: ctx.stdout, prefix: alone ? "" : `[${sidecar.name}] ` },
      stderr: { sink: ctx.stderr, prefix: alone ? "" : `[${sidecar.name}] ` }
    },
    memoryLimitBytes: sidecar.memoryMb * BYTES_PER_MB,
    // start: with_app \u2192 at once; after_app (the default) \u2192 once the container's type is healthy
    gate: sidecar.start === "with_app" ? null : { kind: "probe", processType: plan.processType, target: plan.gate },
    ...sidecar.dependsOn === void 0 ? {} : { dependsOn: sidecar.dependsOn.filter((d) => names.has(d)) },
    // its end is seen on the port of the type's own check (staging requires a port or http check)
    ...sidecar.stop === "after_app" ? { stopAfterApp: { port: plan.gate.port } } : {},
    // its own check: its own port (required for port and http), never the container's $PORT
    health: sidecar.healthCheck === void 0 ? null : toHealthTarget(sidecar.healthCheck, plan.port),
    ...sidecar.restart === void 0 ? {} : { restart: sidecar.restart }
  }));
}

// src/supervisor/core/read-turns.ts
var READ_TURNS = 4;
var SILENT_MS = 100;
var DEFAULTS = {
  turns: READ_TURNS,
  silentMs: SILENT_MS,
  now: Date.now,
  later: (fn, ms) => setTimeout(fn, ms).unref()
};
function createReadTurns(onTurn, options = {}) {
  const { turns, silentMs, now, later } = { ...DEFAULTS, ...options };
  const holding = /* @__PURE__ */ new Map();
  const waiting = [];
  let checking = false;
  const giveUpSilent = (at) => {
    for (const [who, since] of holding) if (at - since >= silentMs) holding.delete(who);
  };
  const grant = () => {
    const at = now();
    giveUpSilent(at);
    while (holding.size < turns) {
      const who = waiting.shift();
      if (who === void 0) break;
      holding.set(who, at);
      onTurn(who);
    }
    if (waiting.length > 0 && !checking) {
      checking = true;
      later(() => {
        checking = false;
        grant();
      }, silentMs);
    }
  };
  return {
    ask(who) {
      if (holding.has(who)) return true;
      const at = now();
      giveUpSilent(at);
      if (holding.size < turns && waiting.length === 0) {
        holding.set(who, at);
        return true;
      }
      if (!waiting.includes(who)) waiting.push(who);
      grant();
      return false;
    },
    release(who) {
      const index = waiting.indexOf(who);
      if (index >= 0) waiting.splice(index, 1);
      if (holding.delete(who)) grant();
    }
  };
}

// src/supervisor/core/line-output.ts
var MAX_LINE_BYTES = 64 * 1024;
var OUTPUT_BUFFER_BYTES = 2 * MAX_LINE_BYTES;
var NEWLINE = 10;
var NEWLINE_BYTES = Buffer.from("\n");
var sinks = /* @__PURE__ */ new WeakMap();
function createSharedSink(stream) {
  const existing = sinks.get(stream);
  if (existing !== void 0) return existing;
  const ready = [];
  let out = null;
  let busy = false;
  let pumping = false;
  let writes = 0;
  let midLine = false;
  let broken = false;
  const isOpen = () => !broken && !stream.destroyed && stream.writable;
  const writeOut = (bytes) => {
    midLine = bytes[bytes.length - 1] !== NEWLINE;
    const id = ++writes;
    busy = true;
    stream.write(bytes, () => {
      if (id !== writes || !busy) return;
      busy = false;
      pump();
    });
    if (stream.writableLength === 0) busy = false;
  };
  const pump = () => {
    if (pumping) return;
    pumping = true;
    try {
      while (!busy || !isOpen()) {
        const slot = ready.shift();
        if (slot === void 0) break;
        slot.queued = false;
        out ??= Buffer.allocUnsafeSlow(OUTPUT_BUFFER_BYTES);
        const bytes = slot.feeder.next(out, slot.ended);
        if (bytes === null) {
          if (slot.ended) slot.finished();
          continue;
        }
        slot.queued = true;
        ready.push(slot);
        if (bytes.length > 0 && isOpen()) writeOut(bytes);
      }
    } finally {
      pumping = false;
    }
  };
  const enqueue = (slot) => {
    if (slot.queued) return;
    slot.queued = true;
    ready.push(slot);
    pump();
  };
  const turns = createReadTurns(enqueue);
  stream.on("error", () => {
    broken = true;
    busy = false;
    pump();
  });
  const sink = {
    attach(feeder) {
      let resolveEnd = () => void 0;
      const ended = new Promise((resolve) => resolveEnd = resolve);
      const slot = { feeder, queued: false, ended: false, finished: () => resolveEnd() };
      return {
        wake: () => enqueue(slot),
        mayAsk: () => turns.ask(slot),
        got: () => turns.release(slot),
        end() {
          slot.ended = true;
          turns.release(slot);
          enqueue(slot);
          return ended;
        }
      };
    },
    writeLine(text) {
      if (!isOpen()) return;
      stream.write(midLine ? `
${text}` : text);
      midLine = !text.endsWith("\n");
    },
    endLine() {
      if (!midLine || !isOpen()) return;
      midLine = false;
      stream.write(NEWLINE_BYTES);
    }
  };
  sinks.set(stream, sink);
  return sink;
}

// src/supervisor/policies/memory-limit.ts
init_memory();

// src/supervisor/model/state.ts
var TRANSITIONS = {
  pending: ["waiting", "starting", "killed"],
  waiting: ["starting", "killed"],
  starting: ["running", "exited", "killed"],
  running: ["healthy", "restarting", "exited", "killed"],
  healthy: ["restarting", "exited", "killed"],
  // stopped during its back-off \u2192 killed at once; its next run \u2192 starting
  restarting: ["starting", "killed"],
  exited: [],
  killed: []
};
function canTransition(from, to) {
  return TRANSITIONS[from].includes(to);
}
function isTerminal(state) {
  return TRANSITIONS[state].length === 0;
}
function isLive(state) {
  return state === "starting" || state === "running" || state === "healthy";
}
var IllegalTransitionError = class extends Error {
  name = "IllegalTransitionError";
  code = "invariant";
};
function assertTransition(name, from, to) {
  if (!canTransition(from, to)) {
    throw new IllegalTransitionError(`${name}: cannot go from ${from} to ${to}`);
  }
}

// src/supervisor/policies/memory-beats.ts
var COALESCE_MS = 2;
function startBeats(sup, restingMs, sweepMs, poll) {
  const sweepBeats = Math.max(1, Math.round(sweepMs / restingMs));
  let sweptBeat = -Infinity;
  const rests = /* @__PURE__ */ new Map();
  const early = /* @__PURE__ */ new Map();
  let beatNo = 0;
  let beatAt = sup.clock.now();
  const schedule = {
    takeSweep() {
      if (beatNo - sweptBeat < sweepBeats && beatNo % sweepBeats !== 0) return false;
      sweptBeat = beatNo;
      return true;
    },
    isDue(proc, beat, now) {
      if (!beat) return (early.get(proc) ?? Infinity) <= now + COALESCE_MS;
      const rest = rests.get(proc);
      return rest === void 0 || rest.pid !== proc.pid || rest.dueBeat <= beatNo || early.has(proc);
    },
    restOf(proc) {
      const rest = rests.get(proc);
      return rest === void 0 || rest.pid !== proc.pid ? 1 : rest.beats;
    },
    isQuiet(proc, sample) {
      const rest = rests.get(proc);
      return sample !== null && rest !== void 0 && rest.pid === proc.pid && rest.sample === sample;
    },
    plan(proc, sample, at, waitMs, restBeats) {
      if (at + waitMs < beatAt + restingMs - COALESCE_MS) early.set(proc, at + waitMs);
      else early.delete(proc);
      const beats = Math.max(1, restBeats);
      const dueBeat = (Math.floor(beatNo / beats) + 1) * beats;
      const rest = rests.get(proc);
      if (rest === void 0) rests.set(proc, { pid: proc.pid, dueBeat, beats, sample });
      else Object.assign(rest, { pid: proc.pid, dueBeat, beats, sample });
    }
  };
  const toNext = (now) => {
    let earliest = Infinity;
    let beat = (Math.floor(beatNo / sweepBeats) + 1) * sweepBeats;
    for (const proc of sup.processes) {
      if (!isLive(proc.state)) {
        early.delete(proc);
        continue;
      }
      earliest = Math.min(earliest, early.get(proc) ?? Infinity);
      const rest = rests.get(proc);
      beat = Math.min(beat, rest === void 0 || rest.pid !== proc.pid ? beatNo + 1 : rest.dueBeat);
    }
    beat = Math.max(beat, beatNo + 1);
    let beatTime = beatAt + (beat - beatNo) * restingMs;
    if (beatTime < now) {
      const missed = Math.ceil((now - beatTime) / restingMs);
      beat += missed;
      beatTime += missed * restingMs;
    }
    return { at: Math.min(earliest, beatTime), beat, beatTime };
  };
  let detached = false;
  let nap = null;
  let napUntil = -Infinity;
  const unsubscribe = sup.bus.on((event) => {
    if (event.type === "process.running" && napUntil > sup.clock.now() + restingMs) nap?.abort();
  });
  void (async () => {
    while (!detached) {
      const now = sup.clock.now();
      const next = toNext(now);
      nap = new AbortController();
      napUntil = next.at;
      const slept = await sup.clock.sleep(Math.max(0, next.at - now), nap.signal);
      nap = null;
      napUntil = -Infinity;
      if (detached) return;
      if (!slept) continue;
      const startedAt = sup.clock.now();
      const beat = startedAt >= next.beatTime;
      if (beat) {
        const missed = Math.floor((startedAt - next.beatTime) / restingMs);
        beatNo = next.beat + missed;
        beatAt = next.beatTime + missed * restingMs;
      }
      const polled = poll(beat, schedule);
      if (polled !== void 0) await polled;
    }
  })();
  return () => {
    detached = true;
    unsubscribe();
    nap?.abort();
  };
}

// src/supervisor/policies/memory-pace.ts
var FAST_POLL_MS = 10;
var RATE_HALF_LIFE_MS = 1e3;
function toNextPace(last, pid, rssBytes, atMs) {
  if (last === null || last.pid !== pid) return { pid, rssBytes, atMs, bytesPerMs: 0 };
  const elapsedMs = Math.max(1, atMs - last.atMs);
  const measured = Math.max(0, (rssBytes - last.rssBytes) / elapsedMs);
  const decayed = last.bytesPerMs * 0.5 ** (elapsedMs / RATE_HALF_LIFE_MS);
  return { pid, rssBytes, atMs, bytesPerMs: Math.max(measured, decayed) };
}
function toWaitMs(pace, limitBytes, restingMs, chargedBytes = pace.rssBytes) {
  const fastMs = Math.min(FAST_POLL_MS, restingMs);
  if (limitBytes === null || pace.bytesPerMs <= 0) return restingMs;
  const headroom = Math.max(0, limitBytes - chargedBytes);
  const reachMs = headroom / pace.bytesPerMs;
  if (reachMs <= restingMs) return fastMs;
  return Math.min(restingMs, Math.max(fastMs, reachMs - restingMs));
}
var MAX_REST_BEATS = 4;
function toRestBeats(beats, quiet, pace, limitBytes, restingMs) {
  if (!quiet) return 1;
  const next = Math.min(MAX_REST_BEATS, beats * 2);
  if (limitBytes === null) return next;
  if (pace.rssBytes * 2 > limitBytes) return 1;
  return toWaitMs(pace, limitBytes, next * restingMs) >= next * restingMs ? next : 1;
}

// src/supervisor/policies/memory-limit.ts
var DEFAULT_MEMORY_INTERVAL_MS = 250;
var MAX_FAILED_SAMPLES = 3;
var ESCAPE_SWEEP_MS = 1e3;
function createMemoryLimit(opts) {
  const restingMs = opts.intervalMs;
  return {
    attach(sup) {
      const failures = /* @__PURE__ */ new Map();
      const shared = /* @__PURE__ */ new Set();
      const paces = /* @__PURE__ */ new Map();
      const discounts = /* @__PURE__ */ new Map();
      let detached = false;
      let stirred = true;
      const unsubscribe = sup.bus.on((event) => {
        if (event.type.startsWith("process.")) stirred = true;
      });
      const failed = (proc, error) => {
        const consecutive = (failures.get(proc) ?? 0) + 1;
        failures.set(proc, consecutive);
        sup.bus.emit({
          type: "memory.sample_failed",
          name: proc.name,
          error: String(error),
          consecutive,
          at: sup.clock.now()
        });
        if (consecutive >= MAX_FAILED_SAMPLES && proc.spec.memoryLimitBytes !== null) {
          void proc.fail("oom", 0, `its memory could not be measured ${consecutive} times in a row`);
        }
        return null;
      };
      const enforce = (proc, measured, beat) => {
        if (measured === null) return restingMs;
        const limitBytes = proc.spec.memoryLimitBytes;
        const { rssBytes, pids } = measured;
        const over = limitBytes !== null && isOverLimit(rssBytes, limitBytes);
        const shares = discounts.get(proc);
        const discount = shares !== void 0 && shares.pid === proc.pid ? shares.bytes : null;
        const estimated = !beat && discount !== null ? rssBytes - discount : null;
        const pssBytes = !over || pids.length === 1 || estimated !== null && !isOverLimit(estimated, limitBytes) ? null : opts.readPss(pids);
        const now = sup.clock.now();
        opts.onSample?.(proc.name, now, rssBytes, pssBytes);
        const pace = toNextPace(paces.get(proc) ?? null, proc.pid, rssBytes, now);
        paces.set(proc, pace);
        if (pssBytes !== null) discounts.set(proc, { pid: proc.pid, bytes: rssBytes - pssBytes });
        if (!over || limitBytes === null) return toWaitMs(pace, limitBytes, restingMs);
        if (pssBytes === null && estimated !== null && !isOverLimit(estimated, limitBytes)) {
          return toWaitMs(pace, limitBytes, restingMs, estimated);
        }
        if (pssBytes !== null && !isOverLimit(pssBytes, limitBytes)) {
          if (!shared.has(proc)) {
            shared.add(proc);
            sup.bus.emit({
              type: "memory.shared_below_limit",
              name: proc.name,
              rssBytes,
              pssBytes,
              limitBytes,
              at: now
            });
          }
          return toWaitMs(pace, limitBytes, restingMs, pssBytes);
        }
        const detail = `${proc.name} exceeded its memory limit: ${formatBreach(rssBytes, pssBytes, limitBytes)}`;
        sup.bus.emit({
          type: "memory.exceeded",
          name: proc.name,
          rssBytes,
          pssBytes,
          limitBytes,
          pids,
          at: now
        });
        void proc.fail("oom", 0, detail);
        return restingMs;
      };
      const settle = (proc, sample, beat, at) => {
        const waitMs = enforce(proc, sample, beat);
        const quiet = at.isQuiet(proc, sample);
        if (!quiet) stirred = true;
        const pace = paces.get(proc);
        const rests = beat && waitMs >= restingMs && pace !== void 0 && isLive(proc.state) ? toRestBeats(at.restOf(proc), quiet, pace, proc.spec.memoryLimitBytes, restingMs) : 1;
        at.plan(proc, sample, sup.clock.now(), waitMs, rests);
      };
      const poll = (beat, at) => {
        if (beat && at.takeSweep()) {
          sup.findEscaped(!stirred);
          stirred = false;
        }
        const now = sup.clock.now();
        let reads;
        for (const proc of sup.processes) {
          if (!isLive(proc.state) || !at.isDue(proc, beat, now)) continue;
          let sample;
          try {
            sample = proc.observe();
            if (!(sample instanceof Promise)) failures.delete(proc);
          } catch (error) {
            sample = failed(proc, error);
          }
          if (sample instanceof Promise) (reads ??= []).push([proc, sample]);
          else settle(proc, sample, beat, at);
        }
        if (reads === void 0) return void 0;
        const pending = reads;
        const sampled = pending.map(
          ([proc, read]) => read.then(
            (sample) => {
              failures.delete(proc);
              return sample;
            },
            (error) => failed(proc, error)
          )
        );
        stirred = true;
        return Promise.all(sampled).then((samples) => {
          if (detached) return;
          pending.forEach(([proc], i) => {
            if (isLive(proc.state)) settle(proc, samples[i] ?? null, beat, at);
            else at.plan(proc, null, sup.clock.now(), restingMs, 1);
          });
        });
      };
      const stop = startBeats(sup, restingMs, ESCAPE_SWEEP_MS, poll);
      return () => {
        detached = true;
        unsubscribe();
        stop();
      };
    }
  };
}

// src/config/read-runtime-config.ts
init_errors();
init_fs();
async function readRuntimeConfig(file) {
  let text;
  try {
    text = await readTextFile(file);
  } catch (error) {
    throw new SidecarError(
      "config_unreadable",
      `cannot read ${file}`,
      "Stage the app again with this buildpack.",
      {
        cause: error
      }
    );
  }
  let json;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SidecarError(
      "config_invalid",
      `${file} is not JSON`,
      "Stage the app again with this buildpack.",
      {
        cause: error
      }
    );
  }
  const parsed = RuntimeConfigSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first === void 0 ? "" : ` at ${first.path.join(".") || "(root)"}: ${first.message}`;
    throw new SidecarError(
      "config_invalid",
      `${file} is not a runtime config this supervisor understands${where}`,
      "Stage the app again with the same buildpack version that runs it."
    );
  }
  return parsed.data;
}

// src/supervisor/wiring/run-observed.ts
init_errors();

// src/supervisor/api/event-feed.ts
var FEED_BATCH_LINES = 256;
function createEventFeed(lines, sink, onEnd) {
  let cursor = 0;
  let blocked = false;
  let finishing = false;
  let ended = false;
  const pump = () => {
    if (blocked || ended) return;
    while (cursor < lines.length) {
      const batch = lines.slice(cursor, cursor + FEED_BATCH_LINES).join("");
      cursor = Math.min(lines.length, cursor + FEED_BATCH_LINES);
      if (!sink.write(batch)) {
        blocked = true;
        sink.once("drain", () => {
          blocked = false;
          pump();
        });
        return;
      }
    }
    if (finishing) {
      ended = true;
      sink.end();
      onEnd();
    }
  };
  return {
    pump,
    finish() {
      finishing = true;
      pump();
    },
    get lag() {
      return lines.length - cursor;
    },
    get blocked() {
      return blocked;
    }
  };
}

// src/supervisor/api/listen-status.ts
var import_node_fs11 = require("node:fs");
var import_node_net2 = require("node:net");
var import_node_path4 = __toESM(require("node:path"), 1);
init_errors();
init_fs_async();
init_claim_file();
init_claim_holder();
init_errno_text();
init_private_dir();
init_status_address();
var SocketHeldError = class extends SidecarError {
  constructor(message, hint, holder) {
    super("usage", message, hint);
    this.holder = holder;
  }
  holder;
};
var SHORTER_HINT = "Use a shorter path (e.g. --status unix:/tmp/sidecars-api.sock) or a loopback port (--status 127.0.0.1:0).";
var WRITABLE_HINT = "Use a --status unix:PATH in a directory you can write, or a loopback port (--status 127.0.0.1:0).";
var IN_USE_HINT = "Stop what is listening there, or pick another --status address (127.0.0.1:0 picks a free port).";
async function isSocketAlive(file) {
  return new Promise((resolve) => {
    const socket = (0, import_node_net2.createConnection)(file);
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
  let claim2;
  let bound = false;
  try {
    claim2 = claimFile(toSocketLock(address.path), {
      by: opts.by ?? "a sidecars supervisor",
      // once bound, the file there is ours (server.close() removes it; an exit may not close it)
      onRelease: () => {
        if (bound) (0, import_node_fs11.rmSync)(address.path, { force: true });
      }
    });
  } catch (error) {
    throw fail(toErrnoText(error), WRITABLE_HINT, error);
  }
  if (claim2.kind === "taken") {
    const { holder } = claim2;
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
    claim2.release();
    throw error;
  }
  server.once("close", claim2.release);
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

// src/supervisor/api/api.ts
init_status_address();

// src/supervisor/api/state-view.ts
init_records();
function isTransition(event) {
  return event.type.startsWith("process.") && event.type !== "process.kill_forced";
}
function createStateView(startedAtMs) {
  const seen = /* @__PURE__ */ new Map();
  const get = (name) => {
    let entry = seen.get(name);
    if (entry === void 0) {
      entry = { health: null, sinceMs: startedAtMs, restarts: 0, lastExit: null };
      seen.set(name, entry);
    }
    return entry;
  };
  return {
    apply(event) {
      if (event.type === "health.passed" || event.type === "health.failed") {
        get(event.name).health = event.type === "health.passed" ? "passing" : "failing";
        return;
      }
      if (!isTransition(event)) return;
      const entry = get(event.name);
      entry.sinceMs = event.at;
      if (event.type === "process.healthy") entry.health = "passing";
      if (event.type === "process.restarting") entry.restarts += 1;
      if (event.type === "process.exited" || event.type === "process.killed" || event.type === "process.restarting") {
        entry.lastExit = {
          exit_code: event.exitCode ?? null,
          signal: event.signal ?? null,
          reason: event.reason ?? "exited"
        };
      }
    },
    toBody(processes, finished) {
      const body = { finished, processes: {} };
      for (const proc of processes) {
        const entry = get(proc.name);
        const hasHealth = proc.spec.health !== null;
        body.processes[proc.name] = {
          state: proc.state,
          pid: proc.pid,
          health: hasHealth ? entry.health ?? "unknown" : null,
          rss_mb: toMb(proc.rssBytes),
          limit_mb: toMb(proc.spec.memoryLimitBytes),
          restarts: entry.restarts,
          last_exit: entry.lastExit,
          since: toPreciseSeconds(entry.sinceMs),
          next_restart_at: proc.nextStartAt === null ? null : toPreciseSeconds(proc.nextStartAt)
        };
      }
      return body;
    }
  };
}

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

// src/supervisor/api/api.ts
init_censor();
var FEED_END_GRACE_MS = 1e3;
function sendJson(res, status, body, headers = {}) {
  const text = `${JSON.stringify(body)}
`;
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers
  });
  res.end(text);
}
var ROUTES = ["/state", "/events", "/healthz"];
var RESTART_ROUTE = /^\/processes\/([^/]+)\/restart$/;
function toRestartStatus(answer) {
  if (answer.ok) return 202;
  return answer.error === "unknown_process" ? 404 : 409;
}
async function startStatusServer(address, nowMs, listenOpts, censor = NO_CENSOR, page = null) {
  const { createServer } = await Promise.resolve().then(() => __toESM(require("node:http"), 1));
  const lines = [];
  const feeds = /* @__PURE__ */ new Set();
  const view = createStateView(nowMs());
  let processes = [];
  let supervisor = null;
  let finished = false;
  const sockets = /* @__PURE__ */ new Set();
  const toState = async () => {
    const body = view.toBody(processes, finished);
    const nested = await Promise.all(
      processes.map((proc) => proc.spec.nested?.readRows() ?? Promise.resolve({}))
    );
    const rows = {};
    processes.forEach((proc, i) => {
      const own2 = body.processes[proc.name];
      if (own2 !== void 0) rows[proc.name] = own2;
      Object.assign(rows, nested[i]);
    });
    return { finished: body.finished, pid: process.pid, processes: rows };
  };
  const restart = async (name) => {
    if (supervisor === null || finished) {
      return { ok: false, error: "not_running", message: `${name} cannot be restarted: the run has ended` };
    }
    const slash = name.indexOf("/");
    const entry = slash < 0 ? void 0 : processes.find((proc) => proc.name === name.slice(0, slash));
    if (entry?.spec.nested === void 0) return supervisor.requestRestart(name);
    const { requestRestart: requestRestart2 } = await Promise.resolve().then(() => (init_status_client(), status_client_exports));
    let last = {
      ok: false,
      error: "not_running",
      message: `${entry.name} serves no state API: its sidecars cannot be restarted`
    };
    for (const address2 of entry.spec.nested.addresses) {
      try {
        return await requestRestart2(address2, name.slice(slash + 1));
      } catch (error) {
        last = { ok: false, error: "not_running", message: error.message };
      }
    }
    return last;
  };
  const reply = (res, status, body, headers) => sendJson(res, status, censor.value(body), headers);
  const handle = (req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const restartOf = RESTART_ROUTE.exec(url.pathname);
    if (restartOf !== null) {
      if (req.method !== "POST") {
        reply(
          res,
          405,
          { error: "method_not_allowed", message: "restart takes POST only" },
          { allow: "POST" }
        );
      } else if (address.kind !== "unix") {
        reply(res, 403, {
          error: "unix_socket_only",
          message: "restarts are served on the unix socket only: the state API has no authentication"
        });
      } else {
        const name = decodeURIComponent(restartOf[1] ?? "");
        void restart(name).then((answer) => reply(res, toRestartStatus(answer), answer));
      }
      return;
    }
    if (url.pathname === "/" && page !== null && address.kind === "tcp" && req.method === "GET") {
      void servePage(res, page, censor);
      return;
    }
    if (!ROUTES.includes(url.pathname)) {
      reply(res, 404, { error: "not_found", message: `no ${url.pathname}; try ${ROUTES.join(", ")}` });
      return;
    }
    if (req.method !== "GET") {
      reply(
        res,
        405,
        { error: "method_not_allowed", message: `${url.pathname} takes GET only` },
        { allow: "GET" }
      );
      return;
    }
    if (url.pathname === "/healthz") reply(res, 200, { ok: true, finished });
    else if (url.pathname === "/state") void toState().then((body) => reply(res, 200, body));
    else {
      res.writeHead(200, { "content-type": "application/x-ndjson", "cache-control": "no-store" });
      const feed = createEventFeed(lines, res, () => feeds.delete(feed));
      feeds.add(feed);
      res.once("close", () => feeds.delete(feed));
      if (finished) feed.finish();
      else feed.pump();
    }
  };
  const server = createServer(handle);
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.once("close", () => sockets.delete(socket));
  });
  await listenStatus(server, address, listenOpts);
  const bound = server.address();
  const text = address.kind === "tcp" && bound !== null && typeof bound === "object" ? toAddressText({ ...address, port: bound.port }) : toAddressText(address);
  const policy = {
    attach(sup) {
      processes = sup.processes;
      supervisor = sup;
      const onEvent = (event) => {
        view.apply(event);
        lines.push(`${JSON.stringify(censor.value(event))}
`);
        for (const feed of feeds) feed.pump();
      };
      for (const event of sup.bus.history) onEvent(event);
      const off = sup.bus.on(onEvent);
      return () => {
        off();
        finished = true;
        for (const feed of [...feeds]) feed.finish();
      };
    }
  };
  return {
    address: text,
    policy,
    async close() {
      finished = true;
      for (const feed of [...feeds]) feed.finish();
      const closed = new Promise((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      if (sockets.size > 0) {
        const timer = setTimeout(() => {
          for (const socket of sockets) socket.destroy();
        }, FEED_END_GRACE_MS);
        await closed;
        clearTimeout(timer);
      } else {
        await closed;
      }
    }
  };
}

// src/supervisor/wiring/run-observed.ts
init_errno_text();
init_status_address();

// src/supervisor/wiring/supervise.ts
init_clock();

// src/supervisor/model/events.ts
function createEventBus() {
  const listeners = /* @__PURE__ */ new Set();
  const history = [];
  return {
    history,
    emit(event) {
      history.push(event);
      for (const listener of [...listeners]) listener(event);
    },
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    }
  };
}

// src/supervisor/proc/escape-sweep.ts
var import_node_fs17 = require("node:fs");

// src/supervisor/proc/last-pid.ts
var import_node_fs14 = require("node:fs");
init_clock();

// src/supervisor/proc/process-table.ts
var import_node_fs13 = require("node:fs");
var import_node_os2 = require("node:os");

// src/supervisor/proc/proc-stat.ts
var SPACE = 32;
var CLOSE_PAREN = 41;
var DIGIT_0 = 48;
var DIGIT_9 = 57;
var PPID = 1;
var PGRP = 2;
var NUM_THREADS = 17;
var RSS = 21;
function readUint(bytes, start, end) {
  let value = -1;
  for (let j = start; j < end; j++) {
    const byte = bytes[j];
    if (byte < DIGIT_0 || byte > DIGIT_9) break;
    value = (value < 0 ? 0 : value * 10) + (byte - DIGIT_0);
  }
  return value;
}
function parseProcStat(bytes, length, pageSize) {
  const close2 = length > 0 ? bytes.lastIndexOf(CLOSE_PAREN, length - 1) : -1;
  if (close2 < 0) return null;
  const start = close2 + 2;
  const state = bytes[start];
  let ppid = -1;
  let pgid = -1;
  let threads = -1;
  let field = 0;
  for (let j = start; j < length; j++) {
    if (bytes[j] !== SPACE) continue;
    field += 1;
    if (field === PPID) ppid = readUint(bytes, j + 1, length);
    else if (field === PGRP) pgid = readUint(bytes, j + 1, length);
    else if (field === NUM_THREADS) threads = readUint(bytes, j + 1, length);
    else if (field === RSS) {
      const rssPages = readUint(bytes, j + 1, length);
      if (ppid < 0 || pgid < 0 || threads < 0 || rssPages < 0) return null;
      const zombie = state === 90 || state === 88;
      return { ppid, pgid, rssBytes: rssPages * pageSize, threads, zombie };
    }
  }
  return null;
}
function parseStatmRss(bytes, length, pageSize) {
  const end = Math.min(length, bytes.length);
  const size = readUint(bytes, 0, end);
  let i = 0;
  while (i < end && bytes[i] !== SPACE) i++;
  const resident = readUint(bytes, i + 1, end);
  if (size < 0 || resident < 0) return null;
  return size === 0 ? -1 : resident * pageSize;
}
function parseUints(bytes, length, into) {
  let value = -1;
  for (let i = 0; i <= length; i++) {
    const byte = i < length ? bytes[i] : SPACE;
    if (byte >= DIGIT_0 && byte <= DIGIT_9) value = (value < 0 ? 0 : value * 10) + (byte - DIGIT_0);
    else if (value >= 0) {
      into.push(value);
      value = -1;
    }
  }
}

// src/supervisor/proc/process-table.ts
var PROC = "/proc";
var AT_PAGESZ = 6n;
var AUXV_ENTRY_BYTES = 16;
var pageSizeBytes;
function parseAuxvPageSize(auxv, littleEndian) {
  for (let i = 0; i + AUXV_ENTRY_BYTES <= auxv.length; i += AUXV_ENTRY_BYTES) {
    const type = littleEndian ? auxv.readBigUInt64LE(i) : auxv.readBigUInt64BE(i);
    if (type !== AT_PAGESZ) continue;
    return Number(littleEndian ? auxv.readBigUInt64LE(i + 8) : auxv.readBigUInt64BE(i + 8));
  }
  return null;
}
function parseKernelPageSize(text) {
  const match = /^KernelPageSize:\s+(\d+) kB$/m.exec(text);
  return match?.[1] === void 0 ? null : Number(match[1]) * 1024;
}
var SMAPS_HEAD_BYTES = 4096;
function readAuxvPageSize() {
  return parseAuxvPageSize((0, import_node_fs13.readFileSync)(`${PROC}/self/auxv`), (0, import_node_os2.endianness)() === "LE");
}
function readSmapsPageSize() {
  const head = Buffer.alloc(SMAPS_HEAD_BYTES);
  const fd = (0, import_node_fs13.openSync)(`${PROC}/self/smaps`, "r");
  try {
    return parseKernelPageSize(head.toString("latin1", 0, (0, import_node_fs13.readSync)(fd, head, 0, head.length, 0)));
  } finally {
    (0, import_node_fs13.closeSync)(fd);
  }
}
function readPageSize() {
  if (pageSizeBytes === void 0) {
    pageSizeBytes = null;
    for (const read of [readAuxvPageSize, readSmapsPageSize]) {
      try {
        pageSizeBytes = read();
      } catch {
      }
      if (pageSizeBytes !== null) break;
    }
  }
  return pageSizeBytes;
}
var STAT_BUFFER = Buffer.alloc(4096);
function readStatInto(pid) {
  const fd = (0, import_node_fs13.openSync)(`${PROC}/${pid}/stat`, "r");
  try {
    return (0, import_node_fs13.readSync)(fd, STAT_BUFFER, 0, STAT_BUFFER.length, 0);
  } finally {
    (0, import_node_fs13.closeSync)(fd);
  }
}
function readProcessTable() {
  const pageSize = readPageSize();
  if (pageSize === null) throw new Error(`${PROC} does not say the page size`);
  const table = /* @__PURE__ */ new Map();
  for (const entry of (0, import_node_fs13.readdirSync)(PROC)) {
    const first = entry.charCodeAt(0);
    if (first < 48 || first > 57) continue;
    let length;
    try {
      length = readStatInto(entry);
    } catch {
      continue;
    }
    const row = parseProcStat(STAT_BUFFER, length, pageSize);
    if (row !== null) table.set(Number(entry), row);
  }
  return table;
}

// src/supervisor/proc/last-pid.ts
var LAST_PID_FILE = `${PROC}/sys/kernel/ns_last_pid`;
var buffer = Buffer.alloc(32);
var heldFd;
var recent = null;
var recentAt = -Infinity;
var RECENT_MS = 5;
function readLastPid() {
  if (heldFd === void 0) {
    try {
      heldFd = (0, import_node_fs14.openSync)(LAST_PID_FILE, "r");
    } catch {
      heldFd = null;
    }
  }
  if (heldFd === null) return null;
  try {
    const length = (0, import_node_fs14.readSync)(heldFd, buffer, 0, buffer.length, 0);
    const pid = Number(buffer.toString("latin1", 0, length).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    (0, import_node_fs14.closeSync)(heldFd);
    heldFd = void 0;
    return null;
  }
}
function readLastPidThisTurn() {
  const now = monotonicMs();
  if (now - recentAt >= RECENT_MS) {
    recent = readLastPid();
    recentAt = now;
  }
  return recent;
}

// src/supervisor/proc/token-listing.ts
var import_node_fs16 = require("node:fs");

// src/supervisor/proc/tree-tokens.ts
var import_node_fs15 = require("node:fs");
var TREE_TOKEN_VAR = "SIDECARS_TREES";
var NEEDLE = Buffer.from(`${TREE_TOKEN_VAR}=`);
var NUL = 0;
function withTreeToken(env, token) {
  const outer = env[TREE_TOKEN_VAR];
  return { ...env, [TREE_TOKEN_VAR]: outer === void 0 || outer === "" ? token : `${outer} ${token}` };
}
function toTreeTokensEnv(env) {
  const tokens = env[TREE_TOKEN_VAR];
  return tokens === void 0 || tokens === "" ? {} : { [TREE_TOKEN_VAR]: tokens };
}
function parseTreeTokens(environ, length, id) {
  const found = [];
  let at = environ.indexOf(NEEDLE);
  while (at >= 0 && at < length) {
    if (at === 0 || environ[at - 1] === NUL) {
      const start = at + NEEDLE.length;
      let end = environ.indexOf(NUL, start);
      if (end < 0 || end > length) end = length;
      for (const token of environ.toString("latin1", start, end).split(" ")) {
        const colon = token.lastIndexOf(":");
        if (colon < 0 || token.slice(0, colon) !== id) continue;
        const n = Number(token.slice(colon + 1));
        if (Number.isInteger(n)) found.push(n);
      }
      return found;
    }
    at = environ.indexOf(NEEDLE, at + 1);
  }
  return found;
}
var buffer2 = Buffer.alloc(16 * 1024);
function readEnviron(pid) {
  let fd;
  try {
    fd = (0, import_node_fs15.openSync)(`${PROC}/${pid}/environ`, "r");
  } catch {
    return -1;
  }
  try {
    let length = 0;
    for (; ; ) {
      if (length === buffer2.length) {
        const grown = Buffer.alloc(buffer2.length * 2);
        buffer2.copy(grown);
        buffer2 = grown;
      }
      const n = (0, import_node_fs15.readSync)(fd, buffer2, length, buffer2.length - length, length);
      if (n === 0) return length;
      length += n;
    }
  } catch {
    return -1;
  } finally {
    (0, import_node_fs15.closeSync)(fd);
  }
}
function readTreeToken(pid, id) {
  const length = readEnviron(pid);
  return length > 0 ? parseTreeTokens(buffer2, length, id)[0] ?? null : void 0;
}

// src/supervisor/proc/token-listing.ts
var MAX_UNREAD_TRIES = 3;
function listOthers() {
  const others2 = /* @__PURE__ */ new Map();
  try {
    for (const entry of (0, import_node_fs16.readdirSync)(PROC)) {
      const pid = Number(entry);
      if (Number.isInteger(pid)) others2.set(pid, null);
    }
  } catch {
  }
  return others2;
}
function createTokenListing(id) {
  let listedAt = readLastPid();
  let known = listOthers();
  let unread = /* @__PURE__ */ new Map();
  return {
    listNew() {
      const lastPid = readLastPid();
      if (lastPid !== null && lastPid === listedAt && unread.size === 0) return [];
      let entries;
      try {
        entries = (0, import_node_fs16.readdirSync)(PROC);
      } catch {
        return [];
      }
      listedAt = lastPid;
      const listed = /* @__PURE__ */ new Map();
      const stillUnread = /* @__PURE__ */ new Map();
      const found = [];
      for (const entry of entries) {
        const pid = Number(entry);
        if (!Number.isInteger(pid) || pid === process.pid) continue;
        let n = known.get(pid);
        const tries = unread.get(pid) ?? 0;
        if (n === void 0 || n === null && tries > 0) {
          const read = readTreeToken(pid, id);
          if (read === void 0 && tries < MAX_UNREAD_TRIES) stillUnread.set(pid, tries + 1);
          n = read ?? null;
          if (n !== null) found.push([pid, n]);
        }
        listed.set(pid, n);
      }
      known = listed;
      unread = stillUnread;
      return found;
    },
    get known() {
      return known;
    },
    get unsettled() {
      return unread.size;
    }
  };
}

// src/supervisor/proc/escape-sweep.ts
var MAX_END_SWEEPS = 8;
var MAX_PROBED_PIDS = 16;
function isStill(pid, id, n) {
  const read = readTreeToken(pid, id);
  return read === n || read === void 0;
}
function kill(pid) {
  try {
    process.kill(pid, "SIGKILL");
    return true;
  } catch {
    return false;
  }
}
function createEscapeSweep(id = `${process.pid}.${Date.now().toString(36)}`, enabled = (0, import_node_fs17.existsSync)(`${PROC}/self/environ`), maxProbedPids = MAX_PROBED_PIDS) {
  const numbers = /* @__PURE__ */ new Map();
  const named = /* @__PURE__ */ new Set();
  const trees = /* @__PURE__ */ new Map();
  const checks = /* @__PURE__ */ new Map();
  let next = 0;
  let helper = null;
  let checkEnded = false;
  const listing = createTokenListing(id);
  const sweep = () => listing.listNew();
  function dispatch(found) {
    let killed = 0;
    for (const [pid, n] of found) {
      const check = checks.get(n);
      if (check !== void 0) check.push(pid);
      else if (named.has(n)) trees.get(n)?.adopt(pid);
      else if (kill(pid)) killed += 1;
    }
    return killed;
  }
  function probeNew(from, again) {
    const to = readLastPid();
    if (to === null || to < from || to - from > maxProbedPids) return null;
    const found = [];
    const retry = [];
    const probe = (pid) => {
      const n = pid === process.pid ? null : readTreeToken(pid, id);
      if (n === void 0) retry.push(pid);
      else if (n !== null) found.push([pid, n]);
    };
    again.forEach(probe);
    for (let pid = from + 1; pid <= to; pid += 1) probe(pid);
    return { killed: dispatch(found), to, retry };
  }
  function killBorn(rootPid) {
    let from = rootPid;
    let retry = [];
    for (let round = 0; round < MAX_END_SWEEPS; round += 1) {
      const probed = from === null ? null : probeNew(from, retry);
      if (probed === null) {
        from = null;
        if (dispatch(sweep()) === 0 && listing.unsettled === 0) return;
      } else {
        if (probed.killed === 0 && probed.retry.length === 0) return;
        ({ to: from, retry } = probed);
      }
    }
  }
  return {
    tagEnv(name, env) {
      if (!enabled) return env;
      let n = numbers.get(name);
      if (n === void 0) {
        n = next++;
        numbers.set(name, n);
        named.add(n);
      }
      return withTreeToken(env, `${id}:${n}`);
    },
    tagHelper(env) {
      if (!enabled) return env;
      if (helper === null) named.add(helper = next++);
      return withTreeToken(env, `${id}:${helper}`);
    },
    track(name, tree) {
      const n = numbers.get(name);
      if (n !== void 0) trees.set(n, tree);
    },
    openCheck(env) {
      if (!enabled) return { env, end: () => void 0 };
      const n = next++;
      checks.set(n, []);
      return {
        env: withTreeToken(env, `${id}:${n}`),
        end(rootPid) {
          checkEnded = true;
          const seen = checks.get(n) ?? [];
          checks.delete(n);
          for (const pid of seen) if (isStill(pid, id, n)) kill(pid);
          if (rootPid !== null) killBorn(rootPid);
        }
      };
    },
    findEscaped(quiet = false) {
      if (!enabled || next === 0) return;
      if (quiet && checks.size === 0 && !checkEnded && listing.unsettled === 0) return;
      checkEnded = false;
      dispatch(sweep());
    },
    killAll() {
      if (!enabled || next === 0) return [];
      sweep();
      const killed = [];
      for (const [pid, n] of listing.known) {
        if (n === null || !isStill(pid, id, n)) continue;
        if (kill(pid)) killed.push(pid);
      }
      for (let round = 0; round < MAX_END_SWEEPS; round += 1) {
        const born = sweep().filter(([pid]) => kill(pid));
        if (born.length === 0 && listing.unsettled === 0) break;
        killed.push(...born.map(([pid]) => pid));
      }
      return killed;
    }
  };
}

// src/supervisor/proc/process-path.ts
var import_node_fs21 = require("node:fs");
init_errors();

// src/supervisor/proc/kill-tree.ts
init_memory();

// src/supervisor/proc/proc-tree-reader.ts
var import_node_fs19 = require("node:fs");
init_errors();

// src/supervisor/proc/proc-read.ts
var import_node_fs18 = require("node:fs");
var SEQ_FILE_COMPLETE_BELOW = 2048;
var MIN_READ_BYTES = 4096;
var buffer3 = Buffer.alloc(2 * MIN_READ_BYTES);
var procBufferLength = 0;
function preadAll(fd) {
  let length = 0;
  for (; ; ) {
    if (buffer3.length - length < MIN_READ_BYTES) {
      const grown = Buffer.alloc(buffer3.length * 2);
      buffer3.copy(grown, 0, 0, length);
      buffer3 = grown;
    }
    const n = (0, import_node_fs18.readSync)(fd, buffer3, length, buffer3.length - length, length);
    length += n;
    if (n < SEQ_FILE_COMPLETE_BELOW) return procBufferLength = length;
  }
}
function readFileOnce(file) {
  const fd = (0, import_node_fs18.openSync)(file, "r");
  try {
    return preadAll(fd);
  } finally {
    (0, import_node_fs18.closeSync)(fd);
  }
}
function procBuffer() {
  return buffer3;
}
function isUnchanged(fd, last) {
  const length = preadAll(fd);
  return last !== null && last.length === length && buffer3.compare(last, 0, length, 0, length) === 0;
}
function hasChanged(fd, held2) {
  if (isUnchanged(fd, held2.last)) return false;
  held2.last = Buffer.from(buffer3.subarray(0, procBufferLength));
  return true;
}

// src/supervisor/proc/proc-tree-reader.ts
var STAT_EVERY_READS = 4;
var newMember = (statFd) => ({
  statFd,
  statmFd: null,
  childrenFd: null,
  row: null,
  readsSinceStat: 0,
  childrenAt: null,
  schedFd: null,
  last: null,
  idle: false
});
function isGone(error) {
  const code = error.code;
  return code === "ESRCH" || code === "ENOENT";
}
function readChildren(pid, member, threads, into) {
  try {
    if (threads <= 1) {
      member.childrenFd ??= (0, import_node_fs19.openSync)(`${PROC}/${pid}/task/${pid}/children`, "r");
      const length = preadAll(member.childrenFd);
      parseUints(procBuffer(), length, into);
      return;
    }
    for (const tid of (0, import_node_fs19.readdirSync)(`${PROC}/${pid}/task`)) {
      try {
        const length = readFileOnce(`${PROC}/${pid}/task/${tid}/children`);
        parseUints(procBuffer(), length, into);
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    }
  } catch (error) {
    if (!isGone(error)) throw error;
  }
}
var hasSchedstat;
function openSchedstat(pid) {
  hasSchedstat ??= (0, import_node_fs19.existsSync)(`${PROC}/self/schedstat`);
  return hasSchedstat ? (0, import_node_fs19.openSync)(`${PROC}/${pid}/schedstat`, "r") : null;
}
function close(member) {
  (0, import_node_fs19.closeSync)(member.statFd);
  if (member.statmFd !== null) (0, import_node_fs19.closeSync)(member.statmFd);
  if (member.childrenFd !== null) (0, import_node_fs19.closeSync)(member.childrenFd);
  if (member.schedFd !== null) (0, import_node_fs19.closeSync)(member.schedFd);
}
function openProcTreeReader(rootPid) {
  const known = readPageSize();
  if (known === null) throw new SidecarError("invariant", `${PROC} does not say the page size`);
  const pageSize = known;
  const members2 = /* @__PURE__ */ new Map();
  const queue = [];
  let lastRows = null;
  let rootOpened = false;
  const openRoot = () => {
    try {
      members2.set(rootPid, newMember((0, import_node_fs19.openSync)(`${PROC}/${rootPid}/stat`, "r")));
    } catch (error) {
      if (!isGone(error)) throw error;
    }
    rootOpened = true;
  };
  try {
    openRoot();
  } catch {
  }
  function readRowOf(pid, member) {
    const last = member.row;
    member.idle = false;
    if (last !== null && last.threads === 1 && !last.zombie) {
      member.schedFd ??= openSchedstat(pid);
      if (member.schedFd !== null && !hasChanged(member.schedFd, member)) {
        member.idle = true;
        return last;
      }
      member.readsSinceStat = STAT_EVERY_READS;
    }
    if (last === null || member.readsSinceStat >= STAT_EVERY_READS - 1) {
      const length2 = preadAll(member.statFd);
      const row = parseProcStat(procBuffer(), length2, pageSize);
      if (row === null) throw new Error(`${PROC}/${pid}/stat is not in the expected format`);
      member.row = row;
      member.readsSinceStat = 0;
      return row;
    }
    member.statmFd ??= (0, import_node_fs19.openSync)(`${PROC}/${pid}/statm`, "r");
    const length = preadAll(member.statmFd);
    const rss = parseStatmRss(procBuffer(), length, pageSize);
    if (rss === null) throw new Error(`${PROC}/${pid}/statm is not in the expected format`);
    member.readsSinceStat += 1;
    const zombie = last.zombie || rss < 0;
    return { ppid: last.ppid, pgid: last.pgid, threads: last.threads, rssBytes: zombie ? 0 : rss, zombie };
  }
  function readRow(pid) {
    let member = members2.get(pid);
    try {
      if (member === void 0) {
        member = newMember((0, import_node_fs19.openSync)(`${PROC}/${pid}/stat`, "r"));
        members2.set(pid, member);
      }
      return { member, row: readRowOf(pid, member) };
    } catch (error) {
      if (!isGone(error)) throw error;
      if (member !== void 0) close(member);
      members2.delete(pid);
      return null;
    }
  }
  function isQuiet() {
    if (lastRows === null || lastRows.size !== members2.size) return false;
    try {
      for (const member of members2.values()) {
        const { row, schedFd } = member;
        if (row === null || row.threads !== 1 || row.zombie || schedFd === null) return false;
        if (!isUnchanged(schedFd, member.last)) return false;
      }
    } catch {
      return false;
    }
    return true;
  }
  return {
    adopt(pid) {
      if (members2.has(pid)) return;
      try {
        members2.set(pid, newMember((0, import_node_fs19.openSync)(`${PROC}/${pid}/stat`, "r")));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    },
    read() {
      if (lastRows !== null && isQuiet()) return lastRows;
      if (!rootOpened) openRoot();
      const lastPid = readLastPidThisTurn();
      const rows = /* @__PURE__ */ new Map();
      let allIdle = true;
      queue.length = 0;
      for (const pid of members2.keys()) queue.push(pid);
      for (let i = 0; i < queue.length; i++) {
        const pid = queue[i];
        if (rows.has(pid)) continue;
        const found = readRow(pid);
        if (found === null) {
          allIdle = false;
          continue;
        }
        rows.set(pid, found.row);
        const { member } = found;
        if (!member.idle) allIdle = false;
        if (found.row.zombie || member.idle || lastPid !== null && member.childrenAt === lastPid) continue;
        readChildren(pid, member, found.row.threads, queue);
        member.childrenAt = lastPid;
      }
      if (allIdle && lastRows !== null && lastRows.size === rows.size) return lastRows;
      lastRows = rows;
      return rows;
    }
  };
}

// src/supervisor/proc/kill-tree.ts
init_tree_tracker();
init_wait_tree_gone();
function refresh(tracker, reader) {
  try {
    const rows = reader.read();
    learnTree(tracker, rows);
    return rows;
  } catch {
    return null;
  }
}
function signalTree(tracker, reader, signal) {
  refresh(tracker, reader);
  signalKnown(tracker, signal);
}
function isAliveNow(tracker, reader) {
  const rows = refresh(tracker, reader);
  if (rows === null) return true;
  for (const row of rows.values()) if (!row.zombie) return true;
  if (![...tracker.groups].some((pgid) => exists(-pgid))) return false;
  try {
    return isTreeAlive(tracker, readProcessTable());
  } catch {
    return true;
  }
}
async function stopTree(tracker, reader, graceMs, clock, onForce = () => void 0, rootExited = null, termRootOnly = false) {
  const aliveNow = () => isAliveNow(tracker, reader);
  if (graceMs > 0) {
    if (termRootOnly) {
      refresh(tracker, reader);
      sendSignal(tracker.rootPid, "SIGTERM");
    } else {
      signalTree(tracker, reader, "SIGTERM");
    }
    if (await waitTreeGone(tracker, aliveNow, graceMs, clock, rootExited)) return { forced: false };
    onForce();
  }
  signalTree(tracker, reader, "SIGKILL");
  await waitTreeGone(tracker, aliveNow, KILL_SETTLE_MS, clock, rootExited);
  return { forced: graceMs > 0 };
}
function createTreeControl(rootPid, clock, rootExited = null) {
  const tracker = createTreeTracker(rootPid);
  const reader = openProcTreeReader(rootPid);
  let sampled = { rows: null, sample: null };
  return {
    stop: async (graceMs, onForce, termRootOnly = false) => {
      await stopTree(tracker, reader, graceMs, clock, onForce, rootExited, termRootOnly);
    },
    killNow: () => signalTree(tracker, reader, "SIGKILL"),
    adopt: (pid) => {
      if (tracker.pids.has(pid)) return;
      reader.adopt(pid);
      tracker.pids.add(pid);
    },
    /**
     * read synchronously (a poll reads every tree in one turn of the event loop, with no promise);
     * the very sample of the last call when the reader says nothing ran since; throws when the
     * tree cannot be read
     */
    sample: () => {
      const rows = reader.read();
      if (rows !== sampled.rows) {
        learnTree(tracker, rows);
        sampled = { rows, sample: toTreeSample(rows, rootPid) };
      }
      return sampled.sample;
    }
  };
}

// src/supervisor/proc/pss.ts
var import_node_fs20 = require("node:fs");
var KIB = 1024;
function parsePssBytes(text) {
  let kib = 0;
  let found = false;
  for (const match of text.matchAll(/^Pss:\s+(\d+) kB$/gm)) {
    kib += Number(match[1]);
    found = true;
  }
  return found ? kib * KIB : null;
}
function readPss(pid) {
  for (const file of ["smaps_rollup", "smaps"]) {
    let text;
    try {
      text = (0, import_node_fs20.readFileSync)(`${PROC}/${pid}/${file}`, "latin1");
    } catch (error) {
      const code = error.code;
      if (code === "ESRCH") return 0;
      if (code === "ENOENT" && file === "smaps_rollup") continue;
      return code === "ENOENT" ? 0 : null;
    }
    return text === "" ? 0 : parsePssBytes(text);
  }
  return null;
}
function readTreePssBytes(pids) {
  let total = 0;
  for (const pid of pids) {
    const pss = readPss(pid);
    if (pss === null) return null;
    total += pss;
  }
  return total;
}

// src/supervisor/proc/process-path.ts
var PROCESS_PATH_ENV = "SIDECARS_PROCESS_PATH";
var SETTINGS = ["auto", "proc", "portable"];
function parseProcessPathSetting(value) {
  if (value === void 0 || value === "") return "auto";
  const setting = SETTINGS.find((s) => s === value);
  if (setting !== void 0) return setting;
  throw new SidecarError(
    "usage",
    `${PROCESS_PATH_ENV}=${value} is not a process path`,
    "Write auto (the default: /proc where Linux has children files, else portable), proc or portable."
  );
}
function toProcessPath(setting, canReadProcTrees2) {
  if (setting === "portable") return "portable";
  if (canReadProcTrees2) return "proc";
  if (setting === "auto") return "portable";
  throw new SidecarError(
    "usage",
    `${PROCESS_PATH_ENV}=proc: this system has no ${PROC}/<pid>/task/<tid>/children files to read process trees from`,
    `Unset ${PROCESS_PATH_ENV} (auto) or write portable: trees are then read with ps.`
  );
}
function canReadProcTrees() {
  return (0, import_node_fs21.existsSync)(`${PROC}/self/task/${process.pid}/children`) && readPageSize() !== null;
}
var procPath = {
  path: "proc",
  open: (rootPid, clock, rootExited) => createTreeControl(rootPid, clock, rootExited),
  readPss: readTreePssBytes
};
async function loadTreeSource(path22, helperEnv) {
  if (path22 === "proc") return procPath;
  const { loadPortablePath: loadPortablePath2 } = await Promise.resolve().then(() => (init_portable_path(), portable_path_exports));
  return loadPortablePath2(helperEnv);
}

// src/supervisor/wiring/supervise.ts
var import_node_util2 = require("node:util");

// src/supervisor/proc/app-end.ts
var import_node_fs23 = require("node:fs");
var import_node_net3 = require("node:net");

// src/supervisor/proc/listener-pids.ts
var import_node_fs22 = require("node:fs");
var import_node_path6 = __toESM(require("node:path"), 1);
function parseListenerInodes(tables, port) {
  const inodes = /* @__PURE__ */ new Set();
  for (const text of tables) {
    for (const line of text.split("\n").slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (local === void 0 || inode === void 0 || state !== "0A" || inode === "0") continue;
      if (Number.parseInt(local.split(":").at(-1) ?? "", 16) === port) inodes.add(inode);
    }
  }
  return inodes;
}
function readOr(file) {
  try {
    return (0, import_node_fs22.readFileSync)(file, "utf8");
  } catch {
    return "";
  }
}
function readListenerPids(port, procDir = "/proc") {
  const tables = [readOr(import_node_path6.default.join(procDir, "net/tcp")), readOr(import_node_path6.default.join(procDir, "net/tcp6"))];
  const inodes = parseListenerInodes(tables, port);
  if (inodes.size === 0) return [];
  const pids = [];
  let entries;
  try {
    entries = (0, import_node_fs22.readdirSync)(procDir);
  } catch {
    return [];
  }
  for (const entry of entries) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    let fds;
    try {
      fds = (0, import_node_fs22.readdirSync)(import_node_path6.default.join(procDir, entry, "fd"));
    } catch {
      continue;
    }
    const holds = fds.some((fd) => {
      try {
        const match = /^socket:\[(\d+)\]$/.exec((0, import_node_fs22.readlinkSync)(import_node_path6.default.join(procDir, entry, "fd", fd)));
        return match?.[1] !== void 0 && inodes.has(match[1]);
      } catch {
        return false;
      }
    });
    if (holds) pids.push(Number(entry));
  }
  return pids;
}
function isPidRunning(pid, procDir = "/proc") {
  const stat3 = readOr(import_node_path6.default.join(procDir, String(pid), "stat"));
  if (stat3 === "") return false;
  const state = stat3.slice(stat3.lastIndexOf(")") + 2, stat3.lastIndexOf(")") + 3);
  return state !== "Z" && state !== "X";
}

// src/supervisor/proc/app-end.ts
var APP_END_POLL_MS = 50;
var LISTENER_SEARCH_MS = 100;
function isPortOpen(port) {
  return new Promise((resolve) => {
    const socket = (0, import_node_net3.connect)({ host: "127.0.0.1", port });
    const done = (open2) => {
      socket.destroy();
      resolve(open2);
    };
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
    socket.setTimeout(500, () => done(false));
  });
}
function readAppPidFile(file) {
  if (file === null) return [];
  let text;
  try {
    text = (0, import_node_fs23.readFileSync)(file, "latin1");
  } catch {
    return [];
  }
  const pid = /^(\d{1,10})\n$/.exec(text)?.[1];
  return pid !== void 0 && Number(pid) > 1 ? [Number(pid)] : [];
}
function createAppEndWatch(port, clock, appPidFile = null) {
  let pids = [];
  const search = () => {
    if (pids.length === 0) pids = readListenerPids(port);
  };
  search();
  const timer = setInterval(() => {
    search();
    if (pids.length > 0) clearInterval(timer);
  }, LISTENER_SEARCH_MS);
  timer.unref();
  return {
    async ended(signal) {
      clearInterval(timer);
      search();
      const known = pids.length > 0 ? pids : readAppPidFile(appPidFile);
      while (!signal.aborted) {
        const running2 = known.length > 0 ? known.some((pid) => isPidRunning(pid)) : await isPortOpen(port);
        if (!running2) return;
        await clock.sleep(APP_END_POLL_MS, signal);
      }
    },
    close: () => clearInterval(timer)
  };
}

// src/supervisor/health/pass-gate.ts
init_errors();

// src/supervisor/health/gate.ts
var GATE_POLL_MS = 10;
async function waitUntilHealthy(probe, opts) {
  const { clock, signal } = opts;
  const startedAt = clock.now();
  const deadline = startedAt + opts.timeoutMs;
  for (; ; ) {
    if (signal.aborted) return { kind: "aborted", waitedMs: clock.now() - startedAt };
    const result = await probe();
    if (signal.aborted) return { kind: "aborted", waitedMs: clock.now() - startedAt };
    if (result.ok) return { kind: "ready", waitedMs: clock.now() - startedAt };
    const left = deadline - clock.now();
    if (left <= 0) return { kind: "timeout", waitedMs: clock.now() - startedAt, lastDetail: result.detail };
    await clock.sleep(Math.min(opts.pollMs ?? GATE_POLL_MS, left), signal);
  }
}

// src/supervisor/health/wait-for-process.ts
function waitForProcess(proc, bus, signal, isReady) {
  if (isReady(proc)) return Promise.resolve("ready");
  return new Promise((resolve) => {
    const done = (outcome) => {
      off();
      signal.removeEventListener("abort", onAbort);
      resolve(outcome);
    };
    const onAbort = () => done("aborted");
    const off = bus.on((event) => {
      if (!("name" in event) || event.name !== proc.name) return;
      if (event.type === "process.exited" || event.type === "process.killed") done("aborted");
      else if (isReady(proc)) done("ready");
    });
    if (signal.aborted) done("aborted");
    else signal.addEventListener("abort", onAbort, { once: true });
  });
}
function waitForProcessHealthy(proc, bus, signal) {
  return waitForProcess(proc, bus, signal, (p) => p.state === "healthy");
}

// src/supervisor/health/pass-gate.ts
async function passGate(proc, gate, ctx) {
  const { byName, bus, clock, signal } = ctx;
  if (gate.kind === "process") {
    const other = byName.get(gate.name);
    if (other === void 0)
      throw new SidecarError("invariant", `${proc.name} waits for unknown ${gate.name}`);
    proc.markWaiting(`${gate.name} healthy`);
    const startedAt = clock.now();
    const outcome2 = await waitForProcessHealthy(other, bus, signal);
    if (outcome2 === "ready") {
      bus.emit({
        type: "gate.passed",
        name: proc.name,
        target: `${gate.name} healthy`,
        waitedMs: clock.now() - startedAt,
        at: clock.now()
      });
    }
    return outcome2 === "ready";
  }
  const { target, processType } = gate;
  proc.markWaiting(`${processType}: ${target.description}`);
  const probe = toProbe(target, {
    cwd: "/",
    env: toTreeTokensEnv(proc.spec.env),
    signal,
    ...ctx.openCheck ? { openCheck: ctx.openCheck } : {}
  });
  const outcome = await waitUntilHealthy(probe, {
    timeoutMs: target.check.timeoutMs,
    clock,
    signal
  });
  if (outcome.kind === "ready") {
    bus.emit({
      type: "gate.passed",
      name: proc.name,
      target: target.description,
      waitedMs: outcome.waitedMs,
      at: clock.now()
    });
    return true;
  }
  if (outcome.kind === "timeout") {
    const detail = `process type ${processType} did not become healthy: ${target.description} did not pass within ${Math.round(outcome.waitedMs / 1e3)} s (last: ${outcome.lastDetail})`;
    bus.emit({
      type: "gate.timed_out",
      name: proc.name,
      target: target.description,
      waitedMs: outcome.waitedMs,
      detail,
      at: clock.now()
    });
    await proc.stop("gate_timeout", 0, detail);
  }
  return false;
}

// src/supervisor/health/wait-for-dependency.ts
init_errors();
function isDependencyReady(proc) {
  return proc.state === "healthy" || proc.state === "running" && proc.spec.health === null;
}
function waitForDependency(proc, bus, signal) {
  return waitForProcess(proc, bus, signal, isDependencyReady);
}
function waitForHold(hold, signal) {
  if (signal.aborted) return Promise.resolve(false);
  return new Promise((resolve) => {
    const onAbort = () => resolve(false);
    signal.addEventListener("abort", onAbort, { once: true });
    void hold().then(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(!signal.aborted);
    });
  });
}
async function passDependencies(proc, byName, ctx) {
  const { bus, clock, signal } = ctx;
  const { holdStart } = proc.spec;
  if (holdStart !== void 0 && !await waitForHold(holdStart, signal)) return false;
  for (const name of proc.spec.dependsOn ?? []) {
    const other = byName.get(name);
    if (other === void 0) throw new SidecarError("invariant", `${proc.name} depends on unknown ${name}`);
    if (isDependencyReady(other)) continue;
    if (proc.state === "pending") proc.markWaiting(`${name} healthy`);
    const startedAt = clock.now();
    if (await waitForDependency(other, bus, signal) !== "ready") return false;
    bus.emit({
      type: "gate.passed",
      name: proc.name,
      target: `${name} healthy`,
      waitedMs: clock.now() - startedAt,
      at: clock.now()
    });
  }
  return true;
}

// src/supervisor/health/watch-health.ts
async function watchHealth(proc, target, ctx) {
  const { clock, bus, signal } = ctx;
  const run = proc.runs;
  const { cwd, env } = proc.spec;
  const probe = toProbe(target, { cwd, env, signal, ...ctx.openCheck ? { openCheck: ctx.openCheck } : {} });
  const isThisRun = (state) => proc.runs === run && proc.state === state;
  const ready = await waitUntilHealthy(probe, { timeoutMs: target.check.timeoutMs, clock, signal });
  if (ready.kind === "aborted" || !isThisRun("running")) return;
  if (ready.kind === "timeout") {
    const detail = `${target.description} did not pass within ${Math.round(ready.waitedMs / 1e3)} s (last: ${ready.lastDetail})`;
    bus.emit({ type: "health.failed", name: proc.name, target: target.description, detail, at: clock.now() });
    await proc.fail("unhealthy", ctx.graceMs, detail);
    return;
  }
  bus.emit({ type: "health.passed", name: proc.name, target: target.description, at: clock.now() });
  proc.markHealthy(target.description);
  const threshold = target.check.failureThreshold ?? 1;
  let failures = 0;
  while (await clock.sleep(target.check.intervalMs, signal)) {
    if (!isThisRun("healthy")) return;
    const result = await probe();
    if (signal.aborted || !isThisRun("healthy")) return;
    if (result.ok) {
      if (failures > 0) {
        bus.emit({ type: "health.passed", name: proc.name, target: target.description, at: clock.now() });
      }
      failures = 0;
      continue;
    }
    failures += 1;
    const count = threshold > 1 ? ` (${failures} of ${threshold} in a row)` : "";
    const detail = `liveness ${target.description} failed${count}: ${result.detail}`;
    bus.emit({
      type: "health.failed",
      name: proc.name,
      target: target.description,
      detail,
      ...threshold > 1 ? { consecutive: failures, threshold } : {},
      at: clock.now()
    });
    if (failures >= threshold) {
      await proc.fail("unhealthy", ctx.graceMs, detail);
      return;
    }
  }
}

// src/supervisor/health/readiness.ts
var readiness = { passGate, passDependencies, watchHealth };

// src/supervisor/policies/fail-fast.ts
var failFast = {
  attach(sup) {
    return sup.bus.on((event) => {
      if (event.type === "process.exited" || event.type === "process.killed") {
        sup.requestStop({ kind: "process", name: event.name });
      }
    });
  }
};

// src/supervisor/policies/forward-signals.ts
function createForwardSignals(signals) {
  return {
    attach(sup) {
      return signals.take((signal) => sup.requestStop({ kind: "signal", signal }));
    }
  };
}

// src/supervisor/policies/kill-on-exit.ts
var killOnExit = {
  attach(sup) {
    const handler = () => {
      for (const proc of sup.processes) proc.killNow();
    };
    process.on("exit", handler);
    return () => process.off("exit", handler);
  }
};

// src/supervisor/wiring/supervise.ts
init_log_events();

// src/supervisor/policies/restart-budget.ts
var RESTART_BASE_DELAY_MS = 1e3;
var RESTART_DELAY_FACTOR = 2;
var RESTART_MAX_DELAY_MS = 3e4;
var RESTART_RESET_AFTER_MS = 6e4;
function toBackoffMs(attempt2) {
  const exponent = Math.max(0, attempt2 - 1);
  return Math.min(RESTART_BASE_DELAY_MS * RESTART_DELAY_FACTOR ** exponent, RESTART_MAX_DELAY_MS);
}
function isRestartable(policy, end) {
  if (policy === "never") return false;
  switch (end.reason) {
    case "signal":
    case "oom":
    case "unhealthy":
      return true;
    case "exited":
      return end.exitCode !== 0 || policy === "always";
    case "stopped":
    case "spawn_failed":
    case "gate_timeout":
    case "restart_budget_exhausted":
      return false;
  }
}
function toResetBudget(budget, end) {
  const healthyMs = end.healthySince === null ? 0 : end.endedAt - end.healthySince;
  return healthyMs >= RESTART_RESET_AFTER_MS ? { ...budget, used: 0 } : budget;
}
function decideRestart(policy, budget, end) {
  const current = toResetBudget(budget, end);
  if (end.byOperator) return { kind: "restart", delayMs: 0, attempt: current.used, budget: current };
  if (!isRestartable(policy, end)) return { kind: "final" };
  if (current.used >= current.max) return { kind: "exhausted", budget: current };
  const attempt2 = current.used + 1;
  return { kind: "restart", delayMs: toBackoffMs(attempt2), attempt: attempt2, budget: { ...current, used: attempt2 } };
}

// src/supervisor/policies/restart.ts
var restartPolicy = {
  attach(sup) {
    const stopped = new AbortController();
    const waits = /* @__PURE__ */ new Map();
    const byName = new Map(sup.processes.map((proc) => [proc.name, proc]));
    for (const proc of sup.processes) {
      const policy = proc.spec.restart?.policy ?? "never";
      let budget = { used: 0, max: proc.spec.restart?.maxRestarts ?? 0 };
      proc.setRestartRule((end) => {
        if (sup.stopCause !== null) return { kind: "final" };
        const decision = decideRestart(policy, budget, end);
        if (decision.kind !== "final") budget = decision.budget;
        return decision;
      });
    }
    const backOffThenStart = async (proc, delayMs) => {
      const wait = new AbortController();
      waits.set(proc, wait);
      const cut = () => wait.abort();
      stopped.signal.addEventListener("abort", cut, { once: true });
      const waited = delayMs > 0 ? await sup.clock.sleep(delayMs, wait.signal) : true;
      stopped.signal.removeEventListener("abort", cut);
      waits.delete(proc);
      if (stopped.signal.aborted || proc.state !== "restarting") return;
      await proc.stopTree(sup.graceMs);
      const cause = delayMs === 0 ? "restarted at once" : `back-off of ${delayMs} ms over`;
      sup.relaunch(proc, waited ? cause : "back-off cut short by an operator");
    };
    const off = sup.bus.on((event) => {
      if (event.type === "supervisor.stop_requested") stopped.abort("stopping");
      if (event.type === "process.restarting") {
        const proc = byName.get(event.name);
        if (proc !== void 0) void backOffThenStart(proc, event.delayMs ?? 0);
      }
      if (event.type === "restart.requested") {
        const proc = byName.get(event.name);
        if (proc === void 0) return;
        if (proc.state === "restarting") waits.get(proc)?.abort();
        else void proc.restartNow(sup.graceMs);
      }
    });
    return () => {
      stopped.abort("detached");
      off();
    };
  }
};

// src/supervisor/core/spawn.ts
var import_node_fs24 = require("node:fs");
var import_node_stream = require("node:stream");

// src/supervisor/core/side-pipe.ts
function readSidePipe(stream, exited, onData, onDone) {
  let done = false;
  const finish = () => {
    if (done) return;
    done = true;
    stream?.destroy();
    onDone();
  };
  if (stream === null) return finish();
  stream.on("data", (chunk) => {
    if (!done && onData(chunk)) finish();
  });
  stream.once("end", finish);
  stream.once("error", finish);
  stream.once("close", finish);
  void exited.then(finish);
}

// src/supervisor/core/env-report.ts
var ENV_REPORT_FD = 3;
var MAX_REPORT_BYTES = 4 * 1024 * 1024;
var MAX_HELD_BYTES = 4 * 1024 * 1024;
function parseEnvReport(bytes) {
  const env = {};
  for (const record2 of bytes.toString("utf8").split("\0")) {
    if (record2 === "") break;
    const eq = record2.indexOf("=");
    if (eq > 0) env[record2.slice(0, eq)] = record2.slice(eq + 1);
  }
  return env;
}
function readEnvReport(stream, exited, onEnv) {
  const chunks = [];
  let size = 0;
  let lastByte = -1;
  return new Promise(
    (resolve) => readSidePipe(
      stream,
      exited,
      (chunk) => {
        const ended = chunk.includes("\0\0") || chunk[0] === 0 && (size === 0 || lastByte === 0);
        chunks.push(chunk);
        size += chunk.length;
        lastByte = chunk[chunk.length - 1] ?? lastByte;
        return ended || size > MAX_REPORT_BYTES;
      },
      () => {
        onEnv(parseEnvReport(Buffer.concat(chunks)));
        resolve();
      }
    )
  );
}
function writeWhenReady(ready, write) {
  let held2 = [];
  let heldBytes = 0;
  const release = () => {
    const waiting = held2 ?? [];
    held2 = null;
    for (const bytes of waiting) write(bytes);
  };
  void ready.then(release);
  return (bytes) => {
    if (held2 === null) return write(bytes);
    held2.push(Buffer.from(bytes));
    heldBytes += bytes.length;
    if (heldBytes > MAX_HELD_BYTES) release();
  };
}

// src/supervisor/core/prefixed-feeder.ts
init_errors();

// src/supervisor/core/release-chunk.ts
function releaseChunk(chunk) {
  const memory = chunk.buffer;
  if (chunk.byteOffset !== 0 || chunk.byteLength !== memory.byteLength || chunk.byteLength === 0) return;
  memory.transfer?.(0);
}

// src/supervisor/core/utf8-boundary.ts
var MAX_SEQUENCE_BYTES = 4;
var isContinuation2 = (byte) => byte !== void 0 && (byte & 192) === 128;
function toSequenceLength(lead) {
  if (lead >= 194 && lead <= 223) return 2;
  if (lead >= 224 && lead <= 239) return 3;
  if (lead >= 240 && lead <= 244) return 4;
  return 0;
}
function toCharBoundary(bytes, at) {
  if (at < bytes.length && !isContinuation2(bytes[at])) return at;
  for (let back = 1; back < MAX_SEQUENCE_BYTES && back <= at; back++) {
    const byte = bytes[at - back] ?? 0;
    if (isContinuation2(byte)) continue;
    return toSequenceLength(byte) > back ? at - back : at;
  }
  return at;
}

// src/supervisor/core/prefixed-feeder.ts
var NEWLINE2 = 10;
var MIN_CARRY_BYTES = 256;
var KEEP_CARRY_BYTES = 8 * 1024;
var EMPTY2 = Buffer.alloc(0);
function createPrefixedFeeder(source, prefixText) {
  const prefixBytes = Buffer.from(prefixText);
  if (prefixBytes.length + MAX_LINE_BYTES + 1 > OUTPUT_BUFFER_BYTES) {
    throw new SidecarError("invariant", `a line prefix of ${prefixBytes.length} bytes is too long`);
  }
  const prefixAfterNewline = `
${prefixBytes.toString("latin1")}`;
  let chunk = null;
  let at = 0;
  let carry = EMPTY2;
  let carried = 0;
  const keep = (from, start, length) => {
    const need = carried + length;
    if (need > carry.length) {
      let size = Math.max(MIN_CARRY_BYTES, carry.length);
      while (size < need) size *= 2;
      const grown = Buffer.allocUnsafeSlow(Math.min(size, MAX_LINE_BYTES + 1));
      carry.copy(grown, 0, 0, carried);
      releaseChunk(carry);
      carry = grown;
    }
    from.copy(carry, carried, start, start + length);
    carried = need;
  };
  const drop = (length) => {
    carried -= length;
    if (carry.length > KEEP_CARRY_BYTES && carried <= MIN_CARRY_BYTES) {
      const rest = carried === 0 ? EMPTY2 : Buffer.allocUnsafeSlow(MIN_CARRY_BYTES);
      carry.copy(rest, 0, length, length + carried);
      releaseChunk(carry);
      carry = rest;
    } else {
      carry.copyWithin(0, length, length + carried);
    }
  };
  const emitCarried = (out, length) => {
    let n = prefixBytes.copy(out, 0);
    n += carry.copy(out, n, 0, length);
    out[n++] = NEWLINE2;
    drop(length);
    return out.subarray(0, n);
  };
  const emitLines = (out, from, newline) => {
    let last = Math.max(newline, from.lastIndexOf(NEWLINE2, Math.min(from.length, at + MAX_LINE_BYTES) - 1));
    for (; ; ) {
      const rest = from.toString("latin1", at, last).replaceAll("\n", prefixAfterNewline);
      if (prefixBytes.length + carried + rest.length + 1 <= out.length) {
        let n = prefixBytes.copy(out, 0);
        n += carry.copy(out, n, 0, carried);
        n += out.write(rest, n, "latin1");
        out[n++] = NEWLINE2;
        at = last + 1;
        drop(carried);
        return out.subarray(0, n);
      }
      if (last === newline)
        throw new SidecarError("invariant", "a prefixed line does not fit the output buffer");
      last = Math.max(newline, from.lastIndexOf(NEWLINE2, at + Math.floor((last - at) / 2)));
    }
  };
  const take = (out, from) => {
    const newline = from.indexOf(NEWLINE2, at);
    if (newline >= 0 && carried + newline - at <= MAX_LINE_BYTES) return emitLines(out, from, newline);
    const length = Math.min(from.length - at, MAX_LINE_BYTES + 1 - carried);
    keep(from, at, length);
    at += length;
    if (carried < MAX_LINE_BYTES) return null;
    return emitCarried(out, toCharBoundary(carry.subarray(0, carried), MAX_LINE_BYTES));
  };
  return {
    next(out, ended) {
      for (; ; ) {
        if (chunk === null) {
          chunk = source.read();
          at = 0;
          if (chunk === null) return ended && carried > 0 ? emitCarried(out, carried) : null;
        }
        const piece = take(out, chunk);
        if (at >= chunk.length) {
          source.done(chunk);
          chunk = null;
        }
        if (piece !== null) return piece;
      }
    }
  };
}

// src/supervisor/core/raw-feeder.ts
function createRawFeeder(source) {
  let chunk = null;
  let at = 0;
  return {
    next(out) {
      if (chunk === null) {
        chunk = source.read();
        at = 0;
        if (chunk === null) return null;
      }
      const n = chunk.copy(out, 0, at);
      at += n;
      if (at >= chunk.length) {
        source.done(chunk);
        chunk = null;
      }
      return out.subarray(0, n);
    }
  };
}

// src/supervisor/core/read-pace.ts
init_clock();
var PACE_MS = 0.1;
var PACE_BELOW_BYTES = 16 * 1024;
var QUICK_MS = 0.5;
var cell = new Int32Array(new SharedArrayBuffer(4));
var canSleep = true;
function sleep(ms) {
  if (!canSleep) return;
  try {
    Atomics.wait(cell, 0, 0, ms);
  } catch {
    canSleep = false;
  }
}
var SYSTEM_CLOCK = {
  now: monotonicMs,
  sleep,
  lastWaitEnd: Number.NEGATIVE_INFINITY
};
function createReadPace(clock = SYSTEM_CLOCK) {
  let askedAt = Number.NEGATIVE_INFINITY;
  let gotAt = Number.NEGATIVE_INFINITY;
  let flooding = false;
  return {
    asked() {
      askedAt = clock.now();
    },
    got(length) {
      gotAt = clock.now();
      flooding = length < PACE_BELOW_BYTES && gotAt - askedAt < QUICK_MS;
      askedAt = Number.NEGATIVE_INFINITY;
    },
    beforeAsk() {
      if (!flooding) return;
      flooding = false;
      if (clock.lastWaitEnd > gotAt) return;
      clock.sleep(PACE_MS);
      clock.lastWaitEnd = clock.now();
    }
  };
}

// src/supervisor/core/pipe-lines.ts
function pipeLines(source, sink, prefix, opts = {}) {
  const { record: record2, release = false } = opts;
  const pace = createReadPace();
  const chunks = {
    read() {
      const asking = source.readableLength === 0 && !source.readableEnded;
      if (asking) {
        if (!slot.mayAsk()) return null;
        pace.beforeAsk();
      }
      const chunk = source.read();
      if (chunk === null) {
        if (asking) pace.asked();
        return null;
      }
      slot.got();
      pace.got(chunk.length);
      record2?.(chunk);
      return chunk;
    },
    done: release ? releaseChunk : () => void 0
  };
  const feeder = prefix === "" ? createRawFeeder(chunks) : createPrefixedFeeder(chunks, prefix);
  const slot = sink.attach(feeder);
  source.on("readable", slot.wake);
  return new Promise((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      void slot.end().then(() => {
        if (prefix === "") sink.endLine();
        resolve();
      });
    };
    source.once("end", finish);
    source.once("error", finish);
    source.once("close", finish);
  });
}

// src/supervisor/core/spawn.ts
function spawnCommand(command, opts) {
  const { reportEnv, onReady } = opts.output;
  const stdio = ["ignore", "pipe", "pipe"];
  if (reportEnv !== void 0) stdio[ENV_REPORT_FD] = "pipe";
  if (onReady !== void 0) {
    stdio[ENV_REPORT_FD] ??= "ignore";
    stdio[NESTED_READY_FD] = "pipe";
  }
  const child = withNoReadAhead(
    () => spawnBashCommand(command, { cwd: opts.cwd, env: opts.env, detached: true, stdio })
  );
  const exited = new Promise((resolve) => {
    child.once("exit", (exitCode, signal) => resolve({ kind: "exit", exitCode, signal }));
    child.once("error", (error) => resolve({ kind: "error", message: toSpawnError(error, opts.cwd) }));
  });
  const ready = onReady === void 0 ? null : child.stdio[NESTED_READY_FD];
  if (onReady !== void 0) readSidePipe(ready ?? null, exited, () => true, onReady);
  const report = child.stdio[ENV_REPORT_FD];
  const reported = reportEnv === void 0 || !report ? null : readEnvReport(report, exited, reportEnv);
  let outputDone = Promise.resolve();
  if (child.stdout !== null && child.stderr !== null) {
    const { stdout, stderr, record: record2 } = opts.output;
    const write = record2 === void 0 || reported === null ? record2 : writeWhenReady(reported, record2);
    outputDone = Promise.all([
      pipeLines(child.stdout, stdout.sink, stdout.prefix, { record: write, release: true }),
      pipeLines(child.stderr, stderr.sink, stderr.prefix, { record: write, release: true })
    ]).then(() => void 0);
  }
  const closeOutput = () => {
    child.stdout?.destroy();
    child.stderr?.destroy();
    report?.destroy();
    ready?.destroy();
  };
  return { pid: child.pid, exited, outputDone, closeOutput };
}
function withNoReadAhead(create) {
  const previous = (0, import_node_stream.getDefaultHighWaterMark)(false);
  (0, import_node_stream.setDefaultHighWaterMark)(false, 0);
  try {
    return create();
  } finally {
    (0, import_node_stream.setDefaultHighWaterMark)(false, previous);
  }
}
function toSpawnError(error, cwd) {
  if (error.code === "ENOENT" && !(0, import_node_fs24.existsSync)(cwd))
    return `its working directory ${cwd} does not exist (any more)`;
  return error.message;
}

// src/supervisor/core/stop-signals.ts
var import_node_os3 = require("node:os");
init_errors();
var STOP_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
function createStopSignals(source) {
  let pending = null;
  let taken = false;
  let onSignal = null;
  for (const signal of STOP_SIGNALS) {
    source.on(signal, () => {
      if (onSignal !== null) onSignal(signal);
      else if (!taken) pending ??= signal;
    });
  }
  return {
    get pending() {
      return pending;
    },
    take(handler) {
      if (onSignal !== null) throw new SidecarError("invariant", "two supervisors hold the stop signals");
      onSignal = handler;
      taken = true;
      const early = pending;
      pending = null;
      if (early !== null) handler(early);
      return () => {
        if (onSignal === handler) onSignal = null;
      };
    },
    toExitCode(exitCode) {
      return pending === null ? exitCode : toSignalExitCode(import_node_os3.constants.signals[pending]);
    }
  };
}
var HOLD = /* @__PURE__ */ Symbol.for("sidecar-buildpack.stop-signals");
function holdStopSignals() {
  const global = globalThis;
  global[HOLD] ??= createStopSignals(process);
  return global[HOLD];
}

// src/supervisor/core/supervisor.ts
init_errors();

// src/supervisor/core/exit-code.ts
var import_node_os4 = require("node:os");
init_errors();
init_nested_end();
function signalNumber(signal) {
  return import_node_os4.constants.signals[signal];
}
function toExitCode(cause, results) {
  if (cause?.kind === "signal") return toSignalExitCode(signalNumber(cause.signal));
  const first = cause?.kind === "process" ? results.find((r) => r.name === cause.name) : results[0];
  if (first === void 0) return EXIT.failure;
  switch (first.reason) {
    case "gate_timeout":
    case "unhealthy":
    case "spawn_failed":
      return EXIT.failure;
    case "restart_budget_exhausted":
      if (first.lastRunReason === "unhealthy") return EXIT.failure;
      return toStatusExitCode(first);
    case "exited":
    case "signal":
    case "oom":
    case "stopped":
      return toStatusExitCode(first);
  }
}
function toStatusExitCode(first) {
  if (first.signal !== null) return toSignalExitCode(signalNumber(first.signal));
  if (first.exitCode !== null && first.exitCode !== 0) return first.exitCode;
  return EXIT.failure;
}
function toEndDescription(result) {
  const status = result.signal !== null ? `signal ${result.signal}` : result.exitCode !== null ? `code ${result.exitCode}` : null;
  switch (result.reason) {
    case "exited":
      return `${result.name} exited with ${status ?? "no status"}`;
    case "signal":
      return `${result.name} was killed by ${status ?? "a signal"}`;
    case "oom":
      return `${result.name} was killed: ${result.detail ?? "it exceeded its memory limit"}`;
    case "gate_timeout":
    case "unhealthy":
      return `${result.name} was stopped: ${result.detail ?? result.reason}`;
    case "restart_budget_exhausted":
      return `${result.name} was not restarted again: ${result.detail ?? "max_restarts spent"}`;
    case "spawn_failed":
      return `${result.name} could not be started: ${result.detail ?? "spawn failed"}`;
    case "stopped":
      return `${result.name} was stopped${status !== null ? ` (${status})` : ""}`;
  }
}
function toNestedFirst(result) {
  const nested = result.nested;
  if (nested === void 0 || nested.first === null) return null;
  const first = nested.processes[nested.first];
  return first === void 0 ? null : toNestedResult(nested.first, first);
}
function toFirstDescription(result) {
  const first = toNestedFirst(result);
  if (first === null) return toEndDescription(result);
  const description = toEndDescription(first);
  return result.name === first.name ? description : `${description} (${result.name})`;
}
function toLeafNames(result) {
  const names = Object.keys(result.nested?.processes ?? {});
  return names.length === 0 ? [result.name] : names.map((name) => toNestedName(result.name, name));
}
function toForcedNames(result) {
  const nested = Object.entries(result.nested?.processes ?? {}).filter(([, proc]) => proc.forced).map(([name]) => toNestedName(result.name, name));
  return result.forced ? [result.name, ...nested] : nested;
}
function toSummary(cause, results) {
  const all = results.flatMap(toLeafNames).length;
  const forced = results.flatMap(toForcedNames);
  const tail = forced.length > 0 ? `; killed after the grace period: ${forced.join(", ")}` : "";
  if (cause?.kind === "signal") return `received ${cause.signal}: stopped ${all} process(es)${tail}`;
  const first = cause?.kind === "process" ? results.find((r) => r.name === cause.name) : results[0];
  if (first === void 0) return `nothing ran${tail}`;
  const others2 = all - (toNestedFirst(first) !== null ? 1 : toLeafNames(first).length);
  return `${toFirstDescription(first)}${others2 > 0 ? `; stopped ${others2} other process(es)` : ""}${tail}`;
}

// src/supervisor/core/run-end.ts
function toRunEndFacts(exit, ending) {
  const failed = exit.kind === "error";
  const exitCode = failed ? null : exit.exitCode;
  const signal = failed ? null : exit.signal;
  const reason = failed ? "spawn_failed" : ending?.reason ?? (signal !== null ? "signal" : "exited");
  const detail = failed ? exit.message : ending?.detail ?? null;
  const to = ending !== null && !failed ? "killed" : "exited";
  return { failed, exitCode, signal, reason, detail, to };
}
function toRunEndStep(decision, facts, run) {
  if (decision.kind === "restart") {
    const reason = run.byOperator ? "operator" : facts.reason;
    const { exitCode, signal } = facts;
    const { delayMs, attempt: attempt2 } = decision;
    const record2 = { exit_code: exitCode, signal, reason, at: run.endedAt, delay_ms: delayMs };
    const transition = { exitCode, signal, reason, attempt: attempt2, delayMs };
    return { kind: "restart", record: record2, delayMs, transition };
  }
  if (decision.kind === "exhausted") {
    const how = toRunEndText(facts.reason, facts.exitCode, facts.signal, facts.detail);
    const detail = `restarted ${run.restarts} time(s), max_restarts ${decision.budget.max} spent; its last run ${how}`;
    const { name, restarts, endedAt } = run;
    const { exitCode, signal, reason } = facts;
    const event = {
      type: "restart.budget_exhausted",
      name,
      restarts,
      exitCode,
      signal,
      reason,
      at: endedAt
    };
    return { kind: "exhausted", detail, event };
  }
  return { kind: "final" };
}
function toRunEndText(reason, exitCode, signal, detail) {
  if (detail !== null) return `ended (${reason}): ${detail}`;
  if (signal !== null) return `was killed by ${signal}`;
  return `exited with code ${exitCode ?? "?"}`;
}

// src/supervisor/core/sample-run.ts
function sampleRun(tree, isSameRun) {
  const sample = tree.sample();
  if (!(sample instanceof Promise)) return sample;
  return sample.then(
    (read) => isSameRun() ? read : void 0,
    (error) => {
      if (!isSameRun()) return void 0;
      throw error;
    }
  );
}
function noteSample(proc, sample) {
  if (sample === void 0) return null;
  if (sample !== null) proc.peakRssBytes = Math.max(proc.peakRssBytes ?? 0, sample.rssBytes);
  proc.rssBytes = sample?.rssBytes ?? null;
  return sample;
}

// src/supervisor/core/managed-process.ts
var ManagedProcess = class {
  constructor(spec, deps) {
    this.spec = spec;
    this.deps = deps;
    this.ended = new Promise((resolve) => this.resolveEnded = resolve);
  }
  spec;
  deps;
  state = "pending";
  pid = null;
  peakRssBytes = null;
  /** the last memory sample of its tree (null: none yet, or it has ended) */
  rssBytes = null;
  ended;
  resolveEnded;
  startedAt = null;
  /** the final stop: once set, no run of it starts again */
  stopping = null;
  forced = false;
  /** what `ended` resolved with: a stop of its leftovers that needed SIGKILL still marks it forced */
  result = null;
  tree = null;
  handle = null;
  /** its whole tree is known to be gone: stopping again has nothing to do */
  treeGone = false;
  /** every output of every run, for the drain at the end */
  handles = [];
  /** how many times it was spawned: a health watch belongs to one run */
  runs = 0;
  /** every run that ended and was restarted, oldest first */
  restarts = [];
  /** epoch ms of its next start while `restarting`, else null */
  nextStartAt = null;
  /** when this run became healthy (spawned, for a process without a check of its own) */
  healthySince = null;
  /** this run is being stopped to end only this run (a failure, an operator's restart) */
  cycling = null;
  restartRule = null;
  get name() {
    return this.spec.name;
  }
  get outputDone() {
    return Promise.all(this.handles.map((handle) => handle.outputDone)).then(() => void 0);
  }
  /** Gives up on output still to come (see ChildHandle.closeOutput). */
  closeOutput() {
    for (const handle of this.handles) handle.closeOutput();
  }
  /** Lets the restart policy decide what the end of each run means (without: every end is final). */
  setRestartRule(rule) {
    this.restartRule = rule;
  }
  /** The only writer of `state`: checks legality, stamps the time, emits one event. */
  transition(to, cause, extra = {}) {
    assertTransition(this.name, this.state, to);
    this.state = to;
    this.deps.bus.emit({
      ...extra,
      type: `process.${to}`,
      name: this.name,
      cause,
      at: this.deps.clock.now()
    });
  }
  markWaiting(cause) {
    this.transition("waiting", cause);
  }
  markHealthy(cause) {
    if (this.state !== "running") return;
    this.healthySince = this.deps.clock.now();
    this.transition("healthy", cause);
  }
  /** Spawns it: the first run (`cause`: its gate opened) or the next one, from `restarting`. */
  start(cause = "gate open") {
    this.transition("starting", this.state === "restarting" ? `restart: ${cause}` : cause);
    this.nextStartAt = null;
    this.cycling = null;
    this.forced = false;
    this.treeGone = false;
    this.tree = null;
    this.pid = null;
    this.healthySince = null;
    this.runs += 1;
    const { command, cwd, output } = this.spec;
    const env = this.deps.tagEnv?.(this.name, this.spec.env) ?? this.spec.env;
    const handle = this.deps.spawner(command, { cwd, env, output });
    this.handle = handle;
    this.handles.push(handle);
    const { pid } = handle;
    void handle.exited.then((exit) => this.onExit(exit, handle));
    if (pid === void 0) return;
    this.pid = pid;
    this.tree = this.deps.openTree(pid, handle.exited, this.name);
    this.startedAt = this.deps.clock.now();
    if (this.spec.health === null) this.healthySince = this.startedAt;
    this.transition("running", "spawned", { pid });
  }
  onExit(exit, handle) {
    if (handle !== this.handle) return;
    const facts = toRunEndFacts(exit, this.stopping ?? this.cycling);
    const { exitCode, signal, reason, detail, to } = facts;
    if (this.stopping === null && !facts.failed && this.restartRule !== null) {
      const endedAt = this.deps.clock.now();
      const byOperator = this.cycling?.byOperator ?? false;
      const healthySince = this.healthySince;
      const decision = this.restartRule({ reason, exitCode, healthySince, endedAt, byOperator });
      const restarts = this.restarts.length;
      const step = toRunEndStep(decision, facts, { name: this.name, endedAt, byOperator, restarts });
      if (step.kind === "restart") {
        this.restarts.push(step.record);
        this.nextStartAt = endedAt + step.delayMs;
        this.rssBytes = null;
        this.transition("restarting", detail ?? reason, step.transition);
        return;
      }
      if (step.kind === "exhausted") {
        this.deps.bus.emit(step.event);
        this.finish(to, "restart_budget_exhausted", exitCode, signal, step.detail, reason);
        return;
      }
    }
    this.finish(to, reason, exitCode, signal, detail);
  }
  finish(to, reason, exitCode, signal, detail, lastRunReason) {
    const endedAt = this.deps.clock.now();
    this.rssBytes = null;
    this.transition(to, detail ?? reason, { exitCode, signal, reason });
    const { name, startedAt, peakRssBytes, forced } = this;
    const nested = this.spec.nested?.readEnd() ?? null;
    this.result = { name, exitCode, signal, reason, forced, peakRssBytes, startedAt, endedAt, detail };
    if (nested !== null) this.result.nested = nested;
    if (this.restarts.length > 0) this.result.restarts = [...this.restarts];
    if (lastRunReason !== void 0) this.result.lastRunReason = lastRunReason;
    this.resolveEnded(this.result);
  }
  /**
   * Stops the process with `reason`: never started \u2192 killed at once; live \u2192 its tree gets SIGTERM,
   * then SIGKILL after graceMs. On an already ended process it stops what its tree left behind.
   */
  async stop(reason, graceMs, detail = null) {
    if (!isTerminal(this.state)) this.stopping ??= { reason, detail };
    if (this.state === "pending" || this.state === "waiting") {
      this.finish("killed", this.stopping?.reason ?? reason, null, null, this.stopping?.detail ?? detail);
      return;
    }
    if (this.state === "restarting") {
      this.nextStartAt = null;
      this.finish("killed", this.stopping?.reason ?? reason, null, null, this.stopping?.detail ?? detail);
    }
    if (this.treeGone) return this.ended.then(() => void 0);
    await this.tree?.stop(
      graceMs,
      // the root may have gone on SIGTERM while a descendant of it needed the SIGKILL
      () => this.markForced(true),
      this.spec.nested !== void 0
    );
    this.treeGone = true;
    await this.ended;
  }
  /**
   * Ends this run because of a failure (`oom`, `unhealthy`): its tree gets SIGTERM, then SIGKILL
   * after graceMs. Whether it starts again is the restart rule's to decide when it has exited;
   * without one (or for a policy of never) this is stop().
   */
  async fail(reason, graceMs, detail = null) {
    if (this.restartRule === null) return this.stop(reason, graceMs, detail);
    if (!isLive(this.state) || this.stopping !== null || this.cycling !== null) return;
    this.cycling = { reason, detail, byOperator: false };
    await this.stopTree(graceMs);
  }
  /**
   * `sidecars restart NAME`: a graceful stop of this run (SIGTERM, SIGKILL after graceMs), then a
   * new run at once; not a failure, whatever its policy. False when there is no run to end.
   */
  async restartNow(graceMs) {
    if (!isLive(this.state) || this.stopping !== null || this.cycling !== null) return false;
    this.cycling = { reason: "stopped", detail: "restarted by an operator", byOperator: true };
    await this.stopTree(graceMs);
    return true;
  }
  /** Stops what is left of this run's tree (a run that ended may leave descendants behind). */
  async stopTree(graceMs) {
    if (this.treeGone) return;
    await this.tree?.stop(graceMs, () => this.markForced(false));
  }
  /** The grace period ran out on its tree: SIGKILL follows; `ended` too: its result says so. */
  markForced(ended) {
    this.forced = true;
    if (ended && this.result !== null) this.result.forced = true;
    const { name, pid } = this;
    if (pid !== null)
      this.deps.bus.emit({ type: "process.kill_forced", name, pid, at: this.deps.clock.now() });
  }
  killNow() {
    this.tree?.killNow();
  }
  /**
   * Memory poll: the tree's sample (null if it is gone or not running, or if this run ended while
   * it was read), synchronous where the tree is read so (TreeControl.sample). Throws or rejects when
   * the tree cannot be read: a failed sample is never a 0.
   */
  observe() {
    const tree = this.tree;
    if (tree === null || !isLive(this.state)) return null;
    const sample = sampleRun(tree, () => tree === this.tree && isLive(this.state));
    return sample instanceof Promise ? sample.then((read) => noteSample(this, read)) : noteSample(this, sample);
  }
};

// src/supervisor/core/stop-order.ts
var LAST_STOP_RESERVE_MS = 2e3;
function stopInOrder(processes, deps) {
  const { clock, graceMs } = deps;
  const startedAt = clock.now();
  const reserveMs = Math.min(LAST_STOP_RESERVE_MS, Math.floor(graceMs / 2));
  const waitUntil = startedAt + graceMs - reserveMs;
  const done = new AbortController();
  const stopOne = async (proc) => {
    const waits = processes.filter((other) => other.spec.dependsOn?.includes(proc.name) === true).map((other) => other.ended);
    const afterApp = proc.spec.stopAfterApp;
    const watch = afterApp === void 0 ? void 0 : deps.appEnd(afterApp.port);
    if (watch !== void 0) waits.push(watch.ended(done.signal));
    if (waits.length > 0 && isLive(proc.state)) {
      const waitMs = Math.max(0, waitUntil - clock.now());
      await Promise.race([Promise.all(waits), clock.sleep(waitMs, done.signal)]);
    }
    await proc.stop("stopped", Math.max(startedAt + graceMs - clock.now(), reserveMs));
  };
  return Promise.all(processes.map((proc) => stopOne(proc))).finally(() => done.abort("stopped"));
}

// src/supervisor/core/supervisor.ts
var OUTPUT_DRAIN_MS = 1e3;
async function runSupervisor(opts) {
  const { deps, graceMs, readiness: readiness2 } = opts;
  const { bus, clock } = deps;
  const names = /* @__PURE__ */ new Set();
  for (const spec of opts.specs) {
    if (names.has(spec.name)) throw new SidecarError("invariant", `two processes are named ${spec.name}`);
    names.add(spec.name);
  }
  const processes = opts.specs.map((spec) => new ManagedProcess(spec, deps));
  const byName = new Map(processes.map((proc) => [proc.name, proc]));
  const abort = new AbortController();
  const appEnds = /* @__PURE__ */ new Map();
  for (const spec of opts.specs) {
    const port = spec.stopAfterApp?.port;
    if (port !== void 0 && deps.watchAppEnd !== void 0 && !appEnds.has(port))
      appEnds.set(port, deps.watchAppEnd(port));
  }
  const checks = deps.openCheck === void 0 ? {} : { openCheck: deps.openCheck };
  let stopCause = null;
  let stopped = Promise.resolve();
  const handle = {
    bus,
    clock,
    processes,
    graceMs,
    get stopCause() {
      return stopCause;
    },
    findEscaped: (quiet) => deps.findEscaped?.(quiet),
    relaunch(proc, cause) {
      if (abort.signal.aborted || proc.state !== "restarting") return;
      proc.start(cause);
      void watchOwnHealth(proc);
    },
    requestRestart(name) {
      const proc = byName.get(name);
      if (proc === void 0) {
        const known = processes.map((p) => p.name).join(", ");
        return {
          ok: false,
          error: "unknown_process",
          message: `no process is named ${name}; known: ${known}`
        };
      }
      if (proc.spec.record?.type === "process") {
        return { ok: false, error: "not_a_sidecar", message: `${name} is the app's process, not a sidecar` };
      }
      if (proc.spec.nested !== void 0) {
        return {
          ok: false,
          error: "not_a_sidecar",
          message: `${name} is a \`sidecars exec\` entry; name one of its sidecars (${name}/NAME)`
        };
      }
      const { state } = proc;
      if (stopCause !== null || !["running", "healthy", "restarting"].includes(state)) {
        const why = stopCause !== null ? "the supervisor is stopping" : `it is ${state}`;
        return { ok: false, error: "not_running", message: `${name} cannot be restarted: ${why}` };
      }
      bus.emit({ type: "restart.requested", name, by: "operator", at: clock.now() });
      return { ok: true, state };
    },
    requestStop(cause) {
      if (stopCause !== null) return;
      stopCause = cause;
      bus.emit({
        type: "supervisor.stop_requested",
        cause: cause.kind === "process" ? cause.name : cause.signal,
        ...cause.kind === "signal" ? { signal: cause.signal } : {},
        at: clock.now()
      });
      abort.abort(cause);
      deps.findEscaped?.();
      const liveFirst = [...processes].sort(
        (a, b) => Number(isTerminal(a.state)) - Number(isTerminal(b.state))
      );
      const appEnd = (port) => cause.kind === "signal" ? appEnds.get(port) : void 0;
      stopped = stopInOrder(liveFirst, { clock, graceMs, appEnd });
    }
  };
  function watchOwnHealth(proc) {
    const { health } = proc.spec;
    if (health === null || proc.state !== "running") return Promise.resolve();
    return readiness2.watchHealth(proc, health, { clock, bus, signal: abort.signal, graceMs, ...checks });
  }
  async function launch(proc) {
    if (abort.signal.aborted) return;
    const { gate } = proc.spec;
    if (gate !== null && !await readiness2.passGate(proc, gate, { byName, bus, clock, signal: abort.signal, ...checks })) {
      if (proc.state === "waiting") await proc.stop("stopped", 0, `its gate closed: ${JSON.stringify(gate)}`);
      return;
    }
    if (!await readiness2.passDependencies(proc, byName, { bus, clock, signal: abort.signal })) {
      if (proc.state === "waiting") await proc.stop("stopped", 0, "a sidecar it depends on ended");
      return;
    }
    if (abort.signal.aborted) return;
    proc.start();
    await watchOwnHealth(proc);
  }
  const detachers = opts.policies.map((policy) => policy.attach(handle));
  try {
    await Promise.all(processes.map((proc) => launch(proc)));
    const results = await Promise.all(processes.map((proc) => proc.ended));
    await stopped;
    deps.findEscaped?.();
    await Promise.all(processes.map((proc) => proc.stop("stopped", graceMs)));
    const drained = new AbortController();
    await Promise.race([
      Promise.all(processes.map((proc) => proc.outputDone)),
      clock.sleep(OUTPUT_DRAIN_MS, drained.signal)
    ]);
    drained.abort("drained");
    for (const proc of processes) proc.closeOutput();
    const exitCode = toExitCode(stopCause, results);
    const summary = toSummary(stopCause, results);
    bus.emit({ type: "supervisor.finished", exitCode, summary, at: clock.now() });
    return { results, cause: stopCause, exitCode, summary };
  } finally {
    for (const watch of appEnds.values()) watch.close();
    for (const detach of detachers) detach();
  }
}

// src/common/string-env.ts
function toStringEnv(env) {
  const out = {};
  for (const [key, value] of Object.entries(env)) if (value !== void 0) out[key] = value;
  return out;
}

// src/supervisor/wiring/supervise.ts
var DEFAULT_GRACE_MS = 8e3;
var debug = (0, import_node_util2.debuglog)("sidecars");
async function supervise(opts) {
  const sweep = createEscapeSweep();
  const helperEnv = opts.processPath === "portable" ? sweep.tagHelper(toStringEnv(process.env)) : void 0;
  const trees = await loadTreeSource(opts.processPath, helperEnv);
  debug("process path: %s", trees.path);
  const killEscaped = () => void sweep.killAll();
  process.on("exit", killEscaped);
  try {
    return await superviseWith(opts, sweep, trees);
  } finally {
    killEscaped();
    process.off("exit", killEscaped);
  }
}
function superviseWith(opts, sweep, trees) {
  return runSupervisor({
    specs: opts.specs,
    graceMs: opts.graceMs,
    readiness,
    deps: {
      spawner: spawnCommand,
      clock: realClock,
      bus: opts.bus ?? createEventBus(),
      openTree: (pid, exited, name) => {
        const tree = trees.open(pid, realClock, exited);
        sweep.track(name, tree);
        return tree;
      },
      tagEnv: (name, env) => sweep.tagEnv(name, env),
      findEscaped: (quiet) => sweep.findEscaped(quiet),
      openCheck: (env) => sweep.openCheck(env),
      watchAppEnd: (port) => createAppEndWatch(port, realClock, opts.appPidFile ?? null)
    },
    policies: [
      createLogEvents(opts.logger),
      killOnExit,
      failFast,
      restartPolicy,
      createMemoryLimit({
        intervalMs: opts.memoryIntervalMs,
        readPss: (pids) => trees.readPss(pids),
        ...opts.onMemorySample === void 0 ? {} : { onSample: opts.onMemorySample }
      }),
      ...opts.extraPolicies ?? [],
      // last: a signal that arrived before supervision stops the run as it attaches, seen by all the others
      createForwardSignals(holdStopSignals())
    ]
  });
}

// src/supervisor/records/write-records.ts
var import_node_fs30 = require("node:fs");
var import_node_path14 = __toESM(require("node:path"), 1);
init_errors();
init_fs();
init_censor();

// src/supervisor/records/log-tail.ts
var import_node_fs25 = require("node:fs");
var MAX_BODY_BYTES = 64 * 1024 * 1024;
function openPart(part) {
  try {
    const fd = (0, import_node_fs25.openSync)(part, "r");
    return { fd, size: (0, import_node_fs25.fstatSync)(fd).size };
  } catch {
    return null;
  }
}
function readLogTail(parts, tailBytes) {
  const opened = parts.map(openPart);
  try {
    const total = opened.reduce((sum, part) => sum + (part?.size ?? 0), 0);
    const limit = Math.min(tailBytes ?? MAX_BODY_BYTES, MAX_BODY_BYTES);
    let skip = Math.max(0, total - limit);
    const out = Buffer.alloc(total - skip);
    let at = 0;
    for (const part of opened) {
      if (part === null) continue;
      const from = Math.min(skip, part.size);
      skip -= from;
      for (let position = from; position < part.size && at < out.length; ) {
        const n = (0, import_node_fs25.readSync)(part.fd, out, at, Math.min(part.size - position, out.length - at), position);
        if (n === 0) break;
        position += n;
        at += n;
      }
    }
    return at === out.length ? out : out.subarray(0, at);
  } finally {
    for (const part of opened) if (part !== null) (0, import_node_fs25.closeSync)(part.fd);
  }
}

// src/supervisor/records/write-records.ts
init_records();

// src/supervisor/records/story-files.ts
var import_node_fs26 = require("node:fs");
var import_node_path7 = __toESM(require("node:path"), 1);
init_fs();
init_fs_async();
init_event_log();
init_memory_series();
var STORY_FLUSH_MS = 5e3;
function startStoryFiles(dir, specs, opts) {
  const eventsFile = import_node_path7.default.join(dir, EVENTS_FILE);
  const memoryFile = import_node_path7.default.join(dir, MEMORY_FILE);
  const log = createEventLog();
  const series = new Map(
    specs.map((spec) => [spec.name, createMemorySeries(opts.pollMs, spec.memoryLimitBytes)])
  );
  let fd = (0, import_node_fs26.openSync)(eventsFile, "w", 420);
  let fdInUse = Promise.resolve();
  const closeEvents = () => {
    const closing = fd;
    fd = -1;
    void fdInUse.then(() => {
      try {
        (0, import_node_fs26.closeSync)(closing);
      } catch {
      }
    });
  };
  let eventsDirty = false;
  let memoryDirty = true;
  let writes = Promise.resolve();
  const memoryText = (nowMs) => `${JSON.stringify(toMemoryRecord(opts.pollMs, nowMs, series))}
`;
  const replace = async (file, text) => {
    const tmp = import_node_path7.default.join(dir, `.${import_node_path7.default.basename(file)}.${process.pid}.tmp`);
    try {
      await writeFileAsync(tmp, text);
      await renameAsync(tmp, file);
    } catch (error) {
      await rmAsync(tmp, { force: true });
      throw error;
    }
  };
  const write = (durable, nowMs = Date.now()) => {
    const next = writes.then(async () => {
      const put = durable ? writeFileAtomic : replace;
      let events;
      if (eventsDirty) {
        eventsDirty = false;
        events = put(eventsFile, toEventsText(log));
      } else if (durable && fd >= 0) {
        const syncing = syncFile(fd);
        fdInUse = syncing.catch(() => void 0);
        events = syncing;
      }
      let memory;
      if (memoryDirty || durable) {
        memoryDirty = false;
        memory = put(memoryFile, memoryText(nowMs));
      }
      await settleAll([events ?? Promise.resolve(), memory ?? Promise.resolve()]);
    });
    writes = next.catch(() => void 0);
    return next;
  };
  const timer = setInterval(() => void write(false).catch(() => void 0), opts.flushMs ?? STORY_FLUSH_MS);
  timer.unref();
  return {
    files: [eventsFile, memoryFile],
    event(event) {
      const line = toEventLine(event);
      if (line === null) return;
      const text = JSON.stringify(opts.censor.value(line));
      const rewrite = addEventLine(log, text, event.at);
      if (!rewrite && fd >= 0) {
        try {
          (0, import_node_fs26.writeSync)(fd, `${text}
`);
          return;
        } catch {
        }
      }
      if (fd >= 0) closeEvents();
      eventsDirty = true;
    },
    sample(name, atMs, rssBytes, pssBytes) {
      let one = series.get(name);
      if (one === void 0) {
        one = createMemorySeries(opts.pollMs, null);
        series.set(name, one);
      }
      if (addMemorySample(one, atMs, rssBytes, pssBytes)) memoryDirty = true;
    },
    flush: () => write(false).catch(() => void 0),
    finish: (nowMs) => write(true, nowMs),
    async close() {
      clearInterval(timer);
      await write(false).catch(() => void 0);
      if (fd >= 0) closeEvents();
      await fdInUse;
    }
  };
}

// src/supervisor/records/write-records.ts
function toRecorder(log) {
  return (bytes) => {
    if (log.fd < 0) return;
    try {
      if (log.tailBytes !== null && log.segmentBytes > 0 && log.segmentBytes + bytes.length > log.tailBytes) {
        (0, import_node_fs30.closeSync)(log.fd);
        log.fd = -1;
        (0, import_node_fs30.renameSync)(log.tmp, log.prev);
        log.fd = (0, import_node_fs30.openSync)(log.tmp, "w", 420);
        log.segmentBytes = 0;
      }
      (0, import_node_fs30.writeSync)(log.fd, bytes);
      log.segmentBytes += bytes.length;
      log.writtenBytes += bytes.length;
    } catch {
    }
  };
}
var toParts = (log) => log.tailBytes === null ? [log.tmp] : [log.prev, log.tmp];
var loadReportWriter = () => Promise.resolve().then(() => (init_write_report(), write_report_exports));
async function completeLog(log) {
  if (log.fd < 0) return;
  const fd = log.fd;
  log.fd = -1;
  if (log.tailBytes !== null) {
    (0, import_node_fs30.closeSync)(fd);
    await writeFileAtomic(log.final, readLogTail([log.prev, log.tmp], log.tailBytes));
    (0, import_node_fs30.rmSync)(log.prev, { force: true });
    (0, import_node_fs30.rmSync)(log.tmp, { force: true });
  } else {
    try {
      await syncFile(fd);
    } finally {
      (0, import_node_fs30.closeSync)(fd);
    }
    try {
      (0, import_node_fs30.renameSync)(log.tmp, log.final);
    } catch {
      (0, import_node_fs30.rmSync)(log.tmp, { force: true });
    }
  }
}
async function startRecords(dir, source, specs, opts) {
  const tailBytes = opts.logTailBytes ?? null;
  const censor = opts.censor ?? NO_CENSOR;
  const toJson = (record2) => `${JSON.stringify(censor.value(record2), null, 2)}
`;
  const logs = /* @__PURE__ */ new Map();
  const censored = /* @__PURE__ */ new Map();
  let story = null;
  try {
    await ensureDir(dir);
    await writeFileAtomic(import_node_path14.default.join(dir, STARTED_FILE), toJson(toStartedRecord(opts.nowMs, source, specs)));
    story = startStoryFiles(dir, specs, { pollMs: opts.memoryPollMs ?? 1e3, censor });
    for (const spec of specs) {
      const base = toRecordFileBase(spec.name);
      const tmp = import_node_path14.default.join(dir, `.${base}.log.tmp`);
      const log = {
        fd: (0, import_node_fs30.openSync)(tmp, "w", 420),
        tmp,
        prev: import_node_path14.default.join(dir, `.${base}.log.prev`),
        final: import_node_path14.default.join(dir, `${base}.log`),
        tailBytes,
        segmentBytes: 0,
        writtenBytes: 0
      };
      logs.set(spec.name, log);
      censored.set(spec.name, censor.stream(toRecorder(log)));
    }
  } catch (error) {
    for (const log of logs.values()) (0, import_node_fs30.closeSync)(log.fd);
    await story?.close();
    throw new SidecarError(
      "usage",
      `cannot write run records to ${dir}: ${error.message}`,
      "Pass an --artifacts DIR the supervisor can create and write.",
      { cause: error }
    );
  }
  const recorded = specs.map((spec) => {
    const stream = censored.get(spec.name);
    if (stream === void 0) throw new SidecarError("invariant", `no log file for ${spec.name}`);
    return { ...spec, output: { ...spec.output, record: (bytes) => stream.write(bytes) } };
  });
  const writeReport2 = async () => {
    const { REPORT_FILE: REPORT_FILE2, writeReport: write } = await loadReportWriter();
    await write(dir, { logTailBytes: tailBytes, censor });
    return REPORT_FILE2;
  };
  const written = story;
  if (written === null) throw new SidecarError("invariant", `no events.jsonl in ${dir}`);
  return {
    specs: recorded,
    story: written,
    writeReport: writeReport2,
    logs: () => [...logs.values()].map((log) => ({
      file: import_node_path14.default.basename(log.final),
      parts: log.fd < 0 ? [log.final] : toParts(log),
      tailBytes: log.tailBytes,
      writtenBytes: log.writtenBytes
    })),
    async finish(outcome, nowMs) {
      for (const stream of censored.values()) stream.end();
      const page = loadReportWriter();
      page.catch(() => void 0);
      await settleAll([
        ...[...logs.values()].map(completeLog),
        ...outcome.results.map(
          (result) => writeFileAtomic(import_node_path14.default.join(dir, `${toRecordFileBase(result.name)}.exit`), toExitMarker(result))
        ),
        written.finish(nowMs)
      ]);
      await writeFileAtomic(import_node_path14.default.join(dir, FINISHED_FILE), toJson(toFinishedRecord(nowMs, outcome)));
      await (await page).writeReport(dir, { logTailBytes: tailBytes, censor });
    }
  };
}

// src/supervisor/wiring/run-observed.ts
init_censor();
function toRunIdentity(request2) {
  const { origin } = request2;
  return {
    id: request2.runId,
    app: origin.app,
    process_type: origin.processType,
    instance_index: origin.instanceIndex
  };
}
async function runObserved(opts) {
  const { logger } = opts;
  const censor = opts.censor ?? NO_CENSOR;
  const server = opts.status !== null ? await openStatus(opts.status, logger, censor) : null;
  let recorder = null;
  let upload = null;
  let unsubscribe = () => void 0;
  try {
    const bus = opts.bus ?? createEventBus();
    if (opts.artifacts !== null) {
      const { dir, source, logTailBytes } = opts.artifacts;
      const { upload: request2 } = opts;
      const run = request2 === null ? void 0 : toRunIdentity(request2);
      recorder = await startRecords(dir, { ...source, ...run === void 0 ? {} : { run } }, opts.specs, {
        nowMs: Date.now(),
        logTailBytes,
        censor,
        memoryPollMs: opts.memoryIntervalMs
      });
      const { story } = recorder;
      unsubscribe = bus.on((event) => story.event(event));
      if (request2 !== null) {
        const { startUpload: startUpload2 } = await Promise.resolve().then(() => (init_start_upload(), start_upload_exports));
        upload = startUpload2(request2, { dir, recorder, bus, logger });
      }
    }
    const supervised = await supervise({
      ...opts,
      bus,
      specs: recorder?.specs ?? opts.specs,
      ...recorder === null ? {} : { onMemorySample: recorder.story.sample },
      extraPolicies: [
        ...opts.extraPolicies ?? [],
        ...server !== null ? [server.policy] : [],
        ...upload !== null ? [upload.upload.policy] : []
      ]
    });
    const outcome = { ...supervised, summary: censor.text(supervised.summary) };
    const failures = [];
    await recorder?.finish(outcome, Date.now()).catch((error) => failures.push(error));
    const finishing = upload;
    upload = null;
    await finishing?.finish().catch((error) => failures.push(error));
    unsubscribe();
    await recorder?.story.close();
    for (const error of failures) {
      logger.error(
        { event: "records.write_failed", error: error.message },
        `could not write the run records: ${error.message}`
      );
    }
    return failures.length > 0 && outcome.exitCode === 0 ? { ...outcome, exitCode: 1 } : outcome;
  } finally {
    unsubscribe();
    await recorder?.story.close();
    upload?.stop();
    await server?.close();
  }
}
async function openStatus(status, logger, censor) {
  const reasons = [];
  const by = status.by ?? "a sidecars supervisor";
  const tries = [
    { address: status.address, listenOpts: { privateDirOf: null, by } },
    ...status.fallback === void 0 ? [] : [{ address: status.fallback.address, listenOpts: { privateDirOf: status.fallback.uid, by } }]
  ];
  for (let i = 0; i < tries.length; i++) {
    const { address, listenOpts } = tries[i];
    try {
      const page = address.kind === "tcp" ? status.page ?? null : null;
      const server = await startStatusServer(address, Date.now, listenOpts, censor, page);
      const insteadOf = reasons.length > 0 ? { instead_of: toAddressText(status.address), cause: reasons[0] } : {};
      const pageUrl = page === null ? null : `http://${server.address}/`;
      logger.info(
        {
          event: "status.listening",
          address: server.address,
          ...pageUrl === null ? {} : { page: pageUrl },
          ...insteadOf
        },
        `${pageUrl === null ? "state API on" : `live report page: ${pageUrl} (state API on`} ${server.address}${pageUrl === null ? "" : ")"}${reasons.length > 0 ? ` (${reasons.join("; ")})` : ""}`
      );
      return server;
    } catch (error) {
      const failure2 = error instanceof SidecarError ? error : new SidecarError("usage", `cannot listen on ${toAddressText(address)}: ${toErrnoText(error)}`);
      if (status.required) throw failure2;
      reasons.push(failure2.message);
      if (failure2 instanceof SocketHeldError && address.kind === "unix" && toSocketSuffixPid(address.path) === null) {
        tries.splice(i + 1, 0, { address: toSuffixedSocket(address, process.pid), listenOpts });
      }
    }
  }
  logger.warn(
    { event: "status.unavailable", address: toAddressText(status.address), cause: reasons.join("; ") },
    `no state API: ${reasons.join("; ")}`
  );
  return null;
}

// src/cli/exec.ts
init_status_address();

// src/cli/version.ts
var import_node_fs32 = require("node:fs");
var import_node_path19 = __toESM(require("node:path"), 1);
var import_node_url = require("node:url");
function resolveBuildpackDir() {
  return process.env["SIDECAR_BUILDPACK_DIR"] ?? import_node_path19.default.resolve(import_node_path19.default.dirname((0, import_node_url.fileURLToPath)(__sidecarsImportMetaUrl)), "../../..");
}
function readBuildpackVersion() {
  return (0, import_node_fs32.readFileSync)(import_node_path19.default.join(resolveBuildpackDir(), "VERSION"), "utf8").trim();
}

// src/cli/command-args.ts
var import_node_util3 = require("node:util");

// src/cli/cli-values.ts
init_errors();
function toNonNegativeInt(value, fallback, flag) {
  if (value === void 0) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new SidecarError("usage", `${flag} takes a whole number \u2265 0, not "${value}"`);
  return n;
}

// src/cli/records-flags.ts
var import_node_path20 = __toESM(require("node:path"), 1);
init_errors();

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
var BYTE_SIZE_HINT = "Write a whole number of bytes, or a size with a unit: 512K, 1M, 4MiB (1024-based).";
function parseByteSize(value) {
  if (typeof value === "number") {
    return Number.isInteger(value) && value > 0 ? { ok: true, bytes: value } : { ok: false, reason: `${value} is not a whole number of bytes` };
  }
  if (typeof value !== "string")
    return { ok: false, reason: `${JSON.stringify(value) ?? String(value)} is not a size` };
  const match = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(value);
  const factor = match === null ? void 0 : UNITS[(match[2] ?? "").toLowerCase()];
  if (match === null || factor === void 0) return { ok: false, reason: `"${value}" is not a size` };
  const bytes = Number(match[1]) * factor;
  return bytes > 0 && Number.isSafeInteger(bytes) ? { ok: true, bytes } : { ok: false, reason: `"${value}" is not a size` };
}
function formatByteSize(bytes) {
  for (const [unit, factor] of [
    ["G", 1024 ** 3],
    ["M", 1024 ** 2],
    ["K", 1024]
  ]) {
    if (bytes % factor === 0) return `${bytes / factor}${unit}`;
  }
  return String(bytes);
}

// src/cli/records-flags.ts
init_s3_url();

// src/config/schema-defaults.ts
var DEFAULT_LOG_TAIL_BYTES2 = 1024 * 1024;
var MIN_LOG_TAIL_BYTES = 4 * 1024;
var MAX_LOG_TAIL_BYTES = 64 * 1024 * 1024;
var DEFAULT_UPLOAD_INTERVAL_S = 60;

// src/cli/records-flags.ts
init_run_key();
var RECORDS_OPTIONS = {
  artifacts: { type: "string" },
  upload: { type: "string" },
  "log-tail": { type: "string" },
  "upload-interval": { type: "string" },
  "run-name": { type: "string" }
};
function toRecordsHelp(column) {
  const rows = [
    ["--artifacts DIR", ["write run records: started.json, finished.json, <name>.log, <name>.exit"]],
    [
      "--upload s3://BUCKET[/PREFIX]",
      [
        "upload the run records there (credentials: a bound service, else AWS_*);",
        "without --artifacts they are kept in $TMPDIR/sidecars-records/"
      ]
    ],
    [
      "--log-tail SIZE",
      [
        "keep only the last SIZE of each log (512K, 1M; default: whole logs",
        "with --artifacts, 1M otherwise)"
      ]
    ],
    [
      "--upload-interval S",
      [
        "seconds between uploads of what changed: log tails, events,",
        "memory, the page (0: start and end only)"
      ]
    ],
    ["--run-name APP", ["<app> in the store's layout (default: the app's name)"]]
  ];
  const lines = [];
  for (const [flag, text] of rows) {
    const head = `  ${flag}`;
    if (head.length < column) lines.push(`${head.padEnd(column)}${text[0] ?? ""}`);
    else lines.push(head, `${" ".repeat(column)}${text[0] ?? ""}`);
    for (const more of text.slice(1)) lines.push(`${" ".repeat(column)}${more}`);
  }
  return lines.join("\n");
}
function toLogTail(text) {
  const parsed = parseByteSize(text);
  if (!parsed.ok) throw new SidecarError("usage", `--log-tail: ${parsed.reason}`, BYTE_SIZE_HINT);
  if (parsed.bytes < MIN_LOG_TAIL_BYTES || parsed.bytes > MAX_LOG_TAIL_BYTES) {
    throw new SidecarError(
      "usage",
      `--log-tail ${text}: outside ${formatByteSize(MIN_LOG_TAIL_BYTES)}..${formatByteSize(MAX_LOG_TAIL_BYTES)}`,
      BYTE_SIZE_HINT
    );
  }
  return parsed.bytes;
}
function toRecordsOptions(values, ctx) {
  if (values.upload !== void 0) {
    const parsed = parseS3Url(values.upload);
    if (!parsed.ok) throw new SidecarError("usage", `--upload: ${parsed.reason}`, S3_URL_HINT);
  }
  const url = values.upload ?? ctx.config?.upload ?? null;
  const service = values.upload === void 0 ? ctx.config?.service ?? null : null;
  const uploading = url !== null || service !== null;
  const logTailBytes = values["log-tail"] !== void 0 ? toLogTail(values["log-tail"]) : values.artifacts !== void 0 ? null : ctx.config?.logTailBytes ?? DEFAULT_LOG_TAIL_BYTES2;
  if (!uploading) {
    if (values.artifacts === void 0) return { artifacts: null, upload: null };
    return {
      artifacts: { dir: import_node_path20.default.resolve(values.artifacts), source: ctx.source, logTailBytes },
      upload: null
    };
  }
  const intervalMs = values["upload-interval"] !== void 0 ? toNonNegativeInt(values["upload-interval"], 0, "--upload-interval") * 1e3 : ctx.config?.intervalMs ?? DEFAULT_UPLOAD_INTERVAL_S * 1e3;
  const runId = toRunId(Date.now());
  const origin = toRunOrigin(ctx.env["VCAP_APPLICATION"], {
    ...ctx.fallbackOrigin,
    instanceIndex: ctx.env["CF_INSTANCE_INDEX"]
  });
  if (values["run-name"] !== void 0) origin.app = values["run-name"];
  const tmpDir = ctx.env["TMPDIR"] || "/tmp";
  const dir = values.artifacts !== void 0 ? import_node_path20.default.resolve(values.artifacts) : import_node_path20.default.join(tmpDir, "sidecars-records", ctx.entry, runId);
  return {
    artifacts: { dir, source: ctx.source, logTailBytes },
    upload: { url, service, intervalMs, origin, runId, finalDeadline: ctx.finalDeadline }
  };
}

// src/cli/log-format.ts
init_errors();

// src/supervisor/core/log.ts
var import_pino = __toESM(require_pino(), 1);
var NO_CENSOR2 = { text: (text) => text, value: (value) => value };
function toCensoredLine(line, censor) {
  if (censor.text(line) === line) return line;
  try {
    return `${JSON.stringify(censor.value(JSON.parse(line)))}
`;
  } catch {
    return censor.text(line);
  }
}
function createLogger(opts) {
  const sink = createSharedSink(opts.stream);
  const censor = opts.censor ?? NO_CENSOR2;
  const destination = {
    write: (json) => {
      const line = toCensoredLine(json, censor);
      sink.writeLine(opts.toLine === void 0 ? line : censor.text(opts.toLine(line)));
    }
  };
  return (0, import_pino.pino)(
    {
      name: opts.name,
      base: null,
      timestamp: import_pino.pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) }
    },
    destination
  );
}

// src/supervisor/policies/event-text.ts
init_log_events();
function createEventMemory() {
  return { runningAt: /* @__PURE__ */ new Map(), ended: /* @__PURE__ */ new Set(), seen: /* @__PURE__ */ new Set() };
}
function toShortTarget(target) {
  const match = /^(\w+) check on (?:https?:\/\/)?(?:127\.0\.0\.1|localhost)(:\d+.*)$/.exec(target);
  return match === null ? target : `${match[1]} ${match[2]}`;
}
function toDurationText(ms) {
  if (ms < 1e3) return `${Math.round(ms)} ms`;
  if (ms < 1e4) return `${(ms / 1e3).toFixed(1)} s`;
  return `${Math.round(ms / 1e3)} s`;
}
function toEndText(exitCode, signal) {
  if (typeof signal === "string") return `killed by ${signal}`;
  if (typeof exitCode === "number")
    return exitCode === 0 ? "exited (code 0)" : `exited with code ${exitCode}`;
  return "ended";
}
function toCause(cause, ...plain) {
  return cause === void 0 || cause === "" || plain.includes(cause) ? "" : ` (${cause})`;
}
function others(count) {
  return count === 1 ? "1 other" : `${count} others`;
}
var PHRASES = {
  "process.pending": (e) => `${e.name} pending${toCause(e.cause)}`,
  "process.waiting": (e) => {
    const gate = /^([^:\s]+): (.+)$/.exec(e.cause);
    return `${e.name} waiting for ${gate === null ? e.cause : `${gate[1]} (${toShortTarget(gate[2] ?? "")})`}`;
  },
  "process.starting": (e) => e.cause.startsWith("restart: ") ? `${e.name} starting again` : `${e.name} starting${toCause(e.cause, "gate open")}`,
  "process.running": (e) => `${e.name} running${e.pid === void 0 ? "" : ` (pid ${e.pid})`}`,
  "process.healthy": (e, memory) => {
    const startedAt = memory.runningAt.get(e.name);
    const after = startedAt === void 0 ? "" : `, ${toDurationText(Math.max(0, e.at - startedAt))}`;
    return `${e.name} healthy (${toShortTarget(e.cause)}${after})`;
  },
  "process.restarting": (e) => {
    const delay = e.delayMs === void 0 ? "" : ` in ${toDurationText(e.delayMs)}`;
    if (e.reason === "operator") return `${e.name} restarting${delay} (asked by an operator)`;
    const attempt2 = e.attempt === void 0 || e.attempt === 0 ? "" : ` (restart ${e.attempt})`;
    return `${e.name} ${toEndText(e.exitCode, e.signal)}; restarting${delay}${attempt2}`;
  },
  "process.exited": (e) => {
    if (e.reason === "exited" || e.reason === "signal") return `${e.name} ${toEndText(e.exitCode, e.signal)}`;
    return `${e.name} ${toEndText(e.exitCode, e.signal)}${toCause(e.cause, e.reason ?? "")}`;
  },
  "process.killed": (e) => {
    const how = typeof e.signal === "string" ? ` (${e.signal})` : "";
    if (e.reason === "stopped" || e.reason === void 0) return `${e.name} stopped${how}`;
    return `${e.name} stopped${how}: ${e.cause}`;
  },
  "gate.passed": (e) => `${e.name} may start: ${toShortTarget(e.target)} passed${e.waitedMs >= 100 ? ` after ${toDurationText(e.waitedMs)}` : ""}`,
  "gate.timed_out": (e) => `${e.name} will not start: ${e.detail}`,
  "health.passed": (e) => `${e.name} health check passed (${toShortTarget(e.target)})`,
  "health.failed": (e) => `${e.name}: ${e.detail}`,
  "restart.requested": (e) => `${e.name}: restart asked by an operator`,
  "restart.budget_exhausted": (e) => `${e.name} ${toEndText(e.exitCode, e.signal)} after ${e.restarts} restart(s): none left`,
  "memory.exceeded": (e) => toLogRecord(e).msg,
  "memory.shared_below_limit": (e) => toLogRecord(e).msg,
  "memory.sample_failed": (e) => `${toLogRecord(e).msg}${e.consecutive > 1 ? ` (${e.consecutive} times in a row)` : ""}`,
  "process.kill_forced": (e) => toLogRecord(e).msg,
  "supervisor.stop_requested": (e, memory) => {
    if (e.signal !== void 0) return `${e.signal} received: stopping everything`;
    const left = [...memory.seen].filter((name) => name !== e.cause && !memory.ended.has(name)).length;
    return `stopping ${others(left)} (${e.cause} ended)`;
  },
  "supervisor.finished": (e) => toLogRecord(e).msg,
  "records.uploaded": (e) => `uploaded the ${e.what} records: ${e.objects} object(s) in ${toDurationText(e.tookMs)}`,
  "records.upload_failed": (e) => toLogRecord(e).msg
};
function toEventLevel(event) {
  const level = toLogRecord(event).level;
  if (level !== "info") return level;
  if (event.type === "process.restarting") return event.reason === "operator" ? "info" : "warn";
  if (event.type === "process.exited") {
    return event.exitCode === 0 && event.reason === "exited" ? "warn" : "error";
  }
  if (event.type === "process.killed" && (event.reason ?? "stopped") !== "stopped") return "error";
  if (event.type === "gate.timed_out" || event.type === "restart.budget_exhausted") return "error";
  return level;
}
function toEventText(event, memory) {
  const phrase = PHRASES[event.type];
  const text = phrase === void 0 ? event.type : phrase(event, memory);
  if ("name" in event && typeof event.name === "string") {
    memory.seen.add(event.name);
    if (event.type === "process.running") memory.runningAt.set(event.name, event.at);
    if (event.type === "process.exited" || event.type === "process.killed") memory.ended.add(event.name);
  }
  return text;
}
var EVENT_TYPES = Object.keys(PHRASES);

// src/supervisor/policies/event-lines.ts
var COLOURS = { info: "", warn: "\x1B[33m", error: "\x1B[1;31m" };
var DIM = "\x1B[2m";
var RESET = "\x1B[0m";
var KNOWN = new Set(EVENT_TYPES);
function toClock(epochMs) {
  const date2 = new Date(epochMs);
  return [date2.getHours(), date2.getMinutes(), date2.getSeconds()].map((part) => String(part).padStart(2, "0")).join(":");
}
function toLevel(value) {
  return value === "warn" || value === "error" ? value : value === "fatal" ? "error" : "info";
}
function toFieldText(value) {
  return typeof value === "string" ? value : JSON.stringify(value);
}
function toOtherText(record2) {
  const { level, proc, event, msg, ...rest } = record2;
  delete rest["time"];
  const who = typeof proc === "string" ? `${proc}: ` : "";
  if (typeof msg === "string" && msg !== "") return { text: `${who}${msg}`, level: toLevel(level) };
  const fields = Object.entries(rest).filter(([, value]) => value !== void 0 && value !== null).map(([key, value]) => `${key}=${toFieldText(value)}`).join(" ");
  return {
    text: `${who}${typeof event === "string" ? event : ""}${fields ? ` ${fields}` : ""}`,
    level: toLevel(level)
  };
}
function createEventLines(opts) {
  const memory = createEventMemory();
  return (json) => {
    let record2;
    try {
      record2 = JSON.parse(json);
    } catch {
      return json;
    }
    if (typeof record2 !== "object" || record2 === null) return json;
    const at = typeof record2["time"] === "string" ? Date.parse(record2["time"]) : Number(record2["time"]);
    const epochMs = Number.isFinite(at) ? at : Date.now();
    const { text, level } = toRecordText(record2, epochMs, memory);
    const clock = toClock(epochMs);
    if (!opts.colour) return `${clock} ${text}
`;
    const colour = COLOURS[level];
    return `${DIM}${clock}${RESET} ${colour}${text}${colour === "" ? "" : RESET}
`;
  };
}
function toRecordText(record2, epochMs, memory) {
  const type = record2["event"];
  if (typeof type !== "string" || !KNOWN.has(type) || isForeign(record2)) return toOtherText(record2);
  const { proc, ...fields } = record2;
  for (const key of ["time", "level", "event", "msg"]) delete fields[key];
  const event = {
    ...fields,
    type,
    at: epochMs,
    ...typeof proc === "string" ? { name: proc } : {}
  };
  return { text: toEventText(event, memory), level: toEventLevel(event) };
}
function isForeign(record2) {
  return record2["event"] === "records.upload_failed" && !Array.isArray(record2["keys"]);
}

// src/cli/log-format.ts
var LOG_FORMAT_OPTIONS = { "log-format": { type: "string" } };
var LOG_FORMAT_ENV = "SIDECARS_LOG_FORMAT";
var FORMATS = ["auto", "text", "json"];
function toLogFormatHelp(column) {
  const pad = " ".repeat(column);
  return [
    `${"  --log-format FORMAT".padEnd(column)}the supervisor's own events: auto (default: text on a terminal,`,
    `${pad}json otherwise), text (short lines, coloured on a terminal unless`,
    `${pad}NO_COLOR is set) or json (one object a line)`
  ].join("\n");
}
function parseSetting(value, where) {
  if (value === void 0 || value === "") return "auto";
  if (FORMATS.includes(value)) return value;
  throw new SidecarError("usage", `${where} takes auto, text or json, not "${value}"`);
}
function toLogFormat(opts) {
  let setting = parseSetting(opts.flag, "--log-format");
  if (setting === "auto") setting = parseSetting(opts.fromRun, LOG_FORMAT_ENV);
  const format = setting === "auto" ? opts.isTTY ? "text" : "json" : setting;
  const colour = format === "text" && opts.isTTY && (opts.noColor === void 0 || opts.noColor === "");
  return { format, colour };
}
function createCommandLogger(opts) {
  return createLogger({
    stream: opts.stream,
    name: opts.name,
    censor: opts.censor,
    ...opts.format.format === "text" ? { toLine: createEventLines({ colour: opts.format.colour }) } : {}
  });
}

// src/cli/supervise-flags.ts
var SUPERVISE_OPTIONS = {
  "grace-ms": { type: "string" },
  "memory-interval-ms": { type: "string" },
  status: { type: "string" },
  ...RECORDS_OPTIONS,
  ...LOG_FORMAT_OPTIONS,
  help: { type: "boolean", short: "h" }
};
function toSuperviseTimings(values, defaultGraceMs) {
  return {
    graceMs: toNonNegativeInt(values["grace-ms"], defaultGraceMs, "--grace-ms"),
    memoryIntervalMs: toNonNegativeInt(values["memory-interval-ms"], DEFAULT_MEMORY_INTERVAL_MS, "--memory-interval-ms") || 1
  };
}
function toProcessPathOption(env) {
  return toProcessPath(parseProcessPathSetting(env[PROCESS_PATH_ENV]), canReadProcTrees());
}
function toProcessPathHelp(column) {
  const pad = " ".repeat(column);
  return [
    "Environment:",
    `  ${PROCESS_PATH_ENV}=auto|proc|portable`,
    `${pad}how process trees are read, measured and stopped: auto (default):`,
    `${pad}/proc where Linux lists children, else portable: ps, pidusage and`,
    `${pad}tree-kill (macOS, the BSDs; the RSS sum alone decides a memory limit)`
  ].join("\n");
}
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
    parsed = (0, import_node_util3.parseArgs)({ args: argv, allowPositionals: true, options });
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

// src/cli/exec.ts
init_deadline();
init_censor();

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

// src/cli/exec.ts
var SUMMARY = "run sidecars for this container: gate on its health, limit memory, exit when one dies";
var HELP = `Usage: sidecars exec --for TYPE [options]
       sidecars exec NAME [options]

Runs the sidecars of one launch.yml entry, as the platform does for each entry:
  1. waits until the health check of this container's process type passes
     (process_type from VCAP_APPLICATION, else --for; port: TCP 127.0.0.1:$PORT,
     http: GET the endpoint answers 200, after redirects, as the platform checks it;
     process: at once) \u2014 not for a sidecar with start: with_app \u2014 and until the
     sidecars in its depends_on are healthy;
  2. runs each sidecar with bash -c in its own process group, MEMORY_LIMIT=<its memory>m,
     its memory limit enforced on its whole process tree;
  3. exits as soon as one sidecar dies, after stopping the others; a sidecar with its own
     restart policy (sidecars.yml restart, max_restarts) is restarted instead, after a back-off
     of 1 s, 2 s, 4 s \u2026 up to 30 s, until its budget is spent (its own health_check failing
     counts as a failure); \`sidecars restart NAME\` restarts one through the unix socket.
  4. on SIGTERM, stops dependents before what they depend on, and keeps a stop: after_app
     sidecar serving until the app (the process listening on the checked port) has exited,
     or until all but 2 s of the grace period are spent.

Options:
  --for TYPE                 run the sidecars of process type TYPE (grouped layout)
  NAME                       run the one sidecar NAME (per-sidecar layout)
  --config FILE              runtime config (default: $SIDECAR_DEP_DIR/${RUNTIME_CONFIG_FILE})
  --grace-ms N               SIGTERM \u2192 SIGKILL grace period (default ${DEFAULT_GRACE_MS})
  --memory-interval-ms N     memory poll interval (default ${DEFAULT_MEMORY_INTERVAL_MS}; 10 ms near a limit; 4x for an idle tree)
  --status ADDR              state API: unix:PATH, 127.0.0.1:PORT (0: pick one) or off
                             (default, when TMPDIR is set: unix:$TMPDIR/sidecars/<entry>.sock, or
                             /tmp/sidecars-<uid>-<hash>/<entry>.sock when that path cannot be made;
                             <entry>.<pid>.sock beside it when another live supervisor holds it)
${toRecordsHelp(29)}
${toLogFormatHelp(29)}
  -h, --help                 show this help

${toProcessPathHelp(29)}

Exit codes: the dead sidecar's code; 128+signo if a signal killed it (137 after a memory-limit
kill); 1 if it exited 0, on a gate timeout, a failed health check or a usage/config error (a
sidecar whose max_restarts are spent: the same, for its last run); 143/130/129 on
SIGTERM/SIGINT/SIGHUP, even one that arrives before any sidecar started (nothing starts; the
records say ABORTED).`;
async function main(argv) {
  const nestedDir = process.env[NESTED_ENV] || void 0;
  delete process.env[NESTED_ENV];
  const readyFd = takeNestedReadyFd(process.env);
  const runLogFormat = process.env[LOG_FORMAT_ENV];
  delete process.env[LOG_FORMAT_ENV];
  const args = parseCommandArgs(
    "exec",
    argv,
    {
      for: { type: "string" },
      config: { type: "string" },
      ...SUPERVISE_OPTIONS
    },
    HELP
  );
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  try {
    if (positionals.length > 1) throw new SidecarError("usage", "exec takes at most one sidecar NAME");
    const depDir = process.env["SIDECAR_DEP_DIR"];
    const configFile = values.config ?? (depDir !== void 0 ? import_node_path21.default.join(depDir, RUNTIME_CONFIG_FILE) : void 0);
    if (configFile === void 0) {
      throw new SidecarError(
        "usage",
        "no runtime config",
        "Run through deps/<idx>/bin/sidecars, or pass --config FILE."
      );
    }
    const { graceMs, memoryIntervalMs } = toSuperviseTimings(values, DEFAULT_GRACE_MS);
    const processPath = toProcessPathOption(process.env);
    const config2 = await readRuntimeConfig(configFile);
    const plan = toExecPlan(config2, {
      forTypes: values.for ?? null,
      sidecarName: positionals[0] ?? null,
      containerType: toContainerType(process.env["VCAP_APPLICATION"]),
      port: toPort(process.env["PORT"])
    });
    const status = toExecStatus(
      values.status,
      process.env["TMPDIR"],
      toEntryName(values.for, positionals[0])
    );
    const page = toLivePage({ mode: "exec", version: readBuildpackVersion() });
    const stdout = createSharedSink(process.stdout);
    const stderr = createSharedSink(process.stderr);
    const specs = toExecSpecs(plan, { cwd: process.cwd(), env: toStringEnv(process.env), stdout, stderr });
    const censor = readCensor([process.env, ...specs.map((spec) => spec.env)]);
    const logger = createCommandLogger({
      stream: process.stdout,
      format: toLogFormat({
        flag: values["log-format"],
        fromRun: runLogFormat,
        isTTY: process.stdout.isTTY === true,
        noColor: process.env["NO_COLOR"]
      }),
      name: "sidecars-exec",
      censor
    });
    const recordsValues = nestedDir === void 0 ? values : { artifacts: values.artifacts ?? nestedDir };
    const outcome = await runObserved({
      ...readyFd === null ? {} : { extraPolicies: [createNestedReady(readyFd)] },
      ...nestedDir === void 0 ? {} : { appPidFile: import_node_path21.default.join(nestedDir, NESTED_APP_PID_FILE) },
      specs,
      graceMs,
      memoryIntervalMs,
      processPath,
      logger,
      status: status === null ? null : { ...status, page },
      censor,
      ...toRecordsOptions(recordsValues, {
        source: { version: readBuildpackVersion(), mode: "exec", config: import_node_path21.default.resolve(configFile) },
        config: nestedDir === void 0 ? config2.records : void 0,
        env: process.env,
        entry: toEntryName(values.for, positionals[0]),
        fallbackOrigin: { app: "app", processType: plan.processType },
        finalDeadline: toPlatformDeadline
      })
    });
    if (outcome.exitCode !== 0) console.error(`sidecars exec: ${outcome.summary}`);
    return outcome.exitCode;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars exec: ${error.message}${error.hint !== void 0 ? `
${error.hint}` : ""}`);
    return 1;
  }
}
function toExecStatus(flag, tmpDir, entry) {
  if (flag === "off") return null;
  const by = "sidecars exec";
  if (flag !== void 0) return { address: parseStatusAddress(flag, process.cwd()), required: true, by };
  if (tmpDir === void 0 || tmpDir === "") return null;
  const uid = process.getuid?.();
  return {
    address: toDefaultSocket(tmpDir, entry),
    required: false,
    by,
    ...uid === void 0 ? {} : { fallback: { address: toFallbackSocket(tmpDir, entry, uid), uid } }
  };
}
function toEntryName(forTypes, name) {
  return forTypes !== void 0 ? `sidecars-${forTypes}` : name ?? "sidecars";
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  HELP,
  SUMMARY,
  main
});
