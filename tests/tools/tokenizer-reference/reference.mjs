#!/usr/bin/env node
// Independent reference encoder for the equality tests: SentencePiece BPE semantics (sentencepiece's
// bpe_model.cc) over Google's Gemma 3 tokenizer.json. Deliberately structured differently from the C#
// encoder: no word chunking, one priority queue over the whole text, piece lookup by string concatenation
// in a Map, symbol invalidation by version counters, user-defined pieces matched by trying each length.
//
//   node reference.mjs [--vocab tokenizer.json] [--input strings.json] [--output result.json] [--ids]
//
// Input: a JSON array of strings (stdin when --input is absent). Output: {"counts":[...]} or, with --ids,
// {"counts":[...],"ids":[[...],...]}.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NORMAL = 1, UNKNOWN = 2, CONTROL = 3, USER_DEFINED = 4, BYTE = 6;

export function loadModel(path) {
  const json = JSON.parse(readFileSync(path, 'utf8'));
  if (json.model?.type !== 'BPE') throw new Error('not a BPE tokenizer.json');
  const vocab = json.model.vocab;
  const size = Object.keys(vocab).length;
  const pieces = new Array(size);
  for (const [piece, id] of Object.entries(vocab)) pieces[id] = piece;
  const type = new Uint8Array(size).fill(NORMAL);
  for (let id = 0; id < size; id++) if (/^<0x[0-9A-F]{2}>$/.test(pieces[id])) type[id] = BYTE;
  for (const t of json.added_tokens) {
    if (t.id >= size || pieces[t.id] !== t.content || type[t.id] === BYTE) continue;
    if (t.content === json.model.unk_token) type[t.id] = UNKNOWN;
    else if (t.special && ['<pad>', '<eos>', '<bos>', '<s>', '</s>'].includes(t.content)) type[t.id] = CONTROL;
    else type[t.id] = USER_DEFINED;
  }
  // Score of a piece: minus the rank of the first merge that produces it (the HF converter writes merges in
  // SentencePiece score order). USER_DEFINED pieces score 0 as in the .model.
  const score = new Float64Array(size);
  const scored = new Uint8Array(size);
  json.model.merges.forEach((m, rank) => {
    const [a, b] = Array.isArray(m) ? m : [m.slice(0, m.indexOf(' ')), m.slice(m.indexOf(' ') + 1)];
    const id = vocab[a + b];
    if (id !== undefined && !scored[id]) { scored[id] = 1; score[id] = -rank; }
  });
  const mergeable = new Map();   // NORMAL and USER_DEFINED pieces: merge targets and encoder output
  const userDefined = new Set();
  for (let id = 0; id < size; id++) {
    if (type[id] === USER_DEFINED) { score[id] = 0; userDefined.add(pieces[id]); }
    if (type[id] === NORMAL || type[id] === USER_DEFINED) mergeable.set(pieces[id], id);
  }
  const udLengths = [...new Set([...userDefined].map((p) => p.length))].sort((x, y) => y - x);
  const udFirst = new Set([...userDefined].map((p) => p[0]));
  const byteId = [];
  for (let b = 0; b < 256; b++) byteId.push(vocab[`<0x${b.toString(16).toUpperCase().padStart(2, '0')}>`]);
  return { pieces, score, mergeable, userDefined, udLengths, udFirst, byteId, byteFallback: json.model.byte_fallback };
}

// Binary heap: higher score first, then smaller position.
class Agenda {
  constructor() { this.a = []; }
  better(x, y) { return x.score > y.score || (x.score === y.score && x.pos < y.pos); }
  push(e) {
    const a = this.a; a.push(e);
    let i = a.length - 1;
    while (i > 0) { const p = (i - 1) >> 1; if (!this.better(a[i], a[p])) break; [a[i], a[p]] = [a[p], a[i]]; i = p; }
  }
  pop() {
    const a = this.a; const top = a[0]; const last = a.pop();
    if (a.length) {
      a[0] = last; let i = 0;
      for (;;) {
        const l = 2 * i + 1, r = l + 1; let m = i;
        if (l < a.length && this.better(a[l], a[m])) m = l;
        if (r < a.length && this.better(a[r], a[m])) m = r;
        if (m === i) break;
        [a[i], a[m]] = [a[m], a[i]]; i = m;
      }
    }
    return top;
  }
  get size() { return this.a.length; }
}

const encoder = new TextEncoder();

export function encode(model, text) {
  const norm = text.replace(/ /g, '\u2581');
  // Initial symbols: longest user-defined piece (frozen) or one code point.
  const syms = [];
  for (let i = 0; i < norm.length;) {
    let ud = null;
    if (model.udFirst.has(norm[i])) {
      for (const len of model.udLengths) {
        const cand = norm.substr(i, len);
        if (cand.length === len && model.userDefined.has(cand)) { ud = cand; break; }
      }
    }
    const piece = ud ?? String.fromCodePoint(norm.codePointAt(i));
    syms.push({ piece, frozen: ud !== null, pos: syms.length, prev: syms.length - 1, next: -1, alive: true, version: 0 });
    i += piece.length;
  }
  for (let k = 0; k + 1 < syms.length; k++) syms[k].next = k + 1;

  const agenda = new Agenda();
  const offer = (l, r) => {
    if (l < 0 || r < 0) return;
    const L = syms[l], R = syms[r];
    if (L.frozen || R.frozen) return;
    const id = model.mergeable.get(L.piece + R.piece);
    if (id === undefined) return;
    agenda.push({ score: model.score[id], pos: L.pos, l, r, lv: L.version, rv: R.version });
  };
  for (let k = 0; k + 1 < syms.length; k++) offer(k, k + 1);
  while (agenda.size) {
    const e = agenda.pop();
    const L = syms[e.l], R = syms[e.r];
    if (!L.alive || !R.alive || L.version !== e.lv || R.version !== e.rv || L.next !== e.r) continue;
    L.piece += R.piece; L.version++;
    R.alive = false; R.version++;
    L.next = R.next;
    if (R.next >= 0) syms[R.next].prev = e.l;
    offer(L.prev, e.l);
    offer(e.l, L.next);
  }

  const ids = [];
  for (const s of syms) {
    if (!s.alive) continue;
    const id = model.mergeable.get(s.piece);
    if (id !== undefined) ids.push(id);
    else if (model.byteFallback) for (const b of encoder.encode(s.piece)) ids.push(model.byteId[b]);
    else throw new Error('models without byte fallback are not supported by the reference');
  }
  return ids;
}

function main() {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const toolDir = dirname(fileURLToPath(import.meta.url));
  const vocab = opt('--vocab') ?? join(resolve(toolDir, '..', '..', '..'), '.cache', 'tokenizer', 'gemma3-tokenizer.json');
  const input = opt('--input');
  const strings = JSON.parse(readFileSync(input ?? 0, 'utf8'));
  if (!Array.isArray(strings)) throw new Error('input must be a JSON array of strings');
  const model = loadModel(vocab);
  const wantIds = args.includes('--ids');
  const counts = [], all = [];
  for (const s of strings) {
    const ids = encode(model, s);
    counts.push(ids.length);
    if (wantIds) all.push(ids);
  }
  const out = JSON.stringify(wantIds ? { counts, ids: all } : { counts });
  const output = opt('--output');
  if (output) writeFileSync(output, out); else process.stdout.write(out + '\n');
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
