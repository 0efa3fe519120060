/**
 * The `sample` part of a run's conformance.json (the report's own type, reporters/model.ts
 * ContractSample) and a one-line description of it for assertion messages.
 */
import type { ContractSample } from '../../../../reporters/model';
import type { ConformanceJson } from './conformance-report';

export type SampleJson = ContractSample;

/** The sample of one contract of a report, or undefined when it has none. */
export function sampleOf(report: ConformanceJson | undefined, contract: string): SampleJson | undefined {
  return report?.contracts.find((c) => c.name === contract)?.sample;
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
