/**
 * Data tables of the contract self-tests (tests/self/unit/contracts.spec.ts).
 *
 * One file per contract, `<contract>.cases.ts`, exporting `cases: ContractCases` (a default export is
 * accepted too). The spec discovers the files with readdirSync: adding a contract is adding its
 * `contracts/<name>.openapi.json` and its `<name>.cases.ts`, no spec code.
 */

/**
 * A body the contract must reject: the `docSample` example of `status` (media type `mediaType`, else
 * the response's first one) with `patch` applied in order, validated against the response's `schema`
 * (`must`, the default) or its `x-recommended-schema` (`recommended`). Some ajv error must carry
 * exactly `expect.instancePath` and `expect.keyword`.
 *
 * Pointers are JSON pointers (RFC 6901) into the sample; `''` is the whole body, so
 * `{ op: 'set', pointer: '', value }` replaces it (the only way to build a body for a status the
 * doc gives no sample for). `set` creates or overwrites the member; `delete` removes it.
 */
export interface NegativeCase {
  /** What the case exercises, e.g. "wrong type: created_at as a string". Unique in its file. */
  rule: string;
  status: number;
  mediaType?: string;
  patch: { op: 'set' | 'delete'; pointer: string; value?: unknown }[];
  schema?: 'must' | 'recommended';
  expect: { instancePath: string; keyword: string };
}

/**
 * A defect of the source doc itself, shown on text copied from the doc: either the text is not JSON
 * (`{ parse: 'fails' }`) or it parses and then fails the contract of `status` (its `schema` or its
 * `x-recommended-schema`) with an error at `instancePath` with `keyword`. `discrepancyId` names the
 * entry of `x-conformance.discrepancies` that records the defect and the decision taken.
 *
 * `schema` pins which of the two reports the error: `'recommended'` says the decision accepts the
 * doc's own text as conforming (it passes every `schema`) and only warns about it (should).
 */
export interface RawDocDefect {
  name: string;
  discrepancyId: string;
  status: number;
  raw: string /* verbatim text copied from the doc */;
  schema?: 'must' | 'recommended';
  expect: { parse: 'fails' } | { instancePath: string; keyword: string };
}

export interface ContractCases {
  /** The contract's name: its file name without `.openapi.json`. */
  contract: string;
  negative: NegativeCase[];
  rawDocDefects: RawDocDefect[];
}
