/** Negative bodies and raw doc defects of contracts/klaim.openapi.json (seed 000). */
import type { ContractCases } from './types';

/** The doc's 200 sample, verbatim (seed 000, tab "200"): no comma after "acquisition_source": "api". */
const SAMPLE_200_VERBATIM = `{
    "message": "fetch resource successfully",
    "klaim_id": "1753306133860_A36dL",
    "user_id": "test2025silicon10000",
    "email": "test@email.com1011",
    "name": "tester",
    "credit_balance": 0,
    "created_at": 1753306133860,
    "acquisition_source": "api"
    "metadata": {
        "test": "field"
    }
}`;

/** The same text with only the missing comma restored, so the next defect (the email) shows. */
const SAMPLE_200_COMMA_RESTORED = SAMPLE_200_VERBATIM.replace(
  '"acquisition_source": "api"\n',
  '"acquisition_source": "api",\n',
);

export const cases: ContractCases = {
  contract: 'klaim',
  negative: [
    // 200 — must
    {
      rule: 'missing required field: user_id',
      status: 200,
      patch: [{ op: 'delete', pointer: '/user_id' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'missing required field: metadata',
      status: 200,
      patch: [{ op: 'delete', pointer: '/metadata' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong type: created_at as an ISO string instead of epoch milliseconds',
      status: 200,
      patch: [{ op: 'set', pointer: '/created_at', value: '2025-07-23T21:28:53.860Z' }],
      expect: { instancePath: '/created_at', keyword: 'type' },
    },
    {
      rule: 'wrong type: created_at as a decimal',
      status: 200,
      patch: [{ op: 'set', pointer: '/created_at', value: 1753306133.86 }],
      expect: { instancePath: '/created_at', keyword: 'type' },
    },
    {
      rule: 'wrong type: credit_balance as a string',
      status: 200,
      patch: [{ op: 'set', pointer: '/credit_balance', value: '0' }],
      expect: { instancePath: '/credit_balance', keyword: 'type' },
    },
    {
      rule: 'wrong type: metadata as an array of pairs',
      status: 200,
      patch: [{ op: 'set', pointer: '/metadata', value: [{ key: 'test', value: 'field' }] }],
      expect: { instancePath: '/metadata', keyword: 'type' },
    },
    {
      rule: 'value outside the enum: acquisition_source "web"',
      status: 200,
      patch: [{ op: 'set', pointer: '/acquisition_source', value: 'web' }],
      expect: { instancePath: '/acquisition_source', keyword: 'enum' },
    },
    {
      rule: 'enum is case-sensitive: acquisition_source "API"',
      status: 200,
      patch: [{ op: 'set', pointer: '/acquisition_source', value: 'API' }],
      expect: { instancePath: '/acquisition_source', keyword: 'enum' },
    },
    {
      rule: 'wrong type: email as an array of addresses',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: ['test@email.com'] }],
      expect: { instancePath: '/email', keyword: 'type' },
    },
    {
      rule: 'wrong type: klaim_id as a number',
      status: 200,
      patch: [{ op: 'set', pointer: '/klaim_id', value: 1753306133860 }],
      expect: { instancePath: '/klaim_id', keyword: 'type' },
    },
    {
      rule: 'not nullable: name null',
      status: 200,
      patch: [{ op: 'set', pointer: '/name', value: null }],
      expect: { instancePath: '/name', keyword: 'type' },
    },
    {
      rule: 'not nullable: email null',
      status: 200,
      patch: [{ op: 'set', pointer: '/email', value: null }],
      expect: { instancePath: '/email', keyword: 'type' },
    },
    {
      rule: 'not nullable: metadata null',
      status: 200,
      patch: [{ op: 'set', pointer: '/metadata', value: null }],
      expect: { instancePath: '/metadata', keyword: 'type' },
    },
    {
      rule: 'wrong envelope: the user wrapped in {success, data}',
      status: 200,
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { success: true, data: { user_id: 'test2025silicon10000', email: 'test@email.com' } },
        },
      ],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong envelope: a JSON array of users',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: [{ user_id: 'test2025silicon10000' }] }],
      expect: { instancePath: '', keyword: 'type' },
    },
    // 200 — recommended
    {
      rule: 'recommended const: another success message',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/message', value: 'OK' }],
      expect: { instancePath: '/message', keyword: 'const' },
    },
    {
      // sample-email-invalid: the must takes any string (the doc's own sample is no address).
      rule: 'recommended format: email without a domain',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/email', value: 'tester' }],
      expect: { instancePath: '/email', keyword: 'format' },
    },
    {
      rule: "recommended format: email with a numeric top-level label (the doc sample's own value)",
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/email', value: 'test@email.com1011' }],
      expect: { instancePath: '/email', keyword: 'format' },
    },
    {
      // klaim-id-shape: the doc is silent about the shape, so the sample's shape is a should only.
      rule: 'recommended pattern: klaim_id without the "<digits>_" prefix',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/klaim_id', value: 'A36dL' }],
      expect: { instancePath: '/klaim_id', keyword: 'pattern' },
    },
    {
      rule: 'recommended pattern: klaim_id with epoch seconds',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/klaim_id', value: '1753306133_A36dL' }],
      expect: { instancePath: '/klaim_id', keyword: 'pattern' },
    },
    {
      rule: 'recommended minimum: created_at in epoch seconds',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/created_at', value: 1753306133 }],
      expect: { instancePath: '/created_at', keyword: 'minimum' },
    },
    {
      rule: 'recommended minimum: negative credit_balance',
      status: 200,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/credit_balance', value: -5 }],
      expect: { instancePath: '/credit_balance', keyword: 'minimum' },
    },
    // 404
    {
      rule: 'wrong error format: {error} instead of {message}',
      status: 404,
      patch: [{ op: 'set', pointer: '', value: { error: 'User not found' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong error format: RFC 9457 problem details instead of {message}',
      status: 404,
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { type: 'about:blank', title: 'Not Found', status: 404, detail: 'User not found' },
        },
      ],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong type: 404 message as an object',
      status: 404,
      patch: [
        { op: 'set', pointer: '/message', value: { text: 'Can not find user with the given user_id.' } },
      ],
      expect: { instancePath: '/message', keyword: 'type' },
    },
    {
      rule: 'not nullable: 404 message null',
      status: 404,
      patch: [{ op: 'set', pointer: '/message', value: null }],
      expect: { instancePath: '/message', keyword: 'type' },
    },
    {
      rule: 'recommended const: another 404 message',
      status: 404,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/message', value: 'User not found' }],
      expect: { instancePath: '/message', keyword: 'const' },
    },
    // default (statuses the doc does not list: the {message} format is implied)
    {
      rule: 'default: a 401 body without message',
      status: 0,
      patch: [{ op: 'set', pointer: '', value: { error: 'Unauthorized', statusCode: 401 } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'default: message as an array of errors',
      status: 0,
      patch: [{ op: 'set', pointer: '', value: { message: ['user_id must be a string'] } }],
      expect: { instancePath: '/message', keyword: 'type' },
    },
  ],
  rawDocDefects: [
    {
      name: 'the 200 sample is not JSON (no comma after "acquisition_source": "api")',
      discrepancyId: 'sample-invalid-json',
      status: 200,
      raw: SAMPLE_200_VERBATIM,
      expect: { parse: 'fails' },
    },
    {
      name: 'the 200 sample\'s email "test@email.com1011" is not an email: accepted by the must, warned by the should (comma restored so it parses)',
      discrepancyId: 'sample-email-invalid',
      status: 200,
      raw: SAMPLE_200_COMMA_RESTORED,
      schema: 'recommended',
      expect: { instancePath: '/email', keyword: 'format' },
    },
  ],
};
