import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI tooling reads,
 * after one line per project giving when its first file started and its last ended (seconds into the
 * run): where the run's time goes.
 */
export default class SummaryReporter implements Reporter {
  private readonly started = Date.now();
  private readonly spans = new Map<string, { from: number; to: number }>();

  onTestModuleStart(module: TestModule): void {
    const at = Date.now() - this.started;
    const project = module.project.name;
    this.spans.set(project, { from: Math.min(this.spans.get(project)?.from ?? at, at), to: this.spans.get(project)?.to ?? at });
  }

  onTestModuleEnd(module: TestModule): void {
    const span = this.spans.get(module.project.name);
    if (span) span.to = Date.now() - this.started;
  }

  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const counts = { passed: 0, failed: 0, skipped: 0, pending: 0 };
    for (const module of testModules) {
      for (const test of module.children.allTests()) counts[test.result().state] += 1;
    }
    const seconds = (ms: number) => (ms / 1000).toFixed(0);
    for (const [project, { from, to }] of this.spans) console.log(`Project ${project}: ${seconds(from)}–${seconds(to)} s`);
    console.log(`Tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped + counts.pending} skipped`);
  }
}
