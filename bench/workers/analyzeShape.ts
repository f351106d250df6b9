// One analysis of one generated shape, alone in its process so that its peak memory is its own:
//   node analyzeShape.js <shape> <n>
// Prints one JSON line: time, findings, whether it was skipped, peak RSS.
import { Analyzer } from '../../src/analysis/engine';
import { pathologicalShapes } from '../../test/support/pathologicalShapes';

export interface ShapeRun {
  shape: string;
  n: number;
  ms: number;
  skipped?: string;
  peakRssMb: number;
}

async function main(): Promise<void> {
  const [shape, n] = [process.argv[2], Number(process.argv[3])];
  const build = pathologicalShapes[shape];
  if (!build) throw new Error(`Unknown shape "${shape}".`);
  const text = build(n);
  const analyzer = await Analyzer.create();
  const started = performance.now();
  // A budget far past any target: the figure is the cost itself, not where the budget cuts it.
  const result = analyzer.analyze(text, 'python', { timeBudgetMs: 120_000, maxBytes: 64 * 1024 * 1024 });
  const run: ShapeRun = { shape, n, ms: performance.now() - started, skipped: result.skipped?.reason, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(run) + '\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
