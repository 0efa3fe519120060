import type { ValidateFunction } from 'ajv';
import type { CheckOutcome, RecordedResponse } from '../types';
import { formatViolation, toViolations } from '../violations';
import {
  type CheckContext,
  type CheckDefinition,
  isSuccess,
  NO_RESPONSE,
  parseBody,
  responseClause,
  responseFor,
  validatorsFor,
} from './context';

type Which = 'validate' | 'recommended';

function validateBody(ctx: CheckContext, response: RecordedResponse, which: Which): CheckOutcome {
  const found = responseFor(ctx, response.status);
  if (!found) {
    return {
      kind: 'skipped',
      reason: `status ${response.status} is not documented by the contract, so it has no schema`,
    };
  }
  const validate: ValidateFunction | undefined = validatorsFor(found.response, response)?.[which];
  if (!validate) {
    return {
      kind: 'skipped',
      reason:
        which === 'validate'
          ? `the contract gives no body schema for ${response.status}`
          : `no recommendations beyond the schema for ${response.status}`,
    };
  }
  const parsed = parseBody(response);
  if (!parsed.ok) return { kind: 'skipped', reason: 'the body is not JSON (see bodyIsJson)' };
  if (validate(parsed.value)) return { kind: 'passed' };
  const violations = toViolations(validate.errors);
  const noun = violations.length === 1 ? 'violation' : 'violations';
  return {
    kind: 'failed',
    // A `default` response is only the format the doc implies, so its violations are warnings.
    ...(found.severity === 'should' ? { severity: 'should' as const } : {}),
    failure: {
      title:
        which === 'validate'
          ? isSuccess(response.status)
            ? 'Response body does not match the schema'
            : 'Error body does not match the documented error format'
          : 'Response body departs from what the doc implies',
      expected: `the body of a ${response.status} response to match ${which === 'validate' ? 'the documented schema' : 'the recommended shape'}`,
      received: `${violations.length} ${noun}:\n${violations.map((v) => `  ${formatViolation(v)}`).join('\n')}`,
      violations,
    },
  };
}

/** A 2xx body matches the schema of its status: envelope, required fields, types, nullability, formats, enums, patterns. */
export const responseSchemaConformance: CheckDefinition = {
  name: 'responseSchemaConformance',
  description: 'A success body matches the documented schema (every violation reported)',
  severity: () => 'must',
  clause: responseClause,
  appliesTo: (ctx) =>
    ctx.scenario !== 'wrongMethod' && (!ctx.exchange.response || isSuccess(ctx.exchange.response.status)),
  run: (ctx) => (ctx.exchange.response ? validateBody(ctx, ctx.exchange.response, 'validate') : NO_RESPONSE),
};

/** An error body has the documented error format for its status. */
export const errorFormatConformance: CheckDefinition = {
  name: 'errorFormatConformance',
  description: 'An error body has the documented error format for its status',
  severity: () => 'must',
  clause: responseClause,
  appliesTo: (ctx) =>
    ctx.scenario !== 'wrongMethod' && !!ctx.exchange.response && !isSuccess(ctx.exchange.response.status),
  run: (ctx) => (ctx.exchange.response ? validateBody(ctx, ctx.exchange.response, 'validate') : NO_RESPONSE),
};

/** The body follows what the doc implies but does not state (x-recommended-schema): a warning only. */
export const recommendedShapeConformance: CheckDefinition = {
  name: 'recommendedShapeConformance',
  description: 'The body follows the shapes the doc implies but does not state (ids, codes, optional fields)',
  severity: () => 'should',
  clause: responseClause,
  appliesTo: (ctx) => ctx.scenario !== 'wrongMethod',
  run: (ctx) =>
    ctx.exchange.response ? validateBody(ctx, ctx.exchange.response, 'recommended') : NO_RESPONSE,
};
