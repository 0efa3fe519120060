import { validatorOf } from '../contract-loader';
import { mediaEssence } from '../json-text';
import { formatViolation, toViolations } from '../violations';
import {
  type CheckInput,
  defineCheck,
  fail,
  isSuccess,
  pass,
  responseClause,
  responseFor,
  skip,
  type Verdict,
} from './define-check';

type SchemaKind = 'schema' | 'recommended';

/** Validates the body against the documented (or recommended) schema of its status and media type. */
function validateBody(ctx: CheckInput<'json'>, kind: SchemaKind): Verdict {
  const { response } = ctx;
  const found = responseFor(ctx, response.status);
  if (!found) return skip(`status ${response.status} is not documented by the contract, so it has no schema`);
  const content = found.response.content;
  const media =
    content.get(mediaEssence(response.headers['content-type']) ?? '') ?? content.values().next().value;
  const key = media?.[kind];
  if (!key) {
    return skip(
      kind === 'schema'
        ? `the contract gives no body schema for ${response.status}`
        : `no recommendations beyond the schema for ${response.status}`,
    );
  }
  const validate = validatorOf(key);
  if (validate(ctx.body)) return pass;
  const violations = toViolations(validate.errors);
  const noun = violations.length === 1 ? 'violation' : 'violations';
  return fail(
    {
      title:
        kind === 'recommended'
          ? 'Response body departs from what the doc implies'
          : isSuccess(response.status)
            ? 'Response body does not match the schema'
            : 'Error body does not match the documented error format',
      expected: `the body of a ${response.status} response to match ${kind === 'schema' ? 'the documented schema' : 'the recommended shape'}`,
      received: `${violations.length} ${noun}:\n${violations.map((v) => `  ${formatViolation(v)}`).join('\n')}`,
      detail: { kind: 'schema', violations: violations.length },
      violations,
    },
    // A `default` response is only the format the doc implies, so its violations are warnings.
    found.severity === 'should' ? 'should' : undefined,
  );
}

/** A 2xx body matches the schema of its status: envelope, required fields, types, nullability, formats, enums, patterns. */
export const responseSchemaConformance = defineCheck({
  name: 'responseSchemaConformance',
  description: 'A success body matches the documented schema (every violation reported)',
  severity: 'must',
  clause: responseClause,
  needs: 'json',
  appliesTo: (ctx) => !ctx.exchange.response || isSuccess(ctx.exchange.response.status),
  assert: (ctx) => validateBody(ctx, 'schema'),
});

/** An error body has the documented error format for its status. */
export const errorFormatConformance = defineCheck({
  name: 'errorFormatConformance',
  description: 'An error body has the documented error format for its status',
  severity: 'must',
  clause: responseClause,
  needs: 'json',
  appliesTo: (ctx) => !!ctx.exchange.response && !isSuccess(ctx.exchange.response.status),
  assert: (ctx) => validateBody(ctx, 'schema'),
});

/** The body follows what the doc implies but does not state (x-recommended-schema): a warning only. */
export const recommendedShapeConformance = defineCheck({
  name: 'recommendedShapeConformance',
  description: 'The body follows the shapes the doc implies but does not state (ids, codes, optional fields)',
  severity: 'should',
  clause: responseClause,
  needs: 'json',
  assert: (ctx) => validateBody(ctx, 'recommended'),
});
