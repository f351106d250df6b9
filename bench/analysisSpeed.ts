// Analysis speed on real Python: full analysis vs parsing alone on one large file, and throughput
// over a corpus. Prints figures; asserts nothing (machines here are shared and noisy).
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { Analyzer } from '../src/analysis/engine';

export interface AnalysisSpeed {
  file: string;
  lines: number;
  parseP50Ms: number;
  analyzeP50Ms: number;
  ratio: number;
  corpus: { files: number; lines: number; seconds: number; linesPerSecond: number; findings: number };
}

function percentile(samples: number[], fraction: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

function timeRuns(runs: number, action: () => void): number[] {
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    action();
    samples.push(performance.now() - started);
  }
  return samples;
}

export function pythonFilesUnder(folder: string, limit = Number.POSITIVE_INFINITY): string[] {
  const files: string[] = [];
  const visit = (current: string) => {
    for (const entry of readdirSync(current).sort()) {
      if (files.length >= limit) return;
      const path = join(current, entry);
      const stat = statSync(path);
      if (stat.isDirectory()) visit(path);
      else if (entry.endsWith('.py')) files.push(path);
    }
  };
  visit(folder);
  return files;
}

export async function measureAnalysisSpeed(file: string, corpusRoot: string): Promise<AnalysisSpeed> {
  const analyzer = await Analyzer.create();
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n').length;
  // Warm up the JIT and the wasm module before measuring.
  for (let i = 0; i < 3; i++) {
    analyzer.parseOnly(text, 'python');
    analyzer.analyze(text, 'python', { timeBudgetMs: 60000 });
  }
  const parse = timeRuns(15, () => analyzer.parseOnly(text, 'python'));
  const full = timeRuns(15, () => analyzer.analyze(text, 'python', { timeBudgetMs: 60000 }));
  const files = pythonFilesUnder(corpusRoot);
  let corpusLines = 0;
  let findings = 0;
  const started = performance.now();
  for (const path of files) {
    const source = readFileSync(path, 'utf8');
    const result = analyzer.analyze(source, 'python', { timeBudgetMs: 60000 });
    corpusLines += result.lineCount;
    findings += result.findings.length;
  }
  const seconds = (performance.now() - started) / 1000;
  analyzer.dispose();
  const parseP50Ms = percentile(parse, 0.5);
  const analyzeP50Ms = percentile(full, 0.5);
  return {
    file,
    lines,
    parseP50Ms,
    analyzeP50Ms,
    ratio: analyzeP50Ms / parseP50Ms,
    corpus: { files: files.length, lines: corpusLines, seconds, linesPerSecond: corpusLines / seconds, findings },
  };
}

if (require.main === module) {
  const file = process.argv[2] ?? '/usr/lib/python3.11/_pydecimal.py';
  const corpus = process.argv[3] ?? '/usr/lib/python3.11';
  measureAnalysisSpeed(file, corpus).then((speed) => console.log(JSON.stringify(speed, null, 2)));
}
