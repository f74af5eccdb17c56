#!/usr/bin/env node
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

// src/cli/load-bundle.ts
var load_bundle_exports = {};
__export(load_bundle_exports, {
  CODE_CACHE_EXT: () => CODE_CACHE_EXT,
  WRITE_CODE_CACHE_ENV: () => WRITE_CODE_CACHE_ENV,
  isTrainingCodeCache: () => isTrainingCodeCache,
  loadBundle: () => loadBundle,
  toSourceText: () => toSourceText
});
function isTrainingCodeCache() {
  return process.env[WRITE_CODE_CACHE_ENV] === "1";
}
function toCacheFile(bundle, v8Data) {
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(bundle.length);
  return Buffer.concat([length, bundle, v8Data]);
}
function fromCacheFile(cache, bundle) {
  if (cache.length <= LENGTH_BYTES || cache.readUInt32BE(0) !== bundle.length) return null;
  const end = LENGTH_BYTES + bundle.length;
  if (cache.length <= end || !bundle.equals(cache.subarray(LENGTH_BYTES, end))) return null;
  return cache.subarray(end);
}
function loadBundle(file) {
  const cacheFile = `${file}${CODE_CACHE_EXT}`;
  const bytes = (0, import_node_fs.readFileSync)(file);
  const cache = readCache(cacheFile);
  const cachedData = cache === void 0 ? null : fromCacheFile(cache, bytes);
  const source = `(function (exports, require, module, __filename, __dirname) {${toSourceText(bytes)}
})`;
  const script = new import_node_vm.Script(source, { filename: file, ...cachedData !== null && { cachedData } });
  const name = import_node_path.default.basename(file);
  if (cache === void 0) debug("%s: no code cache", name);
  else if (cachedData === null) debug("%s: code cache is for other bytes than this bundle: not used", name);
  else debug("%s: code cache %s", name, script.cachedDataRejected ? "rejected" : "accepted");
  const module2 = { exports: {} };
  const body = script.runInThisContext();
  body.call(module2.exports, module2.exports, (0, import_node_module.createRequire)(file), module2, file, import_node_path.default.dirname(file));
  if (isTrainingCodeCache()) {
    process.once("exit", () => (0, import_node_fs.writeFileSync)(cacheFile, toCacheFile(bytes, script.createCachedData())));
  }
  return module2.exports;
}
function toSourceText(bytes) {
  return (0, import_node_buffer.isAscii)(bytes) ? bytes.toString("latin1") : bytes.toString("utf8");
}
function readCache(file) {
  try {
    return (0, import_node_fs.readFileSync)(file);
  } catch (error) {
    if (error.code === "ENOENT") return void 0;
    throw error;
  }
}
var import_node_buffer, import_node_fs, import_node_module, import_node_path, import_node_util, import_node_vm, CODE_CACHE_EXT, WRITE_CODE_CACHE_ENV, debug, LENGTH_BYTES;
var init_load_bundle = __esm({
  "src/cli/load-bundle.ts"() {
    "use strict";
    import_node_buffer = require("node:buffer");
    import_node_fs = require("node:fs");
    import_node_module = require("node:module");
    import_node_path = __toESM(require("node:path"), 1);
    import_node_util = require("node:util");
    import_node_vm = require("node:vm");
    CODE_CACHE_EXT = ".v8cache";
    WRITE_CODE_CACHE_ENV = "SIDECARS_WRITE_CODE_CACHE";
    debug = (0, import_node_util.debuglog)("sidecars");
    LENGTH_BYTES = 4;
  }
});

// command-bundle:sidecars-exec.cjs
var require_sidecars_exec = __commonJS({
  "command-bundle:sidecars-exec.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-exec.cjs"));
  }
});

// command-bundle:sidecars-logs.cjs
var require_sidecars_logs = __commonJS({
  "command-bundle:sidecars-logs.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-logs.cjs"));
  }
});

// command-bundle:sidecars-report.cjs
var require_sidecars_report = __commonJS({
  "command-bundle:sidecars-report.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-report.cjs"));
  }
});

// command-bundle:sidecars-restart.cjs
var require_sidecars_restart = __commonJS({
  "command-bundle:sidecars-restart.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-restart.cjs"));
  }
});

// command-bundle:sidecars-run.cjs
var require_sidecars_run = __commonJS({
  "command-bundle:sidecars-run.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-run.cjs"));
  }
});

// command-bundle:sidecars-runs.cjs
var require_sidecars_runs = __commonJS({
  "command-bundle:sidecars-runs.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-runs.cjs"));
  }
});

// command-bundle:sidecars-stage.cjs
var require_sidecars_stage = __commonJS({
  "command-bundle:sidecars-stage.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-stage.cjs"));
  }
});

// command-bundle:sidecars-status.cjs
var require_sidecars_status = __commonJS({
  "command-bundle:sidecars-status.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-status.cjs"));
  }
});

// command-bundle:sidecars-stop.cjs
var require_sidecars_stop = __commonJS({
  "command-bundle:sidecars-stop.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-stop.cjs"));
  }
});

// command-bundle:sidecars-upload.cjs
var require_sidecars_upload = __commonJS({
  "command-bundle:sidecars-upload.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-upload.cjs"));
  }
});

// command-bundle:sidecars-validate.cjs
var require_sidecars_validate = __commonJS({
  "command-bundle:sidecars-validate.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-validate.cjs"));
  }
});

// command-bundle:sidecars-wait.cjs
var require_sidecars_wait = __commonJS({
  "command-bundle:sidecars-wait.cjs"(exports2, module2) {
    var { loadBundle: loadBundle2 } = (init_load_bundle(), __toCommonJS(load_bundle_exports));
    module2.exports = loadBundle2(require("node:path").join(__dirname, "sidecars-wait.cjs"));
  }
});

// src/supervisor/core/stop-signals.ts
var import_node_os = require("node:os");

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
function toSignalExitCode(signo) {
  return 128 + signo;
}

// src/supervisor/core/stop-signals.ts
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
      return pending === null ? exitCode : toSignalExitCode(import_node_os.constants.signals[pending]);
    }
  };
}
var HOLD = /* @__PURE__ */ Symbol.for("sidecar-buildpack.stop-signals");
function holdStopSignals() {
  const global = globalThis;
  global[HOLD] ??= createStopSignals(process);
  return global[HOLD];
}

// src/cli/commands.ts
var COMMANDS = {
  exec: () => Promise.resolve().then(() => __toESM(require_sidecars_exec(), 1)),
  logs: () => Promise.resolve().then(() => __toESM(require_sidecars_logs(), 1)),
  report: () => Promise.resolve().then(() => __toESM(require_sidecars_report(), 1)),
  restart: () => Promise.resolve().then(() => __toESM(require_sidecars_restart(), 1)),
  run: () => Promise.resolve().then(() => __toESM(require_sidecars_run(), 1)),
  runs: () => Promise.resolve().then(() => __toESM(require_sidecars_runs(), 1)),
  stage: () => Promise.resolve().then(() => __toESM(require_sidecars_stage(), 1)),
  status: () => Promise.resolve().then(() => __toESM(require_sidecars_status(), 1)),
  stop: () => Promise.resolve().then(() => __toESM(require_sidecars_stop(), 1)),
  upload: () => Promise.resolve().then(() => __toESM(require_sidecars_upload(), 1)),
  validate: () => Promise.resolve().then(() => __toESM(require_sidecars_validate(), 1)),
  wait: () => Promise.resolve().then(() => __toESM(require_sidecars_wait(), 1))
};

// src/cli/final-exit.ts
var import_node_util2 = require("node:util");
var debug2 = (0, import_node_util2.debuglog)("sidecars");
var HANDLES_ONLY = /* @__PURE__ */ new Set([
  "PipeWrap",
  "TTYWrap",
  "TCPWrap",
  "ProcessWrap",
  "SignalWrap",
  "PipeServerWrap",
  "TCPServerWrap"
]);
function isSettled(resources, bufferedOutputBytes) {
  return bufferedOutputBytes === 0 && resources.every((name) => HANDLES_ONLY.has(name));
}
function exitWhenSettled(code) {
  process.exitCode = code;
  process.once("beforeExit", () => process.exit(code));
  setImmediate(() => {
    const resources = process.getActiveResourcesInfo();
    const buffered = process.stdout.writableLength + process.stderr.writableLength;
    if (isSettled(resources, buffered)) {
      debug2("exit %d at once", code);
      process.exit(code);
    }
    debug2(
      "exit %d once the event loop drains: %s; %d bytes of output buffered",
      code,
      resources.join(", "),
      buffered
    );
  });
}

// src/cli/version.ts
var import_node_fs2 = require("node:fs");
var import_node_path2 = __toESM(require("node:path"), 1);
var import_node_url = require("node:url");
function resolveBuildpackDir() {
  return process.env["SIDECAR_BUILDPACK_DIR"] ?? import_node_path2.default.resolve(import_node_path2.default.dirname((0, import_node_url.fileURLToPath)(__sidecarsImportMetaUrl)), "../../..");
}
function toVersionLine(buildpackVersion, nodeVersion) {
  return `sidecars ${buildpackVersion} (Node.js ${nodeVersion})`;
}
function readBuildpackVersion() {
  return (0, import_node_fs2.readFileSync)(import_node_path2.default.join(resolveBuildpackDir(), "VERSION"), "utf8").trim();
}

// src/cli/sidecars.ts
var APP_NODE_OPTIONS = "SIDECARS_APP_NODE_OPTIONS";
var appNodeOptions = process.env[APP_NODE_OPTIONS];
if (appNodeOptions !== void 0) {
  process.env["NODE_OPTIONS"] = appNodeOptions;
  delete process.env[APP_NODE_OPTIONS];
}
var SUPERVISING_COMMANDS = ["exec", "run"];
var stopSignals = SUPERVISING_COMMANDS.includes(process.argv[2] ?? "") ? holdStopSignals() : null;
var START_BUILTINS = {
  exec: ["node:child_process", "node:http"],
  run: ["node:child_process"]
};
function capOptimizingTiers(command) {
  for (const name of START_BUILTINS[command] ?? []) process.getBuiltinModule(name);
  const { setFlagsFromString } = process.getBuiltinModule("node:v8");
  setFlagsFromString("--no-turbofan");
  setFlagsFromString("--no-maglev");
  setFlagsFromString("--semi-space-growth-factor=1");
  setFlagsFromString("--memory-reducer-gc-count=1");
}
async function printHelp() {
  const lines = ["Usage: sidecars <command> [options]", "", "Commands:"];
  for (const [name, load] of Object.entries(COMMANDS)) {
    lines.push(`  ${name.padEnd(10)} ${(await load()).SUMMARY}`);
  }
  lines.push(
    "",
    "Options:",
    "  -h, --help     show this help (`sidecars <command> --help` for a command)",
    "  -v, --version  print the buildpack version and the Node.js it runs on"
  );
  console.log(lines.join("\n"));
}
async function main(argv) {
  const [command, ...rest] = argv;
  if (command === void 0 || command === "-h" || command === "--help" || command === "help") {
    await printHelp();
    return command === void 0 ? 1 : 0;
  }
  if (command === "-v" || command === "--version") {
    console.log(toVersionLine(readBuildpackVersion(), process.version));
    return 0;
  }
  const load = COMMANDS[command];
  if (load === void 0) {
    console.error(`sidecars: unknown command "${command}". Run \`sidecars --help\` for the list.`);
    return 1;
  }
  if (stopSignals !== null) capOptimizingTiers(command);
  const module2 = await load();
  const exitCode = await module2.main(rest);
  return stopSignals?.toExitCode(exitCode) ?? exitCode;
}
var EXIT_DRAIN_MS = 2e3;
var EXIT_SIGNALS = ["SIGTERM", "SIGINT", "SIGHUP"];
function exitOnBug(error) {
  const detail = error instanceof Error ? error.message : String(error);
  process.stderr.write(`sidecars: internal error: ${detail}
`);
  if (process.env["SIDECARS_DEBUG"] === "1" && error instanceof Error)
    process.stderr.write(`${error.stack}
`);
  process.exit(1);
}
process.on("uncaughtException", exitOnBug);
main(process.argv.slice(2)).then((code) => {
  if (stopSignals === null) {
    process.exitCode = code;
    process.once("beforeExit", () => process.exit(code));
    return;
  }
  exitWhenSettled(code);
  for (const signal of EXIT_SIGNALS) process.on(signal, () => process.exit(code));
  setTimeout(() => process.exit(code), EXIT_DRAIN_MS).unref();
}, exitOnBug);
