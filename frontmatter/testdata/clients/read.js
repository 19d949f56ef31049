// read.js: what hexo-front-matter and gray-matter read from each post.
//
//   NODE_PATH=... TZ=UTC node read.js FILE...
//
// Prints one JSON line per file: {"file", "hexo", "gray"}, each the value
// of every front matter key as the client hands it on: {"t": "date", "v":
// ISO instant} for a Date, {"t": "string", "v": ..., "js": ISO instant or
// "invalid"} for a string (Hexo, Astro and Eleventy turn a string into a
// Date with the JS Date constructor), or {"t": "error", "v": message}.
// Hexo's own processor reads a string date with new Date(value)
// (hexo/lib/plugins/processor/common.js toDate), so "js" is what Hexo
// shows for it.
const fs = require('fs');
const hfm = require('hexo-front-matter');
const matter = require('gray-matter');

function describe(v) {
  if (v instanceof Date) return {t: 'date', v: isNaN(v.getTime()) ? 'invalid' : v.toISOString()};
  if (typeof v === 'string') {
    const d = new Date(v);
    return {t: 'string', v, js: isNaN(d.getTime()) ? 'invalid' : d.toISOString()};
  }
  if (v === null || v === undefined) return {t: 'null'};
  return {t: typeof v, v: String(v)};
}

function all(obj) {
  const out = {};
  for (const [k, v] of Object.entries(obj)) if (k !== '_content') out[k] = describe(v);
  return out;
}

for (const f of process.argv.slice(2)) {
  const s = fs.readFileSync(f, 'utf8');
  const rec = {file: f};
  try { rec.hexo = all(hfm.parse(s)); } catch (e) { rec.hexo = {error: e.message.split('\n')[0]}; }
  try { rec.gray = all(matter(s, {cache: false}).data); } catch (e) { rec.gray = {error: e.message.split('\n')[0]}; }
  console.log(JSON.stringify(rec));
}
