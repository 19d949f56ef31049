// readall.js: every front matter value hexo-front-matter and gray-matter
// (js-yaml) read from each post, for the red team's deep comparison.
//
//   NODE_PATH=... TZ=UTC node readall.js FILE...
//
// Prints one JSON line per file: {"file", "hexo", "gray"}, each either
// {"data": ...} (a Date as {"$date": ISO or "invalid"}, a number as
// {"$num": text}, a Buffer as {"$bin": base64}) or {"error": message}.
const fs = require('fs');
const hfm = require('hexo-front-matter');
const matter = require('gray-matter');

function canon(v) {
  if (v instanceof Date) return {$date: isNaN(v.getTime()) ? 'invalid' : v.toISOString()};
  if (Buffer.isBuffer(v)) return {$bin: v.toString('base64')};
  if (typeof v === 'number') return {$num: String(v)};
  if (typeof v === 'string') {
    const d = new Date(v);
    return {$str: v, js: isNaN(d.getTime()) ? 'invalid' : d.toISOString()};
  }
  if (v === undefined) return {$undef: true};
  if (Array.isArray(v)) return v.map(canon);
  if (v !== null && typeof v === 'object') {
    const o = {};
    for (const k of Object.keys(v).sort()) if (k !== '_content') o[k] = canon(v[k]);
    return o;
  }
  return v;
}

for (const f of process.argv.slice(2)) {
  const s = fs.readFileSync(f, 'utf8');
  const rec = {file: f};
  try { rec.hexo = {data: canon(hfm.parse(s))}; } catch (e) { rec.hexo = {error: String(e.message).split('\n')[0]}; }
  try { rec.gray = {data: canon(matter(s, {cache: false}).data)}; } catch (e) { rec.gray = {error: String(e.message).split('\n')[0]}; }
  console.log(JSON.stringify(rec));
}
