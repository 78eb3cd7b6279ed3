/** The class report's style: system fonts, a light theme, one column that wraps long ids and messages instead of scrolling sideways. */
export const CLASS_REPORT_CSS = `
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--lost:#d1242f;--bar:#0969da;--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
*{box-sizing:border-box}
body{margin:0 auto;max-width:1200px;padding:24px;color:var(--ink);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;overflow-wrap:anywhere}
code,pre{font-family:var(--mono);font-size:12.5px}
h1{font-size:22px;margin:0 0 4px;font-weight:600}
h2{font-size:17px;margin:28px 0 8px;font-weight:600;border-bottom:1px solid var(--line);padding-bottom:4px}
p{margin:4px 0}
.muted{color:var(--muted)}
nav a{margin-right:14px}
.figures{display:flex;flex-wrap:wrap;gap:8px 24px;margin:10px 0}
.figures div{min-width:110px}
.figures b{display:block;font-size:20px}
.most li{margin:2px 0}
table{border-collapse:collapse;width:100%;table-layout:fixed}
th,td{text-align:left;vertical-align:top;padding:5px 8px;border-bottom:1px solid var(--line)}
th{font-weight:600;background:#f6f8fa}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
td pre{margin:0;white-space:pre-wrap;overflow-wrap:anywhere}
.rate{display:flex;align-items:center;gap:8px}
.rate .track{flex:1;height:10px;background:#f6f8fa;border-radius:5px;overflow:hidden;min-width:40px}
.rate .fill{display:block;height:100%;background:var(--lost)}
.rate span.pct{width:52px;text-align:right;font-variant-numeric:tabular-nums}
.hidden-item{font-size:11px;color:var(--muted);border:1px solid var(--line);border-radius:8px;padding:0 5px;margin-left:4px}
.histogram{display:flex;align-items:flex-end;gap:4px;height:220px;padding:20px 0 0;border-bottom:1px solid var(--ink)}
.histogram .bar{flex:1;display:flex;flex-direction:column;justify-content:flex-end;align-items:center;height:100%;min-width:0}
.histogram .fill{width:100%;background:var(--bar);border-radius:3px 3px 0 0;min-height:1px}
.histogram .count{font-size:12px;font-variant-numeric:tabular-nums}
.axis{display:flex;gap:4px}
.axis span{flex:1;text-align:center;font-size:12px;color:var(--muted);min-width:0}
.status{font-family:var(--mono);font-size:12.5px}
`;
