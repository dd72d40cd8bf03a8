#!/usr/bin/env node
// Compare sitelint's A11Y findings with axe-core's on the same pages.
//
//   node compare.js built DIR   [--sources SRC] [--prefix /baseurl]   pages of a built site
//   node compare.js docs RULES_DIR                                      `html invalid`/`html valid` doc examples
//
// Common options: --sitelint BIN (default: sitelint on PATH), --out FILE.json,
// --md FILE.md, --chromium PATH (default /usr/bin/chromium), --work DIR (temp dir kept for inspection).
//
// How elements are matched: every element start tag of every page is given a
// `data-sl="N"` attribute (inserted right after the tag name, in a served copy;
// the originals are never touched). parse5 (the HTML spec parser, as Chromium's)
// gives the source range of each element, so a sitelint finding at line:column
// falls in element N (the innermost start tag holding the position, else the
// innermost element holding it), and an axe node is element N by its `data-sl`.
// A pair is `exact` when both name the same element, `related` when one is an
// ancestor/descendant of the other or in axe's relatedNodes (e.g. `list` reports
// the <ul>, sitelint the bad child).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const http = require('http');
const { execFileSync } = require('child_process');
const parse5 = require('parse5');
const axe = require('axe-core');
const { chromium } = require('playwright-core');

// ---------------------------------------------------------------- arguments
function parseArgs(argv) {
  const args = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) {
      const key = a.slice(2);
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('--')) args[key] = true;
      else { args[key] = next; i++; }
    } else args._.push(a);
  }
  return args;
}

// ---------------------------------------------------------------- sitelint
function runSitelint(bin, target) {
  let out;
  try {
    out = execFileSync(bin, ['check', target, '--offline', '--format', 'json', '--select', 'A11Y,IMG001'],
      { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    if (e.status === 1 && e.stdout) out = e.stdout; // findings present
    else throw new Error(`sitelint failed (${e.status}): ${e.stderr || e.message}`);
  }
  return JSON.parse(out).diagnostics.filter(d => /^(A11Y|IMG001)/.test(d.code));
}

// code -> [axe rule ids], from `sitelint explain` would be slower; the table
// mirrors src/registry.rs ALIASES (checked at start against `sitelint rules`).
const AXE_FOR = {
  A11Y001: ['link-name'], A11Y002: ['button-name'], A11Y003: ['input-button-name'],
  A11Y004: ['label'], A11Y005: ['form-field-multiple-labels'], A11Y006: ['frame-title'],
  A11Y007: ['frame-title-unique'], A11Y008: ['html-has-lang'], A11Y009: ['html-lang-valid'],
  A11Y010: ['valid-lang'], A11Y011: ['document-title'], A11Y012: ['meta-viewport'],
  A11Y013: ['meta-refresh'], A11Y014: ['page-has-heading-one'], A11Y015: ['landmark-one-main'],
  A11Y016: ['landmark-no-duplicate-main', 'landmark-no-duplicate-banner', 'landmark-no-duplicate-contentinfo'],
  A11Y017: ['heading-order'], A11Y018: ['empty-heading'], A11Y019: ['list'], A11Y020: ['listitem'],
  A11Y021: ['definition-list'], A11Y022: ['dlitem'], A11Y023: ['duplicate-id-aria'],
  A11Y024: ['nested-interactive'], A11Y025: ['tabindex'], A11Y026: ['scope-attr-valid'],
  A11Y027: ['td-headers-attr'], A11Y028: ['th-has-data-cells'], A11Y029: ['aria-valid-attr'],
  A11Y030: ['aria-valid-attr-value'], A11Y031: ['aria-roles'], A11Y032: ['aria-allowed-attr'],
  A11Y033: ['aria-required-attr'], A11Y034: ['aria-hidden-body'], A11Y035: ['aria-hidden-focus'],
  A11Y036: ['svg-img-alt'], A11Y037: ['role-img-alt'], A11Y038: ['object-alt'], A11Y039: ['blink'],
  A11Y040: ['marquee'], A11Y041: ['server-side-image-map'], A11Y042: ['autocomplete-valid'],
  A11Y043: ['accesskeys'], IMG001: ['image-alt', 'input-image-alt', 'area-alt'],
};
const CODE_FOR = {};
for (const [code, ids] of Object.entries(AXE_FOR)) for (const id of ids) CODE_FOR[id] = code;

// ---------------------------------------------------------------- annotation
// Returns { html (annotated), elements: [{id, tag, line, col, start, tagEnd, end, parent, snippet}] }
function annotate(src) {
  const doc = parse5.parse(src, { sourceCodeLocationInfo: true });
  const elements = [];
  const inserts = [];
  function walk(node, parentId) {
    let myId = parentId;
    if (node.tagName && node.sourceCodeLocation && node.sourceCodeLocation.startTag) {
      const loc = node.sourceCodeLocation;
      myId = elements.length;
      const el = {
        id: myId, tag: node.tagName, line: loc.startTag.startLine, col: loc.startTag.startCol,
        start: loc.startTag.startOffset, tagEnd: loc.startTag.endOffset, end: loc.endOffset || loc.startTag.endOffset,
        parent: parentId,
      };
      el.snippet = src.slice(el.start, el.tagEnd).replace(/\s+/g, ' ').slice(0, 160);
      elements.push(el);
      // insert after "<tagname" (source spelling has the same length)
      inserts.push([el.start + 1 + node.tagName.length, ` data-sl="${myId}"`]);
    }
    const kids = [...(node.childNodes || []), ...((node.content && node.content.childNodes) || [])];
    for (const k of kids) walk(k, myId);
    if (myId !== parentId) {
      const el = elements[myId];
      // implicit end tags: extend to the last descendant
      for (const e of elements) if (e.id > myId && isDescendant(elements, e.id, myId)) el.end = Math.max(el.end, e.end);
    }
  }
  walk(doc, null);
  inserts.sort((a, b) => b[0] - a[0]);
  let html = src;
  for (const [at, text] of inserts) html = html.slice(0, at) + text + html.slice(at);
  return { html, elements };
}
function isDescendant(elements, id, ancestor) {
  for (let p = elements[id].parent; p !== null && p !== undefined; p = elements[p].parent) if (p === ancestor) return true;
  return false;
}
function offsetOf(src, line, col) {
  let off = 0;
  for (let l = 1; l < line; l++) { const nl = src.indexOf('\n', off); if (nl < 0) return src.length; off = nl + 1; }
  // columns count characters (code points)
  let o = off;
  for (let c = 1; c < col && o < src.length; c++) o += src.codePointAt(o) > 0xffff ? 2 : 1;
  return o;
}
function elementAt(elements, src, line, col) {
  const off = offsetOf(src, line, col);
  let best = null;
  for (const e of elements) if (off >= e.start && off < e.tagEnd) best = e; // innermost start tag (document order)
  if (best) return best;
  for (const e of elements) if (off >= e.start && off < e.end) best = e;
  return best;
}

// ---------------------------------------------------------------- server + browser
function serve(root) {
  const types = { '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.pdf': 'application/pdf' };
  const server = http.createServer((req, res) => {
    let p = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    let file = path.join(root, p);
    if (!file.startsWith(root)) { res.writeHead(403); return res.end(); }
    try { if (fs.statSync(file).isDirectory()) file = path.join(file, 'index.html'); } catch (_) { /* 404 below */ }
    fs.readFile(file, (err, data) => {
      if (err) { res.writeHead(404); return res.end('not found'); }
      res.writeHead(200, { 'content-type': types[path.extname(file).toLowerCase()] || 'application/octet-stream' });
      res.end(data);
    });
  });
  return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(server)));
}

async function runAxe(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  let loaded = false;
  // only the local server: never fetch real web pages
  // and no navigation away from the page under test (meta refresh, redirects)
  await page.route('**/*', route => {
    const req = route.request();
    if (!/^https?:\/\/127\.0\.0\.1[:/]/.test(req.url())) return route.abort();
    if (req.isNavigationRequest() && req.frame() === page.mainFrame()) {
      if (loaded) return route.fulfill({ status: 204 }); // a reload or redirect: 204 keeps the browser on the page
      loaded = true;
    }
    return route.continue();
  });
  await page.goto(url, { waitUntil: 'load', timeout: 30000 });
  for (const frame of page.frames()) { try { await frame.evaluate(axe.source); } catch (_) { /* detached or cross-origin */ } }
  const res = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations', 'incomplete'], iframes: true });
    const slOf = el => (el && el.getAttribute ? el.getAttribute('data-sl') : null);
    const pick = n => {
      let sl = null;
      const m = /^<[^\s>]+\s+data-sl="(\d+)"/.exec(n.html || '');
      if (m) sl = m[1];
      else if (n.target && n.target.length === 1 && typeof n.target[0] === 'string') { try { sl = slOf(document.querySelector(n.target[0])); } catch (_) { /* bad selector */ } }
      return sl === null ? null : Number(sl);
    };
    const nodes = list => list.map(rule => ({
      id: rule.id, impact: rule.impact, tags: rule.tags,
      nodes: rule.nodes.map(n => ({
        sl: pick(n), target: n.target, html: n.html, summary: n.failureSummary,
        related: [...n.any, ...n.all, ...n.none].flatMap(c => (c.relatedNodes || []).map(pick)).filter(x => x !== null),
        checks: [...n.any, ...n.all, ...n.none].map(c => `${c.id}: ${c.message}`),
      })),
    }));
    return { violations: nodes(r.violations), incomplete: nodes(r.incomplete) };
  });
  await context.close();
  return res;
}

async function launch(args) {
  // playwright gives each launch a fresh temporary profile (it refuses --user-data-dir here)
  return chromium.launch({
    executablePath: args.chromium || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

// ---------------------------------------------------------------- comparison
function compare(pages, diags) {
  // pages: [{rel, src, elements, axe}] ; diags: sitelint diagnostics (built mode, paths relative)
  const rows = [];
  for (const pg of pages) {
    const mine = diags.filter(d => d.path === pg.rel);
    const codes = new Set([...mine.map(d => d.code), ...pg.axe.violations.map(v => CODE_FOR[v.id]).filter(Boolean)]);
    for (const code of codes) {
      const s = mine.filter(d => d.code === code).map(d => {
        const el = elementAt(pg.elements, pg.src, d.line, d.column);
        return { d, el: el ? el.id : null };
      });
      const a = [];
      for (const v of pg.axe.violations) if (CODE_FOR[v.id] === code) for (const n of v.nodes) a.push({ rule: v.id, n });
      const inc = [];
      for (const v of pg.axe.incomplete) if (CODE_FOR[v.id] === code) for (const n of v.nodes) inc.push({ rule: v.id, n });
      const usedA = new Set(), usedS = new Set();
      const pairs = [];
      s.forEach((x, i) => { const j = a.findIndex((y, k) => !usedA.has(k) && y.n.sl === x.el); if (j >= 0) { usedA.add(j); usedS.add(i); pairs.push({ kind: 'exact', s: x, a: a[j] }); } });
      const rel = (x, y) => x.el !== null && y.n.sl !== null && (isDescendant(pg.elements, x.el, y.n.sl) || isDescendant(pg.elements, y.n.sl, x.el) || y.n.related.includes(x.el));
      s.forEach((x, i) => { if (usedS.has(i)) return; const j = a.findIndex(y => rel(x, y)); if (j >= 0) { usedA.add(j); usedS.add(i); pairs.push({ kind: 'related', s: x, a: a[j] }); } });
      const el = id => (id === null || id === undefined ? null : pg.elements[id]);
      const desc = id => { const e = el(id); return e ? `${e.line}:${e.col} ${e.snippet}` : '(no source element)'; };
      for (const p of pairs) rows.push({ page: pg.rel, code, axe: p.a.rule, kind: `both-${p.kind}`, sitelint: `${p.s.d.line}:${p.s.d.column} ${p.s.d.message}`, axeSays: p.a.n.summary, element: desc(p.s.el), axeElement: desc(p.a.n.sl) });
      s.forEach((x, i) => {
        if (usedS.has(i)) return;
        const review = inc.find(y => y.n.sl === x.el || rel(x, y));
        rows.push({ page: pg.rel, code, axe: AXE_FOR[code].join('|'), kind: review ? 'sitelint-only (axe: needs review)' : 'sitelint-only', sitelint: `${x.d.line}:${x.d.column} ${x.d.message} — ${x.d.label || ''}`, axeSays: review ? `${review.rule} incomplete: ${review.n.summary}` : '', element: desc(x.el) });
      });
      a.forEach((y, j) => { if (!usedA.has(j)) rows.push({ page: pg.rel, code, axe: y.rule, kind: 'axe-only', sitelint: '', axeSays: y.n.summary, element: '', axeElement: y.n.sl === null ? y.n.html : desc(y.n.sl), html: y.n.html, target: y.n.target }); });
    }
    // incomplete for mapped rules not otherwise reported
    for (const v of pg.axe.incomplete) {
      const code = CODE_FOR[v.id];
      if (!code) continue;
      for (const n of v.nodes) if (!mine.some(d => d.code === code && (elementAt(pg.elements, pg.src, d.line, d.column) || {}).id === n.sl)) rows.push({ page: pg.rel, code, axe: v.id, kind: 'axe-incomplete', sitelint: '', axeSays: n.summary, element: n.sl === null ? n.html : `${pg.elements[n.sl].line}:${pg.elements[n.sl].col} ${pg.elements[n.sl].snippet}` });
    }
  }
  return rows;
}

function listHtml(dir) {
  const out = [];
  (function rec(d) {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) rec(p); else if (/\.html?$/i.test(e.name)) out.push(p);
    }
  })(dir);
  return out.sort();
}

async function axePages(args, root, relPages, prefix) {
  // copy root to a work dir, annotate html pages, serve, run axe on each
  const work = args.work ? path.resolve(args.work) : fs.mkdtempSync(path.join(os.tmpdir(), 'axe-compare-'));
  const served = path.join(work, 'served');
  fs.rmSync(served, { recursive: true, force: true });
  const base = path.join(served, prefix || '');
  fs.mkdirSync(path.dirname(base), { recursive: true });
  fs.cpSync(root, base, { recursive: true });
  const pages = [];
  for (const rel of relPages) {
    const src = fs.readFileSync(path.join(root, rel), 'utf8');
    const { html, elements } = annotate(src);
    fs.writeFileSync(path.join(base, rel), html);
    pages.push({ rel, src, elements });
  }
  const server = await serve(served);
  const port = server.address().port;
  const browser = await launch(args);
  try {
    for (const pg of pages) {
      const url = `http://127.0.0.1:${port}${prefix || ''}/${pg.rel.split(path.sep).map(encodeURIComponent).join('/')}`;
      try { pg.axe = await runAxe(browser, url); } catch (e) { pg.axe = { violations: [], incomplete: [], error: String(e) }; console.error(`axe failed on ${pg.rel}: ${e}`); }
      process.stderr.write('.');
    }
  } finally { await browser.close(); server.close(); }
  process.stderr.write('\n');
  return pages;
}

function mdTable(rows, cols) {
  const esc = s => String(s === undefined || s === null ? '' : s).replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${cols.join(' | ')} |`, `| ${cols.map(() => '---').join(' | ')} |`, ...rows.map(r => `| ${cols.map(c => esc(r[c])).join(' | ')} |`)].join('\n');
}

// Jekyll source mode: which built page does a source finding apply to?
function sourceFindingsPerPage(srcDiags, builtRel) {
  const served = new Map(); // source path -> built rel
  const toBuilt = url => { let u = url.replace(/^\/+/, ''); if (u === '' || u.endsWith('/')) u += 'index.html'; else if (!/\.html?$/.test(u)) u += '.html'; return builtRel.includes(u) ? u : null; };
  for (const d of srcDiags) for (const r of d.related || []) { const m = /served at `([^`]*)`/.exec(r.message || ''); if (m) served.set(r.path, toBuilt(m[1])); }
  const guess = p => {
    if (served.has(p)) return served.get(p);
    const stem = path.basename(p).replace(/\.[^.]+$/, '');
    const hits = builtRel.filter(b => path.basename(b).replace(/\.[^.]+$/, '') === stem);
    return hits.length === 1 ? hits[0] : null;
  };
  const per = {}; // built rel -> code -> [diag]
  const add = (rel, d) => { if (!rel) return; ((per[rel] = per[rel] || {})[d.code] = per[rel][d.code] || []).push(d); };
  for (const d of srcDiags) {
    const pages = (d.related || []).filter(r => /a page it affects/.test(r.message || ''));
    if (pages.length) for (const r of pages) add(guess(r.path), d);
    else add(guess(d.path), d);
  }
  return per;
}

async function builtMode(args) {
  const root = path.resolve(args._[1]);
  const bin = args.sitelint || 'sitelint';
  const rel = listHtml(root).map(p => path.relative(root, p));
  const diags = runSitelint(bin, root);
  const pages = await axePages(args, root, rel, args.prefix);
  const rows = compare(pages, diags);
  const result = { root, pages: pages.map(p => ({ rel: p.rel, error: p.axe.error, violations: p.axe.violations.map(v => ({ id: v.id, n: v.nodes.length })) })), rows };
  let md = `# axe-core ${axe.version} vs sitelint on ${root}\n\n`;
  md += `## Per element (built mode)\n\n` + mdTable(rows.filter(r => r.kind !== 'both-exact' || args.all), ['page', 'code', 'axe', 'kind', 'element', 'axeElement', 'sitelint', 'axeSays']) + '\n\n';
  md += `Agreements (both-exact): ${rows.filter(r => r.kind === 'both-exact').length}\n\n`;
  // axe violations of rules sitelint does not map
  const unmapped = {};
  for (const p of pages) for (const v of p.axe.violations) if (!CODE_FOR[v.id]) (unmapped[v.id] = unmapped[v.id] || []).push(`${p.rel}(${v.nodes.length})`);
  md += `## axe violations of rules sitelint does not implement\n\n` + Object.entries(unmapped).map(([k, v]) => `- ${k}: ${v.join(', ')}`).join('\n') + '\n\n';
  result.unmapped = unmapped;
  if (args.sources) {
    const srcDiags = runSitelint(bin, path.resolve(args.sources));
    const per = sourceFindingsPerPage(srcDiags, rel);
    const cmp = [];
    for (const p of pages) {
      const codes = new Set([...Object.keys(per[p.rel] || {}), ...p.axe.violations.map(v => CODE_FOR[v.id]).filter(Boolean), ...diags.filter(d => d.path === p.rel).map(d => d.code)]);
      for (const code of [...codes].sort()) {
        const src = (per[p.rel] || {})[code] || [];
        const nAxe = p.axe.violations.filter(v => CODE_FOR[v.id] === code).reduce((n, v) => n + v.nodes.length, 0);
        const nBuilt = diags.filter(d => d.path === p.rel && d.code === code).length;
        cmp.push({ page: p.rel, code, axe: nAxe, built: nBuilt, source: src.length, agree: nAxe === src.length && nAxe === nBuilt ? 'yes' : 'NO', sourceLines: src.map(d => `${d.path}:${d.line}`).join(' ') });
      }
    }
    result.sourceComparison = cmp;
    // `related` may list fewer pages than a template finding affects ("on N pages" in its label):
    // compare totals per rule, counting each source finding N times.
    const totals = {};
    const t = code => (totals[code] = totals[code] || { code, axe: 0, built: 0, source: 0, sourceFindings: 0, relatedListed: 0 });
    for (const p of pages) for (const v of p.axe.violations) if (CODE_FOR[v.id]) t(CODE_FOR[v.id]).axe += v.nodes.length;
    for (const d of diags) t(d.code).built++;
    for (const d of srcDiags) {
      const m = /on (\d+) pages?\)/.exec(d.label || '');
      const listed = (d.related || []).filter(r => /a page it affects/.test(r.message || '')).length;
      const x = t(d.code); x.sourceFindings++; x.source += m ? Number(m[1]) : 1; x.relatedListed += listed || 1;
    }
    const tot = Object.values(totals).sort((a, b) => a.code.localeCompare(b.code)).map(x => ({ ...x, agree: x.axe === x.built && x.axe === x.source ? 'yes' : 'NO' }));
    result.sourceTotals = tot;
    md += `## Totals per rule: axe nodes, sitelint built-mode findings, sitelint source-mode findings counted once per affected page ("on N pages"), and how many page entries \`related\` lists\n\n` + mdTable(tot, ['code', 'axe', 'built', 'source', 'sourceFindings', 'relatedListed', 'agree']) + '\n\n';
    md += `## Source mode (${args.sources}): findings per built page and rule (axe nodes / sitelint built / sitelint source)\n\n` + mdTable(cmp, ['page', 'code', 'axe', 'built', 'source', 'agree', 'sourceLines']) + '\n';
  }
  return { result, md };
}

async function docsMode(args) {
  const rulesDir = path.resolve(args._[1]);
  const bin = args.sitelint || 'sitelint';
  // rule name -> code from `sitelint rules`
  const codeOf = {};
  for (const line of execFileSync(bin, ['rules'], { encoding: 'utf8' }).split('\n')) { const m = /^(\S+)\s+(\S+)\s/.exec(line); if (m) codeOf[m[2]] = m[1]; }
  const work = args.work ? path.resolve(args.work) : fs.mkdtempSync(path.join(os.tmpdir(), 'axe-docs-'));
  const pagesDir = path.join(work, 'doc-pages');
  fs.rmSync(pagesDir, { recursive: true, force: true });
  fs.mkdirSync(pagesDir, { recursive: true });
  const examples = [];
  for (const f of fs.readdirSync(rulesDir).filter(f => f.endsWith('.md')).sort()) {
    const name = f.replace(/\.md$/, '');
    const code = codeOf[name];
    if (!code || !AXE_FOR[code]) continue;
    const text = fs.readFileSync(path.join(rulesDir, f), 'utf8');
    const re = /```html (invalid|valid)[^\n]*\n([\s\S]*?)```/g;
    let m, n = 0;
    while ((m = re.exec(text))) {
      n++;
      const frag = m[2];
      const whole = /^\s*(<!doctype|<html)/i.test(frag);
      const head = '<!doctype html><html lang="en"><head><title>t</title>';
      let html;
      if (whole) html = frag;
      else if (/<body[\s>]/i.test(frag)) html = `${head}</head>\n${frag}</html>\n`;
      else if (/^\s*(<(meta|link|base|title)\b[^>]*>\s*)+$/i.test(frag)) html = `${head}\n${frag}</head><body><main><h1>t</h1></main></body></html>\n`;
      else if (/<main[\s>]|role="main"/i.test(frag)) html = `${head}</head><body>\n${frag}</body></html>\n`;
      else if (/<h1[\s>]/i.test(frag)) html = `${head}</head><body><main>\n${frag}</main></body></html>\n`;
      else html = `${head}</head><body><main><h1>t</h1>\n${frag}</main></body></html>\n`;
      const file = `${name}-${m[1]}-${n}.html`;
      fs.writeFileSync(path.join(pagesDir, file), html);
      examples.push({ rule: name, code, kind: m[1], file, whole });
    }
  }
  const diags = runSitelint(bin, pagesDir);
  const pages = await axePages(args, pagesDir, examples.map(e => e.file), '');
  const rows = [];
  for (const ex of examples) {
    const pg = pages.find(p => p.rel === ex.file);
    const ids = AXE_FOR[ex.code];
    const v = pg.axe.violations.filter(x => ids.includes(x.id));
    const inc = pg.axe.incomplete.filter(x => ids.includes(x.id));
    const s = diags.filter(d => d.path === ex.file && d.code === ex.code);
    const axeFlags = v.length > 0;
    const expect = ex.kind === 'invalid';
    rows.push({
      rule: ex.rule, code: ex.code, axeRule: ids.join('|'), example: ex.kind, file: ex.file,
      axe: axeFlags ? `violation (${v.map(x => x.nodes.length).reduce((a, b) => a + b)})` : inc.length ? 'needs review' : 'pass',
      sitelint: s.length ? `flags (${s.length})` : 'pass',
      axeAgrees: axeFlags === expect ? 'yes' : 'NO', sitelintAgrees: (s.length > 0) === expect ? 'yes' : 'NO',
      axeDetail: [...v, ...inc].flatMap(x => x.nodes.map(nn => `${x.id}: ${nn.summary}`)).join(' / ').slice(0, 400),
      others: pg.axe.violations.filter(x => !ids.includes(x.id)).map(x => x.id).join(' '),
    });
  }
  const md = `# Doc examples vs axe-core ${axe.version}\n\n` + mdTable(rows, ['rule', 'code', 'axeRule', 'example', 'axe', 'sitelint', 'axeAgrees', 'sitelintAgrees', 'axeDetail', 'others']) + '\n';
  return { result: { examples: rows }, md };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const mode = args._[0];
  let out;
  if (mode === 'built' && args._[1]) out = await builtMode(args);
  else if (mode === 'docs' && args._[1]) out = await docsMode(args);
  else { console.error('usage: node compare.js built DIR [--sources SRC] [--prefix /base] | docs RULES_DIR  [--sitelint BIN] [--out F.json] [--md F.md] [--work DIR] [--all]'); process.exit(2); }
  if (args.out) fs.writeFileSync(args.out, JSON.stringify(out.result, null, 1));
  if (args.md) fs.writeFileSync(args.md, out.md); else process.stdout.write(out.md);
}

main().catch(e => { console.error(e); process.exit(1); });
