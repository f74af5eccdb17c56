// The page's stylesheet (inline: the page loads nothing).
export const PAGE_STYLE = `
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
.mk-health{fill:#7a2e0e;background:#7a2e0e}.mk-restart{fill:#f79009;background:#f79009}.mk-span{opacity:.45}
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
