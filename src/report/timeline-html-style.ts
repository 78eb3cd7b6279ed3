/** The page's style: system fonts, a light theme, lanes and bands drawn by position. */
export const PAGE_CSS = `
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--mono:ui-monospace,SFMono-Regular,"SF Mono",Menlo,Consolas,"DejaVu Sans Mono","Liberation Mono",monospace}
*{box-sizing:border-box}
body{margin:0;padding:24px;color:var(--ink);background:#fff;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
code,pre{font-family:var(--mono)}
header h1{font-size:22px;margin:0 0 4px;font-weight:600}
header h2{font-size:16px;margin:2px 0 6px;font-weight:500}
header p{margin:2px 0}
.muted{color:var(--muted)}
.findings{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(440px,100%),1fr));gap:12px;margin:18px 0 10px}
.finding{scroll-margin-top:16px;border:1px solid var(--line);border-left:5px solid var(--mark);border-radius:8px;padding:10px 14px}
.finding h3{margin:0;font-size:16px;display:flex;gap:8px;align-items:center}
.finding p{margin:4px 0}
.finding .rule{color:var(--muted);font-size:12px;margin-top:0}
.finding .where,.finding li .where{font-family:var(--mono);font-size:12.5px}
.finding{min-width:0;overflow-wrap:anywhere}
.finding pre{background:#f6f8fa;border-radius:6px;padding:6px 10px;margin:6px 0;font-size:12.5px;white-space:pre-wrap}
.finding ul{list-style:none;padding:0;margin:8px 0 0}
.finding li{margin:4px 0}
.finding.consequence{border-style:dashed;border-left-style:solid;background:#fafbfc;font-size:13.5px}
.finding .follows{font-weight:600;color:var(--muted)}
.tag{display:inline-block;min-width:22px;padding:0 6px;border-radius:11px;background:var(--mark);color:#fff;font:700 12px/20px system-ui,sans-serif;text-align:center}
.tag.related,.badge.related{background:#fff;color:var(--mark);box-shadow:inset 0 0 0 2px var(--mark)}
.key{display:flex;flex-wrap:wrap;gap:6px 12px;align-items:center;font-size:12.5px;margin:6px 0 18px}
.swatch{display:inline-block;width:18px;height:12px;border-radius:3px;margin-right:-6px;border:1px solid rgba(0,0,0,.12)}
.swatch.lock{background:#8250df;width:8px;border-radius:4px}
.swatch.wait{background:repeating-linear-gradient(45deg,#8250df 0 3px,#e9e0fb 3px 6px)}
.irql-passive{background:#f6f8fa}
.irql-apc{background:#e6f4ea}
.irql-dispatch{background:#dbe9fd}
.irql-device{background:#fde2de}
.heads,.board{--src:clamp(260px,30%,460px);--lane:calc((100% - var(--steps) - var(--src) - (var(--n) + 1) * var(--gap)) / var(--n))}
.source,.source-head{left:calc(100% - var(--src));width:var(--src)}
.heads{position:sticky;top:0;z-index:10;height:46px;background:#fff;border-bottom:1px solid var(--line);margin-bottom:6px}
.head{position:absolute;top:0;height:46px;padding:5px 8px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis}
.head b{display:block;font-size:13px}
.head span{font-size:11.5px;color:var(--muted)}
.board{position:relative}
.lane{position:absolute;top:0;bottom:0;border-radius:6px;overflow:hidden;box-shadow:inset 0 0 0 1px #eaeef2}
.irql-band{position:absolute;left:0;right:0}
.irql-band+.irql-band{border-top:1px dashed rgba(31,35,40,.2)}
.irql-band span{position:absolute;right:0;top:0;width:16px;height:100%;writing-mode:vertical-rl;font:600 10px/16px system-ui,sans-serif;letter-spacing:.06em;color:rgba(31,35,40,.45);padding-top:8px;white-space:nowrap;overflow:hidden}
.lock-span{position:absolute;width:14px;background:#8250df;border-radius:7px;z-index:1;overflow:hidden;box-shadow:0 0 0 2px rgba(255,255,255,.7)}
.lock-span.spin{background:repeating-linear-gradient(45deg,#8250df 0 3px,#e9e0fb 3px 6px)}
.lock-wait{display:block;position:absolute;left:0;right:0;top:0;background:repeating-linear-gradient(45deg,#8250df 0 3px,#e9e0fb 3px 6px)}
.lock-span span{position:relative;display:block;writing-mode:vertical-rl;color:#fff;font:600 10px/14px var(--mono);padding-top:6px;white-space:nowrap}
.event{position:absolute;left:0;right:0;height:28px;display:flex;align-items:center;z-index:3}
.jump{color:var(--mark);font-size:12.5px;text-decoration:none;white-space:nowrap}
.event .text{display:inline-block;padding:2px 7px;border-radius:5px;font:11.5px/18px var(--mono);white-space:nowrap;overflow:hidden;text-overflow:ellipsis;background:#fff;border:1px solid var(--line)}
.event.call .text{border-color:#54aeff;background:#f1f8ff}
.event.write .text{font-weight:600}
.event.enter .text,.event.return .text,.event.switch .text{background:transparent;border-color:transparent;color:var(--muted);font-style:italic}
.event .arg{color:#0550ae}
.event.mark .text{border:2px solid var(--mark);background:#fff;color:var(--ink);font-style:normal;box-shadow:0 0 0 3px color-mix(in srgb,var(--mark) 20%,transparent)}
.badge{scroll-margin-top:120px;position:absolute;top:3px;width:24px;height:22px;border-radius:11px;background:var(--mark);color:#fff;font:700 12px/22px system-ui,sans-serif;text-align:center;text-decoration:none;z-index:4}
svg.link{position:absolute;z-index:2;pointer-events:none;overflow:visible}
svg line{stroke-width:2.5;stroke-linecap:round;opacity:.85}
svg line.link{stroke-dasharray:6 5}
.step{position:absolute;left:0;width:44px;height:28px;line-height:28px;text-align:right;font:11.5px/28px var(--mono);color:var(--muted)}
.fold{position:absolute;height:18px;line-height:18px;font-size:11px;color:var(--muted);font-style:italic;z-index:3;padding-left:8px;white-space:nowrap;overflow:hidden}
.source{position:absolute;top:0;bottom:0}
.src{position:absolute;left:0;right:0;height:28px;display:flex;align-items:center;gap:8px;font:12px var(--mono);white-space:nowrap;overflow:hidden;color:#8c959f;border-left:3px solid transparent;padding-left:8px;border-radius:0 6px 6px 0}
.src .where{flex:none;min-width:92px}
.src code{min-width:0;overflow:hidden;text-overflow:ellipsis;color:#57606a}
.src.marked{background:color-mix(in srgb,var(--mark) 9%,transparent);border-left-color:var(--mark);color:var(--ink)}
.src.marked code{color:var(--ink);font-weight:600}
`;
