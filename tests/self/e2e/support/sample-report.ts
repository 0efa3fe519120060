/**
 * The `sample` part of a run's conformance.json (reporters/model.ts ContractSample), as the e2e tests
 * read it, and a one-line description of it for assertion messages.
 */
import type { ConformanceJson } from './conformance-report';

export interface SampleExampleJson {
  id: string;
  expected?: string;
  received?: string;
  curl?: string;
}

export interface SampleFindingJson {
  check: string;
  severity: 'must' | 'should';
  instancePath: string;
  keyword: string;
  count: number;
  share: number;
  examples: string[];
  exampleDetails: SampleExampleJson[];
}

export interface SampleJson {
  users: number;
  failedUsers: number;
  findings: SampleFindingJson[];
}

/** The sample of one contract of a report, or undefined when it has none. */
export function sampleOf(report: ConformanceJson | undefined, contract: string): SampleJson | undefined {
  const found = report?.contracts.find((c) => c.name === contract) as { sample?: SampleJson } | undefined;
  return found?.sample;
}

/** `users 2000, failed 40; must responseSchemaConformance /data/email format ×40 [a, b, …]; …` */
export function describeSample(sample: SampleJson | undefined): string {
  if (!sample) return '(no sample in conformance.json)';
  const findings = sample.findings.map(
    (f) =>
      `${f.severity} ${f.check} ${f.instancePath || '(body)'} ${f.keyword} ×${f.count} [${f.examples.join(', ')}]`,
  );
  return [`users ${sample.users}, failed ${sample.failedUsers}`, ...findings].join('; ');
}
