/**
 * Annotation types through which mutation tests tell support/mutation-summary-reporter.ts what they
 * are (declared with the test) and what they found (pushed at run time).
 */

/** Declared on a test: `defect`, `legitimate` or `transport` (the variant's kind). */
export const MUTATION_KIND = 'mutation-kind';
/** Pushed by a test once its verdict is known: `ok: …` or `missed: …`, one per contract run. */
export const MUTATION_RESULT = 'mutation-result';

export type MutationKind = 'defect' | 'legitimate' | 'transport';
