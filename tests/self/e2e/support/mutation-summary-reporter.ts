/**
 * Playwright reporter of the e2e self-tests: prints the mutation score once every test has ended,
 *
 *   mutation score: N/N defects flagged · false positives: 0/M · faults handled: K/K
 *
 * and writes it with the per-variant outcomes to <outputDir>/mutation-summary.json. It counts the
 * tests that declare a MUTATION_KIND annotation; a test's outcome is its MUTATION_RESULT annotations
 * (all `ok`), or `missed` when it ended without one (crash, timeout). Reporters run in the runner
 * process and see every worker's results, so the score is right however the tests were spread.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FullConfig, FullResult, Reporter, TestCase, TestResult } from '@playwright/test/reporter';
import { MUTATION_KIND, MUTATION_RESULT, type MutationKind } from './mutation-annotations';

interface Outcome {
  title: string;
  kind: MutationKind;
  ok: boolean;
  knownIssue: string | undefined;
  details: string[];
}

export default class MutationSummaryReporter implements Reporter {
  private readonly outcomes = new Map<string, Outcome>();
  private outputDir = 'test-results';
  private started = Date.now();

  onBegin(config: FullConfig): void {
    this.outputDir = config.projects[0]?.outputDir ?? this.outputDir;
    this.started = Date.now();
  }

  onTestEnd(test: TestCase, result: TestResult): void {
    const kind = test.annotations.find((a) => a.type === MUTATION_KIND)?.description as
      | MutationKind
      | undefined;
    if (!kind) return;
    const results = result.annotations
      .filter((a) => a.type === MUTATION_RESULT)
      .map((a) => a.description ?? '');
    const knownIssue = test.annotations.find((a) => a.type === 'fail')?.description;
    // Every contract run ok, and the test itself passed (an ok verdict in a test that then crashed is not ok).
    const ok = results.length > 0 && results.every((r) => r.startsWith('ok')) && result.status === 'passed';
    this.outcomes.set(test.id, { title: test.title, kind, ok, knownIssue, details: results });
  }

  onEnd(result: FullResult): void {
    if (this.outcomes.size === 0) return;
    const all = [...this.outcomes.values()];
    const of = (kind: MutationKind) => all.filter((o) => o.kind === kind);
    const count = (kind: MutationKind) => of(kind).filter((o) => o.ok).length;
    const defects = of('defect').length;
    const legitimate = of('legitimate').length;
    const faults = of('transport').length;
    const falsePositives = legitimate - count('legitimate');
    const line = `mutation score: ${count('defect')}/${defects} defects flagged · false positives: ${falsePositives}/${legitimate} · faults handled: ${count('transport')}/${faults}`;
    const missed = all.filter((o) => !o.ok);
    const wallSeconds = Math.round((Date.now() - this.started) / 1000);
    const lines = [
      '',
      line,
      ...missed.map((o) => `  missed: ${o.title}${o.knownIssue ? ` (${o.knownIssue})` : ''}`),
      `  (${all.length} variant runs, ${wallSeconds} s wall time, run ${result.status})`,
      '',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
    try {
      mkdirSync(this.outputDir, { recursive: true });
      writeFileSync(
        join(this.outputDir, 'mutation-summary.json'),
        `${JSON.stringify({ line, wallSeconds, outcomes: all }, null, 2)}\n`,
      );
    } catch (error) {
      process.stderr.write(`[mutation-summary] could not write the summary: ${(error as Error).message}\n`);
    }
  }

  printsToStdio(): boolean {
    return true;
  }
}
