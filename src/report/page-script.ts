// The page's own script (inline). Always: the log filter, and each log's tail scrolled to its end.
// Live (served by the state API): it also reads /events (every event since the start, then live)
// and polls /state, keeps the model up to date and re-renders the header, timeline and memory with
// the same functions that rendered the page (page-functions.ts). Same origin only: the page's
// Content-Security-Policy allows connect-src 'self' and nothing else.

/** Where a live page reads the run, and how often it asks for /state. */
export interface LiveOptions {
  statePath: string;
  eventsPath: string;
  pollMs: number;
}

const STATIC_SCRIPT = `
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

function toLiveScript(
  functions: { source: string; live: string; event: string },
  live: LiveOptions,
  gapX: number,
): string {
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

/** The inline script of the page: the static part, plus the live one when asked. */
export function toPageScript(
  live: LiveOptions | null,
  functions: { source: string; live: string; event: string },
  gapX: number,
): string {
  return live === null ? STATIC_SCRIPT : STATIC_SCRIPT + toLiveScript(functions, live, gapX);
}
