import type { ContractCases } from './types';

/**
 * delos documents two 200 bodies: the "Example Response" (examples.docSample, field-table names) and
 * the "Response sample" (examples.docResponseSample, userId/partnerId/customers). Every 200 case first
 * sets the whole body to one of them (`pointer: ''`), then patches it, so both naming forms are exercised.
 */
const TABLE_EXAMPLE = {
  item: {
    id: 12345,
    uuid: 'user_abc123def',
    username: 'john.smith',
    status: 'ACCEPT',
    is2fa: true,
    isDeleted: false,
    puid: 'pub_789xyz',
    createAt: '2024-01-15T10:30:00Z',
    updateAt: '2024-03-20T14:22:00Z',
    name: 'John',
    lastname: 'Smith',
    comment: 'VIP customer',
    parameters: {
      mfa: { requireOtp: true, requirePass: true, requireEmail: false, requireSms: true },
      profile: {
        phone: '+1234567890',
        email: 'john@example.com',
        dob: '1985-06-15T00:00:00Z',
        country: 'United States',
        city: 'New York',
        postcode: '10001',
      },
    },
    clients: [
      { customerId: 'cust_789xyz', isOwner: true },
      { customerId: 'cust_456abc', isOwner: false },
    ],
  },
};

const RESPONSE_SAMPLE = {
  item: {
    id: 185,
    userId: '158a190e-c4a9-4e6c-bf9b-4ef74ae345eb',
    username: 'testeu@gmail.com',
    status: 'NEW',
    is2fa: false,
    isDeleted: false,
    partnerId: '3354815d-1a23-4b1c-81ec-306388cddfa4',
    createAt: '2025-01-28T12:53:10Z',
    updateAt: '2025-10-27T13:39:33Z',
    name: '111',
    lastname: '222',
    comment: 'test',
    parameters: {
      mfa: { requireOtp: false, requirePass: false, requireEmail: false, requireSms: false },
      profile: { phone: '', email: '', dob: '1970-01-01T00:00:00Z', country: '', city: '', postcode: '' },
    },
    customers: [{ customerId: 'Dnewcvn-euuI-vG0FZCRDjLXS', isOwner: true }],
  },
};

type Patch = ContractCases['negative'][number]['patch'][number];
const table = (...patch: Patch[]): Patch[] => [{ op: 'set', pointer: '', value: TABLE_EXAMPLE }, ...patch];
const sample = (...patch: Patch[]): Patch[] => [{ op: 'set', pointer: '', value: RESPONSE_SAMPLE }, ...patch];

export const cases: ContractCases = {
  contract: 'delos',
  negative: [
    // 200 — must
    {
      rule: 'wrong type: id as a string',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/id', value: '12345' }),
      expect: { instancePath: '/item/id', keyword: 'type' },
    },
    {
      rule: 'wrong type: id as a fraction',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/id', value: 12345.5 }),
      expect: { instancePath: '/item/id', keyword: 'type' },
    },
    {
      rule: 'wrong type: puid as a number',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/puid', value: 789 }),
      expect: { instancePath: '/item/puid', keyword: 'type' },
    },
    {
      rule: 'wrong type: partnerId (response-sample name) as a number',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/partnerId', value: 3354815 }),
      expect: { instancePath: '/item/partnerId', keyword: 'type' },
    },
    {
      rule: 'wrong type: is2fa as a string',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/is2fa', value: 'true' }),
      expect: { instancePath: '/item/is2fa', keyword: 'type' },
    },
    {
      rule: 'wrong type: parameters.mfa.requireOtp as a number',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/parameters/mfa/requireOtp', value: 1 }),
      expect: { instancePath: '/item/parameters/mfa/requireOtp', keyword: 'type' },
    },
    {
      rule: 'wrong type: parameters.profile as a string',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/parameters/profile', value: 'masked' }),
      expect: { instancePath: '/item/parameters/profile', keyword: 'type' },
    },
    {
      rule: 'wrong type: clients[1].isOwner as a string',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/clients/1/isOwner', value: 'false' }),
      expect: { instancePath: '/item/clients/1/isOwner', keyword: 'type' },
    },
    {
      rule: 'wrong type: customers (response-sample name) as an object',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/customers', value: { customerId: 'x', isOwner: true } }),
      expect: { instancePath: '/item/customers', keyword: 'type' },
    },
    {
      rule: 'missing required field: status',
      status: 200,
      patch: table({ op: 'delete', pointer: '/item/status' }),
      expect: { instancePath: '/item', keyword: 'required' },
    },
    {
      rule: 'missing required field: isDeleted',
      status: 200,
      patch: sample({ op: 'delete', pointer: '/item/isDeleted' }),
      expect: { instancePath: '/item', keyword: 'required' },
    },
    {
      rule: 'missing required field: id',
      status: 200,
      patch: table({ op: 'delete', pointer: '/item/id' }),
      expect: { instancePath: '/item', keyword: 'required' },
    },
    {
      rule: 'missing identifier: neither uuid (table) nor userId',
      status: 200,
      patch: table({ op: 'delete', pointer: '/item/uuid' }),
      expect: { instancePath: '/item', keyword: 'anyOf' },
    },
    {
      rule: 'missing identifier: neither userId (response sample) nor uuid',
      status: 200,
      patch: sample({ op: 'delete', pointer: '/item/userId' }),
      expect: { instancePath: '/item', keyword: 'anyOf' },
    },
    {
      rule: 'minLength: empty uuid',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/uuid', value: '' }),
      expect: { instancePath: '/item/uuid', keyword: 'minLength' },
    },
    {
      rule: 'enum: status not in Status Values',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/status', value: 'ACTIVE' }),
      expect: { instancePath: '/item/status', keyword: 'enum' },
    },
    {
      rule: 'enum: status in lower case',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/status', value: 'new' }),
      expect: { instancePath: '/item/status', keyword: 'enum' },
    },
    {
      rule: 'format date-time: createAt date only',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/createAt', value: '2024-01-15' }),
      expect: { instancePath: '/item/createAt', keyword: 'format' },
    },
    {
      rule: 'format date-time: updateAt without a time zone',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/updateAt', value: '2025-10-27 13:39:33' }),
      expect: { instancePath: '/item/updateAt', keyword: 'format' },
    },
    {
      // RFC 3339 §5.6: time-numoffset = ("+" / "-") time-hour ":" time-minute.
      rule: 'format date-time (RFC 3339): createAt offset without its colon (+0000)',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/createAt', value: '2025-01-28T12:53:10+0000' }),
      expect: { instancePath: '/item/createAt', keyword: 'format' },
    },
    {
      rule: 'format date-time: parameters.profile.dob date only',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/parameters/profile/dob', value: '1985-06-15' }),
      expect: { instancePath: '/item/parameters/profile/dob', keyword: 'format' },
    },
    {
      rule: 'wrong type: parameters.profile.email a number',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/parameters/profile/email', value: 42 }),
      expect: { instancePath: '/item/parameters/profile/email', keyword: 'type' },
    },
    {
      rule: 'format email (should: values may be masked): parameters.profile.email neither empty nor an address',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/parameters/profile/email', value: 'john.example.com' }),
      schema: 'recommended',
      expect: { instancePath: '/item/parameters/profile/email', keyword: 'format' },
    },
    {
      rule: 'format email (should): a masked parameters.profile.email fails the one-of-two rule (anyOf)',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/parameters/profile/email', value: '***' }),
      schema: 'recommended',
      expect: { instancePath: '/item/parameters/profile/email', keyword: 'anyOf' },
    },
    {
      rule: 'nullability: comment null',
      status: 200,
      patch: table({ op: 'set', pointer: '/item/comment', value: null }),
      expect: { instancePath: '/item/comment', keyword: 'type' },
    },
    {
      rule: 'nullability: userId null',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/userId', value: null }),
      expect: { instancePath: '/item/userId', keyword: 'type' },
    },
    {
      rule: 'nullability: parameters.profile.phone null',
      status: 200,
      patch: sample({ op: 'set', pointer: '/item/parameters/profile/phone', value: null }),
      expect: { instancePath: '/item/parameters/profile/phone', keyword: 'type' },
    },
    {
      rule: 'wrong envelope: user object without the item wrapper',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: TABLE_EXAMPLE.item }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong envelope: item as an array',
      status: 200,
      patch: [{ op: 'set', pointer: '', value: { item: [TABLE_EXAMPLE.item] } }],
      expect: { instancePath: '/item', keyword: 'type' },
    },
    // 200 — recommended
    {
      rule: 'recommended required: username omitted',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'delete', pointer: '/item/username' }),
      expect: { instancePath: '/item', keyword: 'required' },
    },
    {
      rule: 'recommended required: neither puid nor partnerId',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'delete', pointer: '/item/puid' }),
      expect: { instancePath: '/item', keyword: 'anyOf' },
    },
    {
      rule: 'recommended required: neither customers nor clients',
      status: 200,
      schema: 'recommended',
      patch: sample({ op: 'delete', pointer: '/item/customers' }),
      expect: { instancePath: '/item', keyword: 'anyOf' },
    },
    {
      rule: 'recommended required: parameters.mfa.requireSms omitted',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'delete', pointer: '/item/parameters/mfa/requireSms' }),
      expect: { instancePath: '/item/parameters/mfa', keyword: 'required' },
    },
    {
      rule: 'recommended required: parameters.profile.phone omitted (masked away)',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'delete', pointer: '/item/parameters/profile/phone' }),
      expect: { instancePath: '/item/parameters/profile', keyword: 'required' },
    },
    {
      rule: 'recommended required: client item without isOwner',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'delete', pointer: '/item/clients/0/isOwner' }),
      expect: { instancePath: '/item/clients/0', keyword: 'required' },
    },
    {
      rule: 'recommended minimum: id 0',
      status: 200,
      schema: 'recommended',
      patch: table({ op: 'set', pointer: '/item/id', value: 0 }),
      expect: { instancePath: '/item/id', keyword: 'minimum' },
    },
    // 404 — must
    {
      rule: 'wrong error format (404): credira-style {success, error: {code, message}}',
      status: 404,
      patch: [
        {
          op: 'set',
          pointer: '',
          value: { success: false, error: { code: 'NOT_FOUND', message: 'User not found' } },
        },
      ],
      expect: { instancePath: '/error', keyword: 'type' },
    },
    {
      rule: 'wrong error format (404): {message} instead of {error}',
      status: 404,
      patch: [{ op: 'set', pointer: '', value: { message: 'User not found: user_invalid_id' } }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'wrong error format (404): body is a bare string',
      status: 404,
      patch: [{ op: 'set', pointer: '', value: 'User not found' }],
      expect: { instancePath: '', keyword: 'type' },
    },
    // 404 — recommended
    {
      rule: 'recommended pattern (404): message not starting with "User not found"',
      status: 404,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/error', value: 'Not Found' }],
      expect: { instancePath: '/error', keyword: 'pattern' },
    },
    // 401
    {
      rule: 'wrong error format (401): error as an object',
      status: 401,
      patch: [{ op: 'set', pointer: '/error', value: { message: 'Unauthorized' } }],
      expect: { instancePath: '/error', keyword: 'type' },
    },
    {
      rule: 'missing required field (401): error',
      status: 401,
      patch: [{ op: 'delete', pointer: '/error' }],
      expect: { instancePath: '', keyword: 'required' },
    },
    {
      rule: 'recommended const (401): message other than "Unauthorized"',
      status: 401,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/error', value: 'Invalid token' }],
      expect: { instancePath: '/error', keyword: 'const' },
    },
    // 403
    {
      rule: 'minLength (403): empty error message',
      status: 403,
      patch: [{ op: 'set', pointer: '/error', value: '' }],
      expect: { instancePath: '/error', keyword: 'minLength' },
    },
    {
      rule: 'nullability (403): error null',
      status: 403,
      patch: [{ op: 'set', pointer: '/error', value: null }],
      expect: { instancePath: '/error', keyword: 'type' },
    },
    {
      rule: 'recommended const (403): message other than "Access denied to user data"',
      status: 403,
      schema: 'recommended',
      patch: [{ op: 'set', pointer: '/error', value: 'Forbidden' }],
      expect: { instancePath: '/error', keyword: 'const' },
    },
  ],
  // Both 200 bodies of the doc are examples of the contract and pass both schemas; the doc's defects
  // are about naming and meaning (see x-conformance.discrepancies), not about JSON or shape.
  rawDocDefects: [],
};
