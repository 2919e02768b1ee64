#!/usr/bin/env node
// The @google/genai SDK (pinned in package.json) streaming from the local emulator, for bench/Invoke-Benchmark.ps1.
//
//   node genai-stream.mjs throughput --base http://127.0.0.1:PORT/ [--key K] [--model stream-10000] [--runs 5]
//   node genai-stream.mjs latency    --base http://127.0.0.1:PORT/ [--key K] [--model slow-20ms] [--prompt 'a b c d e'] [--runs 20]
//
// Prints one JSON object (same fields as the .NET probes). One client for all runs; the first run is a
// warm-up. Latency: process.hrtime is CLOCK_MONOTONIC in ns, the clock of the emulator's stream timings.
import { GoogleGenAI } from '@google/genai';
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';

const [mode, ...rest] = process.argv.slice(2);
const args = {};
for (let i = 0; i < rest.length; i += 2) args[rest[i].replace(/^--/, '')] = rest[i + 1];
const base = args.base.replace(/\/?$/, '/');
const key = args.key ?? 'emulator-key';
const runs = Number(args.runs ?? (mode === 'latency' ? 20 : 5));
const ai = new GoogleGenAI({ apiKey: key, httpOptions: { baseUrl: base, apiVersion: 'v1beta' } });
const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const loadAverage = () => { try { return readFileSync('/proc/loadavg', 'utf8').trim(); } catch { return null; } };
const sdkVersion = JSON.parse(readFileSync(new URL('./node_modules/@google/genai/package.json', import.meta.url), 'utf8')).version;

async function throughput() {
  const model = args.model ?? 'stream-10000';
  const expected = Number(model.split('-')[1]);
  const seconds = [];
  for (let run = -1; run < runs; run++) {
    const start = process.hrtime.bigint();
    const stream = await ai.models.generateContentStream({ model, contents: 'x' });
    let count = 0;
    for await (const chunk of stream) count++;
    const end = process.hrtime.bigint();
    if (count !== expected) throw new Error(`Expected ${expected} chunks, received ${count}.`);
    if (run >= 0) seconds.push(Number(end - start) / 1e9);
  }
  return { probe: 'node-genai-stream', transport: 'rest', chunks: expected, runs: seconds.length, seconds,
    medianChunksPerSecond: expected / median(seconds), bestChunksPerSecond: expected / Math.min(...seconds) };
}

async function latency() {
  const prefix = args.model ?? 'slow-20ms';
  const prompt = args.prompt ?? 'a b c d e';
  const tag = randomUUID().slice(0, 8);
  const all = [];
  for (let run = -1; run < runs; run++) {
    const model = `${prefix}-${tag}${run + 1}`;
    const received = [];
    const stream = await ai.models.generateContentStream({ model, contents: prompt });
    for await (const chunk of stream) received.push(process.hrtime.bigint());
    const timings = await (await fetch(`${base}emulator/stream-timings?model=${encodeURIComponent(model)}`, { headers: { 'x-goog-api-key': key } })).json();
    if (timings.frequency !== 1e9) throw new Error('The emulator clock is not in nanoseconds; latencies cannot be compared.');
    const server = timings.streams[0].chunkTimestamps;
    if (server.length !== received.length) throw new Error(`The server wrote ${server.length} chunks, the client saw ${received.length}.`);
    if (run >= 0) all.push(received.map((t, i) => Number(t - BigInt(server[i])) / 1e6));
  }
  const first = all.map((r) => r[0]);
  return { probe: 'node-genai', runs: all.length, chunksPerRun: all[0]?.length ?? 0, firstChunkMs: first,
    medianFirstChunkMs: median(first), medianAllChunksMs: median(all.flat()) };
}

const result = mode === 'latency' ? await latency() : await throughput();
console.log(JSON.stringify({ ...result, sdk: `@google/genai ${sdkVersion}`, node: process.version, loadAverage: loadAverage() }));
