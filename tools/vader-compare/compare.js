#!/usr/bin/env node
// Scores labelled CSV files (header text,label[,lang]; labels negative/neutral/positive) with the reference
// VADER algorithm (npm vader-sentiment, compound score, the usual +-0.05 cut-offs) and with CmBot's own
// `evaluate --json` in the same run, then prints both side by side.
// Usage: node compare.js FILE.csv [FILE.csv ...]   (build the host first: dotnet build Bot)
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const vader = require('vader-sentiment');

const repo = path.resolve(__dirname, '..', '..');

function parseCsv(content) {
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < content.length; i++) {
    const c = content[i];
    if (quoted) {
      if (c === '"' && content[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && content[i + 1] === '\n') i++;
      row.push(field); field = '';
      if (row.length > 1 || row[0] !== '') rows.push(row);
      row = [];
    } else field += c;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  const header = rows.shift().map(h => h.trim().toLowerCase());
  const t = header.indexOf('text'), l = header.indexOf('label');
  if (t < 0 || l < 0) throw new Error('header must name text and label');
  return rows.map(r => ({ text: r[t], label: r[l].trim().toLowerCase() }));
}

function metrics(pairs) {
  const labels = ['negative', 'neutral', 'positive'];
  const per = {};
  let correct = 0;
  for (const label of labels) {
    const tp = pairs.filter(([g, p]) => g === label && p === label).length;
    const predicted = pairs.filter(([, p]) => p === label).length;
    const gold = pairs.filter(([g]) => g === label).length;
    const precision = predicted ? tp / predicted : 0, recall = gold ? tp / gold : 0;
    per[label] = { precision, recall, f1: precision + recall ? 2 * precision * recall / (precision + recall) : 0 };
    correct += tp;
  }
  return { accuracy: correct / pairs.length, macro_f1: labels.reduce((s, l) => s + per[l].f1, 0) / 3, negative: per.negative, count: pairs.length };
}

function cmbotDll() {
  // The most recently built host (Release or Debug).
  const found = ['Release', 'Debug']
    .map(config => path.join(repo, 'Bot', 'bin', config, 'net10.0', 'CmBot.Bot.dll'))
    .filter(dll => fs.existsSync(dll))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!found.length) throw new Error('CmBot.Bot.dll not found: run `dotnet build Bot` first');
  return found[0];
}

// Negative-class F1 of the rows picked by idx (gold[i], predicted[i] labels).
function negativeF1(gold, predicted, idx) {
  let tp = 0, fp = 0, fn = 0;
  for (const i of idx) {
    const g = gold[i] === 'negative', p = predicted[i] === 'negative';
    if (g && p) tp++; else if (p) fp++; else if (g) fn++;
  }
  return tp ? 2 * tp / (2 * tp + fp + fn) : 0;
}

// Paired bootstrap of the negative-F1 difference (CmBot - VADER): the same resampled texts for both systems,
// a fixed seed so that a run can be repeated. Returns the 2.5 and 97.5 percentiles and the share of resamples
// where CmBot is at least as good.
function pairedBootstrap(gold, cmbot, vaderPred, rounds = 2000, seed = 20141) {
  let state = seed >>> 0;
  const random = () => { state = (Math.imul(state, 1664525) + 1013904223) >>> 0; return state / 4294967296; };
  const n = gold.length, diffs = [];
  let atLeast = 0;
  for (let r = 0; r < rounds; r++) {
    const idx = Array.from({ length: n }, () => Math.floor(random() * n));
    const d = negativeF1(gold, cmbot, idx) - negativeF1(gold, vaderPred, idx);
    diffs.push(d);
    if (d >= 0) atLeast++;
  }
  diffs.sort((a, b) => a - b);
  return { low: diffs[Math.floor(0.025 * rounds)], high: diffs[Math.floor(0.975 * rounds)], atLeast: atLeast / rounds };
}

// Optional second reference: the authors' Python VADER (cjhutto/vaderSentiment, whose lexicon CmBot ships), when VADER_PY_DIR names a folder
// holding its vaderSentiment.py and lexicon files (e.g. a checkout's vaderSentiment/ folder). Returns compounds.
function pythonVader(texts) {
  const dir = process.env.VADER_PY_DIR;
  if (!dir) return null;
  const script = 'import sys, json\nsys.path.insert(0, sys.argv[1])\nfrom vaderSentiment import SentimentIntensityAnalyzer\n'
    + 'a = SentimentIntensityAnalyzer()\nprint(json.dumps([a.polarity_scores(t)["compound"] for t in json.load(sys.stdin)]))\n';
  return JSON.parse(execFileSync('python3', ['-c', script, dir], { input: JSON.stringify(texts), encoding: 'utf8', maxBuffer: 64 << 20 }));
}

const files = process.argv.slice(2);
if (!files.length) { console.error('usage: node compare.js FILE.csv [...]'); process.exit(2); }
const dll = cmbotDll();
const f = x => x.toFixed(3);
const paired = [];
console.log('| file | n | system | accuracy | macro-F1 | neg P | neg R | neg F1 |');
console.log('|---|---:|---|---:|---:|---:|---:|---:|');
for (const file of files) {
  const rows = parseCsv(fs.readFileSync(file, 'utf8'));
  const pairs = rows.map(r => {
    const c = vader.SentimentIntensityAnalyzer.polarity_scores(r.text).compound;
    return [r.label, c <= -0.05 ? 'negative' : c >= 0.05 ? 'positive' : 'neutral'];
  });
  const v = metrics(pairs);
  const predictionsFile = path.join(os.tmpdir(), `cmbot-compare-${process.pid}.csv`);
  const out = execFileSync('dotnet', [dll, 'evaluate', '--data', path.resolve(file), '--json', '--predictions', predictionsFile], { cwd: path.dirname(dll), encoding: 'utf8' });
  const c = JSON.parse(out);
  const cmbotRows = fs.readFileSync(predictionsFile, 'utf8').trim().split('\n').slice(1).map(line => line.split(','));
  fs.unlinkSync(predictionsFile);
  const systems = [['VADER (npm)', v]];
  const py = pythonVader(rows.map(r => r.text));
  if (py) {
    systems.push(['VADER (Python)', metrics(rows.map((r, i) => [r.label, py[i] <= -0.05 ? 'negative' : py[i] >= 0.05 ? 'positive' : 'neutral']))]);
  }
  systems.push(['CmBot', c]);
  for (const [name, m] of systems) {
    console.log(`| ${path.basename(file)} | ${m.count} | ${name} | ${f(m.accuracy)} | ${f(m.macro_f1)} | ${f(m.negative.precision)} | ${f(m.negative.recall)} | ${f(m.negative.f1)} |`);
  }
  if (cmbotRows.length !== rows.length || cmbotRows.some((r, i) => r[1] !== rows[i].label)) {
    console.error(`${path.basename(file)}: CmBot read ${cmbotRows.length} rows, this script ${rows.length}; no paired comparison.`);
    continue;
  }
  const b = pairedBootstrap(cmbotRows.map(r => r[1]), cmbotRows.map(r => r[2]), pairs.map(p => p[1]));
  const onlyCmBot = cmbotRows.filter((r, i) => (r[2] === 'negative') === (r[1] === 'negative') && (pairs[i][1] === 'negative') !== (r[1] === 'negative')).length;
  const onlyVader = cmbotRows.filter((r, i) => (r[2] === 'negative') !== (r[1] === 'negative') && (pairs[i][1] === 'negative') === (r[1] === 'negative')).length;
  paired.push(`| ${path.basename(file)} | ${f(c.negative.f1 - v.negative.f1)} | [${f(b.low)}, ${f(b.high)}] | ${(100 * b.atLeast).toFixed(0)} % | ${onlyCmBot} | ${onlyVader} |`);
}
if (paired.length) {
  console.log('');
  console.log('Negative-class F1, CmBot - VADER, paired bootstrap over the same texts (2,000 resamples, fixed seed):');
  console.log('');
  console.log('| file | difference | 95 % interval | resamples with CmBot ≥ VADER | texts only CmBot gets right (negative or not) | only VADER |');
  console.log('|---|---:|---|---:|---:|---:|');
  for (const line of paired) console.log(line);
}
