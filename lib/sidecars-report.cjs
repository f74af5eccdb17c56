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

// src/supervisor/model/tree-sample.ts
var BYTES_PER_MB;
var init_tree_sample = __esm({
  "src/supervisor/model/tree-sample.ts"() {
    "use strict";
    BYTES_PER_MB = 1024 * 1024;
  }
});

// src/supervisor/proc/memory.ts
function formatBreach(rssBytes, pssBytes, limitBytes) {
  if (pssBytes === null) return `${formatMb2(rssBytes)} > ${formatMb2(limitBytes)}`;
  return `${formatMb2(pssBytes)} > ${formatMb2(limitBytes)} (PSS; RSS ${formatMb2(rssBytes)})`;
}
function formatMb2(bytes) {
  return `${Math.ceil(bytes / BYTES_PER_MB)} MB`;
}
var init_memory = __esm({
  "src/supervisor/proc/memory.ts"() {
    "use strict";
    init_tree_sample();
  }
});

// src/common/clock.ts
var init_clock = __esm({
  "src/common/clock.ts"() {
    "use strict";
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
        const path9 = req.path;
        _req.url = typeof path9 === "string" ? path9 : req.url ? req.url.path || req.url : void 0;
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
    function parsePath(path9) {
      const parts = [];
      let current = "";
      let inBrackets = false;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path9.length; i++) {
        const char = path9[i];
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
      for (const path9 of paths) {
        const parts = parsePath(path9);
        if (parts.includes("*")) {
          redactWildcardPath(obj, parts, censor, path9, remove);
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
            const wrappedCensor = typeof censor === "function" ? (value, path9) => {
              const fullPath = [...pathArray.slice(0, pathLength), ...path9];
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
      for (const path9 of pathsToClone) {
        const parts = parsePath(path9);
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
    function validatePath(path9) {
      if (typeof path9 !== "string") {
        throw new Error("Paths must be (non-empty) strings");
      }
      if (path9 === "") {
        throw new Error("Invalid redaction path ()");
      }
      if (path9.includes("..")) {
        throw new Error(`Invalid redaction path (${path9})`);
      }
      if (path9.includes(",")) {
        throw new Error(`Invalid redaction path (${path9})`);
      }
      let bracketCount = 0;
      let inQuotes = false;
      let quoteChar = "";
      for (let i = 0; i < path9.length; i++) {
        const char = path9[i];
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
            throw new Error(`Invalid redaction path (${path9})`);
          }
        }
      }
      if (bracketCount !== 0) {
        throw new Error(`Invalid redaction path (${path9})`);
      }
    }
    function validatePaths(paths) {
      if (!Array.isArray(paths)) {
        throw new TypeError("paths must be an array");
      }
      for (const path9 of paths) {
        validatePath(path9);
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
          const wrappedCensor = typeof censor === "function" ? (value, path9) => {
            return censor(value, [k, ...path9]);
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
      const date = new Date(msSinceEpoch);
      const year = date.getUTCFullYear();
      const month = (date.getUTCMonth() + 1).toString().padStart(2, "0");
      const day = date.getUTCDate().toString().padStart(2, "0");
      const hours = date.getUTCHours().toString().padStart(2, "0");
      const minutes = date.getUTCMinutes().toString().padStart(2, "0");
      const seconds = date.getUTCSeconds().toString().padStart(2, "0");
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
      let sleep = function(ms) {
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
      module2.exports = sleep;
    } else {
      let sleep = function(ms) {
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
      module2.exports = sleep;
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
    var { existsSync: existsSync2 } = require("node:fs");
    var getCallers = require_caller();
    var { join, isAbsolute, sep } = require("node:path");
    var { fileURLToPath } = require("node:url");
    var sleep = require_atomic_sleep();
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
      let path9 = unquoted;
      if (path9.startsWith("file://")) {
        try {
          path9 = fileURLToPath(path9);
        } catch {
          return false;
        }
      }
      return isAbsolute(path9) && !existsSync2(path9);
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
        sleep(100);
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
    function asJson(obj, msg, num, time) {
      if (asJsonChan.hasSubscribers === false) {
        return _asJson.call(this, obj, msg, num, time);
      }
      const store = { instance: this, arguments };
      return asJsonChan.traceSync(_asJson, store, this, obj, msg, num, time);
    }
    function _asJson(obj, msg, num, time) {
      const stringify2 = this[stringifySym];
      const stringifySafe = this[stringifySafeSym];
      const stringifiers = this[stringifiersSym];
      const end = this[endSym];
      const chindings = this[chindingsSym];
      const serializers = this[serializersSym];
      const formatters = this[formattersSym];
      const messageKey = this[messageKeySym];
      const errorKey = this[errorKeySym];
      let data = this[lsCacheSym][num] + time;
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
      version
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
      version,
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
    function sort(array, comparator) {
      if (array.length > 200 || comparator) {
        return array.sort(comparator);
      }
      for (let i = 1; i < array.length; i++) {
        const currentValue = array[i];
        let position = i;
        while (position !== 0 && array[position - 1] > currentValue) {
          array[position] = array[position - 1];
          position--;
        }
        array[position] = currentValue;
      }
      return array;
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
    function stringifyTypedArray(array, separator, maximumBreadth) {
      if (array.length < maximumBreadth) {
        maximumBreadth = array.length;
      }
      const whitespace = separator === "," ? "" : " ";
      let res = `"0":${whitespace}${array[0]}`;
      for (let i = 1; i < maximumBreadth; i++) {
        res += `${separator}"${i}":${whitespace}${array[i]}`;
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
    function getItemCount(number) {
      if (number === 1) {
        return "1 item";
      }
      return `${number} items`;
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
      const bigint = getBooleanOption(options, "bigint");
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
            if (bigint) {
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
            if (bigint) {
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
            if (bigint) {
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
            if (bigint) {
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
        clone,
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
      function clone(level) {
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
          clone,
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
    var time = require_time();
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
    var { version } = require_meta();
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
    var { epochTime, nullTime } = time;
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
        level(label, number) {
          return { level: number };
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
      const time2 = timestamp instanceof Function ? timestamp : timestamp ? epochTime : nullTime;
      const timeSliceIndex = time2().indexOf(":") + 1;
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
        [timeSym]: time2,
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
    module2.exports.stdTimeFunctions = Object.assign({}, time);
    module2.exports.symbols = symbols;
    module2.exports.version = version;
    module2.exports.default = pino2;
    module2.exports.pino = pino2;
  }
});

// src/cli/report.ts
var report_exports = {};
__export(report_exports, {
  HELP: () => HELP,
  SUMMARY: () => SUMMARY,
  main: () => main
});
module.exports = __toCommonJS(report_exports);
var import_node_fs7 = require("node:fs");
var import_node_path8 = __toESM(require("node:path"), 1);

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

// src/report/write-report.ts
var import_node_path7 = __toESM(require("node:path"), 1);

// src/common/fs.ts
var import_node_fs2 = require("node:fs");
var import_node_path = __toESM(require("node:path"), 1);

// src/common/fs-async.ts
var import_node_fs = require("node:fs");
var import_node_util = require("node:util");
var chmodAsync = (0, import_node_util.promisify)(import_node_fs.chmod);
var fsyncAsync = (0, import_node_util.promisify)(import_node_fs.fsync);
var lstatAsync = (0, import_node_util.promisify)(import_node_fs.lstat);
var mkdirAsync = (0, import_node_util.promisify)(import_node_fs.mkdir);
var renameAsync = (0, import_node_util.promisify)(import_node_fs.rename);
var rmAsync = (0, import_node_util.promisify)(import_node_fs.rm);
var statAsync = (0, import_node_util.promisify)(import_node_fs.stat);
var writeFileAsync = (0, import_node_util.promisify)(import_node_fs.writeFile);

// src/common/fs.ts
var tmpCount = 0;
var syncFile = fsyncAsync;
async function writeFileAtomic(file, content, mode = 420) {
  tmpCount += 1;
  const tmp = import_node_path.default.join(import_node_path.default.dirname(file), `.${import_node_path.default.basename(file)}.${process.pid}.${tmpCount}.tmp`);
  const fd = (0, import_node_fs2.openSync)(tmp, "wx", mode);
  try {
    if (typeof content === "function") await content((piece) => (0, import_node_fs2.writeFileSync)(fd, piece));
    else (0, import_node_fs2.writeFileSync)(fd, content);
    await syncFile(fd);
  } catch (error) {
    (0, import_node_fs2.closeSync)(fd);
    (0, import_node_fs2.rmSync)(tmp, { force: true });
    throw error;
  }
  (0, import_node_fs2.closeSync)(fd);
  try {
    (0, import_node_fs2.renameSync)(tmp, file);
  } catch (error) {
    (0, import_node_fs2.rmSync)(tmp, { force: true });
    throw error;
  }
}

// src/supervisor/secrets/censor.ts
var import_node_fs3 = require("node:fs");

// src/supervisor/secrets/censor-stream.ts
var MASK = 88;
var EMPTY = Buffer.alloc(0);
function createCensorStream(matcher, write, maskEnd) {
  let held = EMPTY;
  return {
    write(chunk) {
      const now = matcher();
      if (now.secrets.length === 0 && held.length === 0) return write(chunk);
      let bytes = held.length > 0 ? Buffer.concat([held, chunk]) : chunk;
      const ranges = now.find(bytes);
      if (ranges.length > 0) {
        if (bytes === chunk) bytes = Buffer.from(chunk);
        for (const [start, end] of ranges) bytes.fill(MASK, start, end);
      }
      const hold = now.pendingAtEnd(bytes);
      held = hold === 0 ? EMPTY : Buffer.from(bytes.subarray(bytes.length - hold));
      if (bytes.length > hold) write(hold === 0 ? bytes : bytes.subarray(0, bytes.length - hold));
    },
    end() {
      if (held.length === 0) return;
      const rest = maskEnd(held);
      held = EMPTY;
      write(rest);
    }
  };
}

// src/supervisor/secrets/secret-values.ts
var SECRET_PARTS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|CREDENTIAL|APIKEY|PRIVATEKEY|ACCESSKEY/;
var SECRET_ENDS = /(KEY|KEYS|TOKEN|TOKENS)$/;
var SECRET_WORDS = /* @__PURE__ */ new Set(["TOKEN", "TOKENS"]);
var SECRET_LAST_WORDS = /* @__PURE__ */ new Set(["PASS", "PWD", "AUTH", "AUTHORIZATION"]);
function toWords(name) {
  return name.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase().split(/[^A-Z0-9]+/).filter((word) => word !== "");
}
function isSecretName(name) {
  const words = toWords(name);
  const joined = words.join("");
  const last = words.at(-1) ?? "";
  return SECRET_PARTS.test(joined) || SECRET_ENDS.test(joined) || words.some((word) => SECRET_WORDS.has(word)) || words.length > 1 && SECRET_LAST_WORDS.has(last);
}
var URL_PASSWORD = /[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:]*:([^\s/?#@]+)@/gi;
var QUERY_PARAM = /[?&;]([A-Za-z0-9_.-]+)=([^&\s;#"']+)/g;
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
function collectSecretValues(envs, readFile2) {
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
      collectValueSecrets("VCAP_SERVICES", readFile2(file), values);
    } catch {
    }
  }
  return [...values];
}

// src/supervisor/secrets/secret-matcher.ts
var MIN_SECRET_BYTES = 4;
var LONG_SECRET_BYTES = 8;
var MIN_PIECE_BYTES = 3;
var MAX_SHIFT = 255;
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

// src/supervisor/secrets/censor.ts
var MIN_SECRET_LENGTH = MIN_SECRET_BYTES;
var MASK2 = 88;
var NOT_SECRETS = /* @__PURE__ */ new Set(["true", "false", "null", "none", "undefined"]);
var IDENTIFIER_KEYS = /* @__PURE__ */ new Set([
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
var MIN_LINE_LENGTH = 16;
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
var readUtf8 = (file) => (0, import_node_fs3.readFileSync)(file, "utf8");
function createCensor(forms, readFile2 = readUtf8) {
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
      for (const form of toSecretForms(collectSecretValues(envs, readFile2))) known.add(form.toString());
      if (known.size !== before) matcher = createSecretMatcher([...known].map((form) => Buffer.from(form)));
    }
  };
}
var END = { start: false, end: true };
var NO_CENSOR = Object.freeze({ ...createCensor([]), learn: () => void 0 });
function readCensor(envs) {
  const censor = createCensor([]);
  censor.learn(envs);
  return censor;
}

// src/report/log-budget.ts
var LOGS_BUDGET_BYTES = 3 * 1048576;
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

// src/report/read-report-model.ts
var import_node_path4 = __toESM(require("node:path"), 1);

// src/report/record-files.ts
var import_node_fs4 = require("node:fs");
var import_node_path2 = __toESM(require("node:path"), 1);

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

// src/report/record-files.ts
function readJson(file) {
  try {
    return JSON.parse((0, import_node_fs4.readFileSync)(file, "utf8"));
  } catch {
    return null;
  }
}
var isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
function readEvents(file) {
  const events = /* @__PURE__ */ new Map();
  let dropped = 0;
  let text;
  try {
    text = (0, import_node_fs4.readFileSync)(file, "utf8");
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
    if (isObject(raw) && raw["event"] === "records.events_dropped" && typeof raw["count"] === "number") {
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
  if (!isObject(raw) || !isObject(raw["processes"])) return out;
  for (const [name, entry] of Object.entries(raw["processes"])) {
    if (!isObject(entry) || !Array.isArray(entry["points"])) continue;
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
  const startedPath = import_node_path2.default.join(dir, "started.json");
  const finishedPath = import_node_path2.default.join(dir, "finished.json");
  if (!(0, import_node_fs4.existsSync)(startedPath) && !(0, import_node_fs4.existsSync)(finishedPath)) return null;
  const started = readJson(startedPath);
  const finished = readJson(finishedPath);
  const { events, dropped } = readEvents(import_node_path2.default.join(dir, "events.jsonl"));
  return {
    started: isObject(started) ? started : null,
    finished: isObject(finished) ? finished : null,
    events,
    droppedEvents: dropped,
    memory: readMemory(import_node_path2.default.join(dir, "memory.json"))
  };
}
function toFileBase(name) {
  return name.replace(/[^A-Za-z0-9._-]/g, "_").replace(/^\.+/, "_");
}

// src/report/read-log.ts
var import_node_fs5 = require("node:fs");
var import_node_path3 = __toESM(require("node:path"), 1);
function readTailOf(files, tailBytes) {
  const opened = [];
  try {
    for (const file of files) {
      try {
        const fd = (0, import_node_fs5.openSync)(file, "r");
        opened.push({ fd, size: (0, import_node_fs5.fstatSync)(fd).size });
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
        const n = (0, import_node_fs5.readSync)(f.fd, out, at, Math.min(f.size - pos, out.length - at), pos);
        if (n === 0) break;
        pos += n;
        at += n;
      }
    }
    return { bytes: out.subarray(0, at), total };
  } finally {
    for (const f of opened) (0, import_node_fs5.closeSync)(f.fd);
  }
}
function toVisibleText(text) {
  return text.replace(/\r\n/g, "\n").replace(/\x1b\[[0-?]*[ -/]*[@-~]/g, "").replace(
    /[\x00-\x08\x0b-\x1f\x7f]/g,
    (c) => String.fromCharCode(c === "\x7F" ? 9249 : 9216 + c.charCodeAt(0))
  );
}
function readLogForPage(dir, base, tailBytes, censor) {
  const whole = import_node_path3.default.join(dir, `${base}.log`);
  const tail = readTailOf([whole], tailBytes) ?? readTailOf([import_node_path3.default.join(dir, `.${base}.log.prev`), import_node_path3.default.join(dir, `.${base}.log.tmp`)], tailBytes);
  if (tail === null) return null;
  const cut = tail.bytes.length < tail.total;
  const masked = censor.bytes(Buffer.from(tail.bytes), { start: cut, end: true });
  let start = 0;
  if (cut) while (start < masked.length && start < 3 && ((masked[start] ?? 0) & 192) === 128) start += 1;
  const text = new TextDecoder("utf-8", { fatal: false }).decode(masked.subarray(start));
  return { text: toVisibleText(text), omittedBytes: tail.total - tail.bytes.length + start };
}

// src/report/read-report-model.ts
var MB = 1048576;
var DEFAULT_LOG_TAIL_BYTES = MB;
var toMs = (s) => typeof s === "number" ? Math.round(s * 1e3) : null;
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
function toRow(name, files, own, dir, opts, runStartMs) {
  const spec = files.started?.metadata?.processes?.find((p) => p.name === own);
  const fin = files.finished?.metadata?.processes?.[own] ?? null;
  const memory = files.memory[own] ?? null;
  const limitMb = spec?.memory_limit_mb ?? null;
  const events = files.events.get(own) ?? (fin === null ? [] : toFallbackEvents(runStartMs, fin));
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
    log: opts.readLogs === false ? null : readLogForPage(dir, toFileBase(own), opts.logTailBytes, opts.censor),
    logPath: `${toFileBase(own)}.log`
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
    const nestedDir = import_node_path4.default.join(dir, toFileBase(name));
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
  const meta = files.started?.metadata;
  const fin = files.finished;
  const startedAtMs = toRunStart(files);
  const notes = [];
  const processes = toRows(dir, files, opts, startedAtMs, notes);
  const cause = fin?.metadata?.cause;
  let finishedAtMs = toMs(fin?.timestamp);
  if (finishedAtMs !== null)
    for (const p of processes) finishedAtMs = Math.max(finishedAtMs, p.finishedAtMs ?? 0);
  const identity = meta?.run;
  const model = {
    run: {
      app: identity?.app ?? (meta?.droplet === void 0 ? null : import_node_path4.default.basename(meta.droplet)),
      instance: identity?.process_type === void 0 ? null : `${identity.process_type}-${identity.instance_index ?? 0}`,
      runId: identity?.id ?? null,
      result: fin?.result ?? null,
      causeProcess: typeof cause?.process === "string" ? cause.entry === void 0 ? cause.process : `${cause.entry}/${cause.process}` : null,
      causeText: toCauseText(cause),
      summary: fin?.metadata?.summary ?? null,
      exitCode: fin?.metadata?.exit_code ?? null,
      startedAtMs,
      finishedAtMs,
      version: meta?.version ?? null,
      mode: meta?.mode ?? null,
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

// src/report/logs-html.ts
var LAST_LINES = 20;
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
var LOG_MIDDLE_HTML = '</pre><h4>the whole tail <small>(scrolled to its end)</small></h4><pre class="tail">';
var LOG_CLOSE_HTML = "</pre></details>";
var LOGS_OPEN_HTML = '<section id="logs"><h2>Logs</h2><p class="filter"><input id="filter" type="search" placeholder="filter lines (every log)" aria-label="filter log lines"> <span id="matches"></span></p>';
var LOGS_CLOSE_HTML = "</section>";
function toLogOrder(model) {
  const isCause = (p) => p.name === model.run.causeProcess;
  return [...model.processes].sort((a, b) => Number(isCause(b)) - Number(isCause(a)));
}

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
  let open = null;
  for (const event of proc.events) {
    if (!event.type.startsWith("process.") || event.type === "process.kill_forced") continue;
    const state = event.type.slice("process.".length);
    if (open !== null && event.atMs >= open.atMs) {
      out.push({ fromMs: open.atMs, toMs: event.atMs, state: open.state });
    }
    open = state === "exited" || state === "killed" ? null : { atMs: event.atMs, state };
  }
  if (open !== null) out.push({ fromMs: open.atMs, toMs: proc.finishedAtMs ?? endMs, state: open.state });
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
  const open = {};
  const out = [];
  for (const m of markers) {
    const x = xOf(m.atMs);
    const cur = open[m.kind];
    if (cur !== void 0 && x - cur.x1 < gapX) {
      cur.x1 = Math.max(cur.x1, x);
      cur.count += 1;
      cur.lastMs = m.atMs;
      cur.text = m.text;
      continue;
    }
    const next = { kind: m.kind, x0: x, x1: x, count: 1, firstMs: m.atMs, lastMs: m.atMs, text: m.text };
    open[m.kind] = next;
    out.push(next);
  }
  return out;
}

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

// src/report/page-functions.ts
var PAGE_FUNCTIONS = [
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
function toPageFunctions() {
  return {
    source: PAGE_FUNCTIONS.map((fn) => fn.toString()).join("\n"),
    live: toLiveHtml.name,
    event: toReportEvent.name
  };
}

// src/report/page-script.ts
var STATIC_SCRIPT = `
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

// src/report/page-style.ts
var PAGE_STYLE = `
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

// src/report/render-report.ts
var PAGE_BOUND_BYTES = 300 * 1024;
var MARKER_GAPS = [8, 32, 128, 900];
var DEFAULT_LIVE = { statePath: "/state", eventsPath: "/events", pollMs: 2e3 };
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

// src/report/write-logs.ts
var import_node_path6 = __toESM(require("node:path"), 1);

// src/report/log-source.ts
var import_node_fs6 = require("node:fs");
var import_node_path5 = __toESM(require("node:path"), 1);
var CHUNK_BYTES = 64 * 1024;
function openSegments(files) {
  const opened = [];
  for (const file of files) {
    try {
      const fd = (0, import_node_fs6.openSync)(file, "r");
      opened.push({ fd, size: (0, import_node_fs6.fstatSync)(fd).size });
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
          const bytesRead = (0, import_node_fs6.readSync)(f.fd, buf, at, Math.min(f.size - p, buf.length - at), p);
          if (bytesRead === 0) break;
          p += bytesRead;
          at += bytesRead;
        }
        skip = 0;
      }
      return Promise.resolve(at);
    },
    close() {
      for (const f of opened) (0, import_node_fs6.closeSync)(f.fd);
      return Promise.resolve();
    }
  });
}
async function openLogSource(dir, base) {
  return await openSegments([import_node_path5.default.join(dir, `${base}.log`)]) ?? await openSegments([import_node_path5.default.join(dir, `.${base}.log.prev`), import_node_path5.default.join(dir, `.${base}.log.tmp`)]);
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

// src/report/log-stream.ts
var ESCAPE_HOLD = 64;
function createVisibleText() {
  let held = "";
  return {
    push(text) {
      const all = held + text;
      let cut = all.length;
      const esc = all.lastIndexOf("\x1B");
      if (esc >= 0 && all.length - esc < ESCAPE_HOLD && !/^\x1b\[[0-?]*[ -/]*[@-~]/.test(all.slice(esc)))
        cut = esc;
      if (cut === all.length && all.endsWith("\r")) cut -= 1;
      held = all.slice(cut);
      return toVisibleText(all.slice(0, cut));
    },
    end() {
      const rest = held;
      held = "";
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

// src/report/write-logs.ts
var LAST_LINES_BYTES = 128 * 1024;
function toFailed(p) {
  return p.end !== null && p.end.reason !== "stopped" && p.end.exitCode !== 0;
}
function toSource(dir, logPath) {
  return openLogSource(import_node_path6.default.join(dir, import_node_path6.default.dirname(logPath)), import_node_path6.default.basename(logPath, ".log"));
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
    const omitted = whole.start > 0 ? `${formatMb(whole.start)} before this tail left out (the page's budget for logs): the whole log is ${link}, beside this page` : "";
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

// src/report/write-report.ts
var REPORT_FILE = "report.html";
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
  const file = import_node_path7.default.join(dir, REPORT_FILE);
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

// src/cli/command-args.ts
var import_node_util2 = require("node:util");

// src/supervisor/proc/kill-tree.ts
init_memory();

// src/supervisor/proc/last-pid.ts
init_clock();

// src/supervisor/proc/process-table.ts
var PROC = "/proc";
var STAT_BUFFER = Buffer.alloc(4096);

// src/supervisor/proc/last-pid.ts
var LAST_PID_FILE = `${PROC}/sys/kernel/ns_last_pid`;
var buffer = Buffer.alloc(32);

// src/supervisor/proc/proc-read.ts
var MIN_READ_BYTES = 4096;
var buffer2 = Buffer.alloc(2 * MIN_READ_BYTES);

// src/supervisor/proc/kill-tree.ts
init_tree_tracker();
init_wait_tree_gone();

// src/supervisor/policies/memory-limit.ts
init_memory();

// src/config/schema-defaults.ts
var DEFAULT_LOG_TAIL_BYTES2 = 1024 * 1024;
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

// src/supervisor/core/log.ts
var import_pino = __toESM(require_pino(), 1);

// src/supervisor/core/read-turns.ts
var READ_TURNS = 4;
var SILENT_MS = 100;
var DEFAULTS = {
  turns: READ_TURNS,
  silentMs: SILENT_MS,
  now: Date.now,
  later: (fn, ms) => setTimeout(fn, ms).unref()
};

// src/supervisor/core/line-output.ts
var MAX_LINE_BYTES = 64 * 1024;
var OUTPUT_BUFFER_BYTES = 2 * MAX_LINE_BYTES;
var NEWLINE_BYTES = Buffer.from("\n");

// src/supervisor/policies/log-events.ts
init_memory();
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
        msg: `${event.name}: RSS ${formatMb2(event.rssBytes)} is over its limit of ${formatMb2(event.limitBytes)}, but shared pages counted once (PSS) make ${formatMb2(event.pssBytes)}: not killed`,
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

// src/supervisor/policies/event-text.ts
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
    const attempt = e.attempt === void 0 || e.attempt === 0 ? "" : ` (restart ${e.attempt})`;
    return `${e.name} ${toEndText(e.exitCode, e.signal)}; restarting${delay}${attempt}`;
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
var EVENT_TYPES = Object.keys(PHRASES);

// src/supervisor/policies/event-lines.ts
var KNOWN = new Set(EVENT_TYPES);

// src/cli/log-format.ts
var LOG_FORMAT_OPTIONS = { "log-format": { type: "string" } };

// src/cli/supervise-flags.ts
var SUPERVISE_OPTIONS = {
  "grace-ms": { type: "string" },
  "memory-interval-ms": { type: "string" },
  status: { type: "string" },
  ...RECORDS_OPTIONS,
  ...LOG_FORMAT_OPTIONS,
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
    parsed = (0, import_node_util2.parseArgs)({ args: argv, allowPositionals: true, options });
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

// src/cli/report.ts
var SUMMARY = "write a run records dir's page, report.html";
var HELP = `Usage: sidecars report DIR [--log-tail SIZE]

(Re)writes DIR/report.html from the run records in DIR (what --artifacts wrote, or a run
downloaded from the store) and prints its path. The page is one self-contained file: the
run's header, a timeline of every process, memory against each limit, and each log's tail.
It loads nothing: open it from the disk in any browser. Every secret of this environment is
masked besides (the records hold none already).

Options:
  --log-tail SIZE  the most of each log the page embeds (default 1M, records.log_tail's)
  -h, --help       show this help

Exit status: 0 when the page was written; 1 otherwise (DIR missing, or no run records in it).`;
async function main(argv) {
  const args = parseCommandArgs(
    "report",
    argv,
    { "log-tail": { type: "string" }, help: { type: "boolean", short: "h" } },
    HELP
  );
  if (typeof args === "number") return args;
  const { values, positionals } = args;
  try {
    const [dir] = positionals;
    if (dir === void 0 || positionals.length > 1) {
      throw new SidecarError("usage", "report takes one DIR", "Run `sidecars report --help`.");
    }
    let logTailBytes = null;
    if (values["log-tail"] !== void 0) {
      const size = parseByteSize(values["log-tail"]);
      if (!size.ok) throw new SidecarError("usage", `--log-tail: ${size.reason}`, BYTE_SIZE_HINT);
      logTailBytes = size.bytes;
    }
    const isDir = (() => {
      try {
        return (0, import_node_fs7.statSync)(dir).isDirectory();
      } catch {
        return null;
      }
    })();
    if (isDir === null) {
      throw new SidecarError("usage", `${dir}: no such directory`, "Give the --artifacts DIR of a run.");
    }
    if (!isDir) {
      throw new SidecarError("usage", `${dir} is not a directory`, "Give the --artifacts DIR of a run.");
    }
    const file = await writeReport(import_node_path8.default.resolve(dir), { logTailBytes, censor: readCensor([process.env]) });
    console.log(file);
    return 0;
  } catch (error) {
    if (!(error instanceof SidecarError)) throw error;
    console.error(`sidecars report: ${error.message}${error.hint !== void 0 ? `
${error.hint}` : ""}`);
    return 1;
  }
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  HELP,
  SUMMARY,
  main
});
