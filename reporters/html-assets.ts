/**
 * The report's only CSS and script, inlined so index.html works from file://, offline, and in CI
 * artifact viewers. The script merely adds status filters; the page is complete without it.
 */
import { createHash } from 'node:crypto';

export const REPORT_CSS = `
:root{--pass:#116329;--pass-bg:#dafbe1;--fail:#a40e26;--fail-bg:#ffebe9;--warn:#7d4e00;--warn-bg:#fff8c5;
--skip:#424a53;--skip-bg:#eaeef2;--notrun:#6639ba;--notrun-bg:#fbefff;--line:#d0d7de;--code-bg:#f6f8fa;color:#1f2328;background:#fff;
font-family:system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;line-height:1.45}
body{margin:0 auto;max-width:75rem;padding:1rem 1.5rem 3rem;overflow-wrap:anywhere}
a{color:#0550ae}
a:focus-visible,input:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.skip-link{position:absolute;left:-999rem}.skip-link:focus{left:1rem;top:1rem;background:#fff;padding:.5rem;z-index:1}
h1{margin:.5rem 0}h2{margin:0;font-size:1.6rem}h5{margin:.25rem 0;font-size:.95rem}h3{margin:1.5rem 0 .5rem;border-bottom:1px solid var(--line)}
h4{margin:0 0 .5rem;font-size:1rem}
small,.muted{color:#59636e}
.verdict{display:inline-block;font-weight:800;letter-spacing:.04em;padding:.15em .6em;border:2px solid;border-radius:.3em}
.verdict.big{font-size:2.25rem;margin:.25rem 0 1rem}
.ok{color:var(--pass);background:var(--pass-bg)}.ko{color:var(--fail);background:var(--fail-bg)}.na{color:var(--skip);background:var(--skip-bg)}
.dead{border:2px solid var(--fail);background:var(--fail-bg);color:var(--fail);padding:.5rem 1rem;border-radius:.3em;font-size:1.15rem}
.compat{margin:0 0 1rem}.compat h2{font-size:1.3rem}
dl.meta{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:0 0 1rem}dl.meta dt{font-weight:600}
dl.meta dd{margin:0;overflow-wrap:anywhere}
table{border-collapse:collapse;margin:.5rem 0}caption{text-align:left;font-weight:600;padding:.25rem 0}
th,td{border:1px solid var(--line);padding:.25rem .5rem;text-align:left;vertical-align:top;overflow-wrap:anywhere}
thead th{background:var(--code-bg);overflow-wrap:normal}.compat tbody th{overflow-wrap:normal}td.num{text-align:right}
.matrix{width:100%;table-layout:fixed;font-size:.85rem}.matrix col.check-col{width:15rem}
.matrix td{padding:0;text-align:center}
.matrix th{overflow-wrap:anywhere}.matrix thead th{vertical-align:bottom;padding:.25rem .3rem}.matrix thead code{font-size:.8rem}
.matrix tr.group th{background:var(--code-bg);font-weight:600;font-size:.8rem;text-transform:uppercase;letter-spacing:.03em}
.matrix td>a,.matrix td>span{display:block;padding:.25rem .2rem;font-weight:700;text-decoration:none;color:inherit}
.bar{display:inline-block;width:6rem;height:.7rem;background:var(--skip-bg);border:1px solid var(--line);vertical-align:middle}
.bar>span{display:block;height:100%;background:var(--fail)}.bar.should>span{background:#bf8700}td.share{white-space:nowrap}
.finding{border-left:.25rem solid var(--line);padding:0 0 0 .75rem;margin:1rem 0}
.example{border-top:1px dashed var(--line);padding:.25rem 0}.example dl{margin:.25rem 0;display:grid;grid-template-columns:max-content minmax(0,1fr);gap:0 .75rem}
.example dt{font-weight:600;padding-top:.3rem}.example dd{margin:0}
.s-pass{color:var(--pass);background:var(--pass-bg)}.s-fail{color:var(--fail);background:var(--fail-bg)}
.s-warning{color:var(--warn);background:var(--warn-bg)}.s-skipped{color:var(--skip);background:var(--skip-bg)}
.s-not-run{color:var(--notrun);background:var(--notrun-bg)}
.s-none{color:#8c959f}
.badge{display:inline-block;padding:0 .4em;border-radius:.25em;font-weight:700;font-size:.85rem}
.sev{font-size:.75rem;font-weight:700;border:1px solid currentColor;border-radius:.25em;padding:0 .3em;color:#59636e}
.scorecard{display:flex;flex-wrap:wrap;gap:.5rem;margin:.75rem 0;padding:0;list-style:none}
.scorecard li{border:1px solid var(--line);border-radius:.4em;padding:.35rem .75rem;min-width:7rem}
.scorecard b{display:block;font-size:1.5rem}
.detail{border:1px solid var(--line);border-left:.4rem solid var(--fail);border-radius:.3em;padding:.6rem 1rem;margin:1rem 0}
.detail.warning{border-left-color:#bf8700}
.detail dl{margin:.25rem 0}.detail dt{font-weight:600;margin-top:.4rem}.detail dd{margin:0}
pre{white-space:pre-wrap;overflow-wrap:anywhere;background:var(--code-bg);border:1px solid var(--line);
border-radius:.3em;padding:.5rem;margin:.25rem 0;font-size:.8rem}
code,pre{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.note{font-style:italic;color:#59636e}
blockquote{margin:.5rem 0;padding:.25rem .75rem;border-left:.25rem solid var(--line);color:#3d444d}
.contract{margin-top:2.5rem;padding-top:1rem;border-top:3px solid var(--line)}
#filters{margin:1rem 0}#filters label{margin-right:1rem}
.hide-pass [data-filter=pass],.hide-fail [data-filter=fail],.hide-warning [data-filter=warning],
.hide-skipped [data-filter=skipped],.hide-not-run [data-filter=not-run]{display:none}
@media print{#filters,.skip-link{display:none}body{max-width:none;padding:0}
.detail,tr,li{break-inside:avoid}.contract{break-before:page}a{color:inherit;text-decoration:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
`;

export const FILTER_SCRIPT =
  "(function(){var f=document.getElementById('filters');if(!f)return;f.hidden=false;" +
  "f.addEventListener('change',function(e){var t=e.target;if(t&&t.name==='show')" +
  "document.body.classList.toggle('hide-'+t.value,!t.checked);});})();";

/** CSP allowing exactly our script: if escaping ever failed, injected script still would not run. */
export const CONTENT_SECURITY_POLICY = `default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src 'sha256-${createHash('sha256').update(FILTER_SCRIPT).digest('base64')}'`;
