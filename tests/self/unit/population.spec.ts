/**
 * The reference's generated population: deterministic, ids in each contract's shape and equal to the
 * committed reference/ids files, every sampled user valid against the contract's 200 schema (as the
 * dialect renders it), every enum value / null / omission the schema allows shown somewhere, and the
 * running reference serving population users without changing fixture behaviour.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import type { ValidateFunction } from 'ajv';
import {
  inCredentialForm,
  type LoadedContract,
  loadContractByName,
  validatorOf,
} from '../../../engine/contract-loader';
import { dialects } from '../../../reference/dialects/index.js';
import fixtures from '../../../reference/fixtures.json';
import {
  POPULATION_SIZE,
  populationId,
  populationIdFileText,
  populationIndex,
  populationUser,
} from '../../../reference/population.js';
import { createReferenceServer } from '../../../reference/server.js';

type ContractName = keyof typeof dialects;
type Json = unknown;
type Schema = Record<string, unknown>;

const ROOT = resolve(__dirname, '..', '..', '..');
const CONTRACTS = Object.keys(dialects) as ContractName[];
/** The first 2000 users (every index-cycled variety repeats within them) and the last 100. */
const SAMPLE = [
  ...Array.from({ length: 2000 }, (_, i) => i),
  ...Array.from({ length: 100 }, (_, i) => POPULATION_SIZE - 100 + i),
];
/** The field of a fixture record that holds the path id. */
const ID_FIELD: Record<ContractName, string> = {
  klaim: 'user_id',
  aitronos: 'id',
  credira: 'id',
  delos: 'uuid',
  'problem-details': 'id',
};
const CTX = {
  method: 'GET',
  pathname: '/',
  id: '',
  now: new Date('2025-06-01T12:00:00Z'),
  requestId: 'population1',
};

/**
 * Should-level (x-recommended-schema) warnings the population is meant to produce, as
 * "instancePath keyword": legitimate choices the contracts only recommend against.
 */
const EXPECTED_WARNINGS: Record<ContractName, string[]> = {
  klaim: [],
  aitronos: [],
  credira: ['/data/last_login type', '/data/metadata required'],
  delos: [
    '/item anyOf',
    '/item required',
    '/item/clients/* required',
    '/item/parameters required',
    '/item/parameters/mfa required',
    '/item/parameters/profile required',
  ],
  'problem-details': [],
};

function contractOf(name: string): LoadedContract {
  const contract = loadContractByName(name);
  if (!contract) throw new Error(`no contract ${name}`);
  return contract;
}

function validatorsOf(contract: LoadedContract): {
  validate: ValidateFunction;
  recommended?: ValidateFunction;
} {
  const json = contract.responses.get(200)?.content.get('application/json');
  if (!json?.schema) throw new Error(`${contract.name}: no application/json 200 schema`);
  return {
    validate: validatorOf(json.schema),
    ...(json.recommended ? { recommended: validatorOf(json.recommended) } : {}),
  };
}

/** The contract's raw 200 application/json schema and its components (for walking, not validating). */
function rawBodySchema(contract: LoadedContract): { schema: Schema; components: Record<string, Schema> } {
  const document = JSON.parse(readFileSync(contract.file, 'utf8')) as {
    paths: Record<
      string,
      Record<string, { responses: Record<string, { content: Record<string, { schema: Schema }> }> }>
    >;
    components?: { schemas?: Record<string, Schema> };
  };
  const schema =
    document.paths[contract.path]?.[contract.method.toLowerCase()]?.responses['200']?.content[
      'application/json'
    ]?.schema;
  if (!schema) throw new Error(`${contract.name}: no 200 schema`);
  return { schema, components: document.components?.schemas ?? {} };
}

/** The body as it goes on the wire (JSON drops the undefined values of omitted fields). */
function renderedBody(name: ContractName, index: number): Json {
  const user = populationUser(name, index);
  const reply = dialects[name].renderUser(user, { ...CTX, id: populationId(name, index) });
  return JSON.parse(JSON.stringify(reply.body));
}

const foldIndices = (path: string) => path.replace(/\/\d+(?=\/|$)/g, '/*');

// ---------------------------------------------------------------- walking the 200 schema

interface SchemaFacts {
  /** pointer (array items as `*`) → enum values */
  enums: Map<string, unknown[]>;
  /** pointers whose type admits null */
  nullable: Set<string>;
  /** pointers of properties no (sub)schema of their object requires */
  optional: Set<string>;
}

function schemaFacts(contract: LoadedContract): SchemaFacts {
  const { schema, components } = rawBodySchema(contract);
  const facts: SchemaFacts = { enums: new Map(), nullable: new Set(), optional: new Set() };
  const deref = (node: Schema): Schema => {
    const ref = node.$ref;
    if (typeof ref !== 'string') return node;
    const target = components[ref.replace('#/components/schemas/', '')];
    if (!target) throw new Error(`unresolved ${ref}`);
    return deref(target);
  };
  const branches = (node: Schema): Schema[] =>
    ['anyOf', 'allOf', 'oneOf'].flatMap((key) => ((node[key] as Schema[] | undefined) ?? []).map(deref));
  // A property required by a branch only (delos: anyOf uuid | userId) is not optional.
  const requiredIn = (node: Schema): string[] => [
    ...((node.required as string[] | undefined) ?? []),
    ...branches(node).flatMap(requiredIn),
  ];
  const walk = (raw: Schema, pointer: string, required: string[]): void => {
    const node = deref(raw);
    if (Array.isArray(node.enum)) facts.enums.set(pointer, node.enum);
    if (Array.isArray(node.type) && node.type.includes('null')) facts.nullable.add(pointer);
    const allRequired = [...required, ...requiredIn(node)];
    for (const [key, child] of Object.entries(
      (node.properties as Record<string, Schema> | undefined) ?? {},
    )) {
      if (!allRequired.includes(key)) facts.optional.add(`${pointer}/${key}`);
      walk(child, `${pointer}/${key}`, []);
    }
    if (node.items) walk(node.items as Schema, `${pointer}/*`, []);
    for (const branch of branches(node)) walk(branch, pointer, allRequired);
  };
  walk(schema, '', []);
  return facts;
}

interface Seen {
  values: unknown[];
  /** The parent object was present somewhere without the key. */
  absent: boolean;
  /** The parent object was present somewhere at all. */
  parentSeen: boolean;
}

const newSeen = (): Seen => ({ values: [], absent: false, parentSeen: false });

/** Records what a body has at a pointer (`*` = every array item). */
function observe(body: Json, pointer: string, seen: Seen): void {
  const segments = pointer.split('/').slice(1);
  const visit = (node: Json, at: number): void => {
    if (at === segments.length) {
      seen.values.push(node);
      return;
    }
    const segment = segments[at] as string;
    if (segment === '*') {
      if (Array.isArray(node)) for (const item of node) visit(item, at + 1);
    } else if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      if (at === segments.length - 1) seen.parentSeen = true;
      if (Object.hasOwn(node, segment)) visit((node as Record<string, Json>)[segment], at + 1);
      else if (at === segments.length - 1) seen.absent = true;
    }
  };
  visit(body, 0);
}

// ---------------------------------------------------------------- tests

test('the schema walker finds the enums, nullable and optional fields the contracts declare', () => {
  const summary = (name: ContractName) => {
    const facts = schemaFacts(contractOf(name));
    return {
      enums: [...facts.enums.keys()],
      nullable: facts.nullable.size,
      optional: [...facts.optional].filter((pointer) => !pointer.includes('/parameters/')),
    };
  };
  expect(summary('klaim')).toEqual({ enums: ['/acquisition_source'], nullable: 0, optional: [] });
  expect(summary('aitronos')).toEqual({ enums: [], nullable: 13, optional: [] });
  expect(summary('credira')).toEqual({
    enums: [],
    nullable: 2,
    optional: ['/data/metadata/subscription_plan', '/data/metadata/timezone', '/data/metadata/language'],
  });
  expect(summary('delos').enums).toEqual(['/item/status']);
  expect(summary('delos').optional).toContain('/item/comment');
  expect(summary('delos').optional).not.toContain('/item/uuid');
});

for (const name of CONTRACTS) {
  test.describe(`population of ${name}`, () => {
    test('is deterministic: the same index gives the same id and an equal, fresh user', () => {
      for (const index of [0, 1, 4321, POPULATION_SIZE - 1]) {
        expect(populationId(name, index)).toBe(populationId(name, index));
        const user = populationUser(name, index);
        expect(populationUser(name, index)).toEqual(user);
        expect(populationUser(name, index)).not.toBe(user);
      }
      expect(populationId(name, 1)).not.toBe(populationId(name, 2));
    });

    test('reference/ids file equals the generator output', () => {
      const committed = readFileSync(join(ROOT, 'reference', 'ids', `${name}.txt`), 'utf8');
      expect(committed === populationIdFileText(name), 'run node scripts/population-ids.mjs').toBe(true);
      const lines = committed.split('\n');
      expect(lines[0]).toMatch(/^# /);
      expect(lines.length).toBe(POPULATION_SIZE + 2); // comment line, ids, final empty string
    });

    test("ids are unique, match the contract's id parameter and map back to their index", () => {
      const contract = contractOf(name);
      const idValidator = contract.idSchema ? validatorOf(contract.idSchema) : undefined;
      const ids = Array.from({ length: POPULATION_SIZE }, (_, index) => populationId(name, index));
      expect(new Set(ids).size).toBe(POPULATION_SIZE);
      const bad = ids.filter(
        (id, index) => (idValidator !== undefined && !idValidator(id)) || populationIndex(name, id) !== index,
      );
      expect(bad).toEqual([]);
    });

    test('ids that are not generated ones are not population ids', () => {
      const contract = contractOf(name);
      const fixture = fixtures[name];
      const others = [
        contract.ids.unknown,
        contract.ids.malformed,
        fixture.existingUserId,
        fixture.forbiddenUserId,
        ...fixture.users.map((user) => (user as Record<string, unknown>)[ID_FIELD[name]]),
      ].filter((id): id is string => typeof id === 'string');
      for (const id of others) expect(populationIndex(name, id), id).toBeUndefined();
      const last = populationId(name, POPULATION_SIZE - 1);
      expect(populationIndex(name, last, POPULATION_SIZE - 1)).toBeUndefined();
      expect(populationIndex(name, populationId(name, POPULATION_SIZE))).toBeUndefined();
      expect(populationIndex(name, `${last}x`)).toBeUndefined();
    });

    test('every sampled user, as the dialect renders it, matches the 200 schema and echoes its id', () => {
      const contract = contractOf(name);
      const { validate } = validatorsOf(contract);
      const echo = contract.idEcho.get(200)?.[0] ?? '';
      const failures: string[] = [];
      for (const index of SAMPLE) {
        const body = renderedBody(name, index);
        if (!validate(body)) {
          const errors = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${e.message}`);
          failures.push(`user ${index}: ${errors.join('; ')}`);
        }
        const echoed = newSeen();
        observe(body, echo, echoed);
        if (echoed.values[0] !== populationId(name, index))
          failures.push(`user ${index}: ${echo} is not the id`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });

    test('the only warnings the sample gets are the intended ones, and each appears', () => {
      const { recommended } = validatorsOf(contractOf(name));
      const warnings = new Set<string>();
      for (const index of SAMPLE) {
        if (recommended && !recommended(renderedBody(name, index))) {
          for (const error of recommended.errors ?? [])
            warnings.add(`${foldIndices(error.instancePath)} ${error.keyword}`);
        }
      }
      expect([...warnings].sort()).toEqual(EXPECTED_WARNINGS[name]);
    });

    test('the sample shows every enum value, null where nullable, and every optional field absent', () => {
      const contract = contractOf(name);
      const facts = schemaFacts(contract);
      const bodies = SAMPLE.map((index) => renderedBody(name, index));
      const seenAt = (pointer: string) => {
        const seen = newSeen();
        for (const body of bodies) observe(body, pointer, seen);
        return seen;
      };
      const missing: string[] = [];
      for (const [pointer, values] of facts.enums) {
        const seen = seenAt(pointer).values;
        for (const value of values)
          if (!seen.includes(value)) missing.push(`${pointer} never ${JSON.stringify(value)}`);
      }
      for (const pointer of facts.nullable)
        if (!seenAt(pointer).values.includes(null)) missing.push(`${pointer} never null`);
      // An optional field whose parent never appears (delos' alternative name `customers`) is vacuous.
      for (const pointer of facts.optional) {
        const seen = seenAt(pointer);
        if (seen.parentSeen && !seen.absent) missing.push(`${pointer} never absent`);
      }
      expect(missing).toEqual([]);
    });

    test('the sample has Unicode beyond Latin, emoji, empty and very long strings', () => {
      const strings: string[] = [];
      const collect = (node: Json): void => {
        if (typeof node === 'string') strings.push(node);
        else if (node !== null && typeof node === 'object')
          for (const child of Object.values(node)) collect(child);
      };
      for (const index of SAMPLE) collect(renderedBody(name, index));
      expect(
        strings.some((s) => /\p{Script=Han}/u.test(s)),
        'CJK',
      ).toBe(true);
      expect(
        strings.some((s) => /\p{Extended_Pictographic}/u.test(s)),
        'emoji',
      ).toBe(true);
      expect(
        strings.some((s) => /[À-ž]/u.test(s)),
        'accents',
      ).toBe(true);
      expect(
        strings.some((s) => s.length >= 1000),
        'a string of 1000+ characters',
      ).toBe(true);
      expect(strings.includes(''), 'an empty string').toBe(true);
    });

    test('a defect turns one user and leaves the others alone', () => {
      const defective = populationUser(name, 7, { defect: (user, index) => ({ ...user, broken: index }) });
      expect(defective.broken).toBe(7);
      expect(populationUser(name, 7).broken).toBeUndefined();
    });
  });
}

test('the reference serves population users and keeps fixture behaviour', async () => {
  const server = createReferenceServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  try {
    for (const name of CONTRACTS) {
      const contract = contractOf(name);
      const fixture = fixtures[name];
      const request = async (id: string) => {
        const headers: Record<string, string> = { ...contract.requestHeaders };
        if (contract.credential && fixture.apiKey) {
          const form = contract.credential.forms[0] ?? '{key}';
          headers[contract.credential.header] = inCredentialForm(form, fixture.apiKey);
        }
        const path = contract.path.replace(`{${contract.idParameter}}`, encodeURIComponent(id));
        const response = await fetch(`http://127.0.0.1:${port}${path}`, {
          method: contract.method,
          headers,
          body: contract.requestBody?.text,
          signal: AbortSignal.timeout(5000),
        });
        return { status: response.status, body: (await response.json()) as Json };
      };
      const id = populationId(name, 1234);
      const served = await request(id);
      expect(served.status, `${name} ${id}`).toBe(200);
      expect(served.body).toEqual(JSON.parse(JSON.stringify(renderedBodyWithMeta(name, 1234, served.body))));
      expect((await request(fixture.existingUserId)).status, `${name} fixture user`).toBe(200);
      expect((await request(contract.ids.unknown)).status, `${name} unknown id`).toBe(404);
      expect(
        (await request(populationId(name, POPULATION_SIZE))).status,
        `${name} beyond the population`,
      ).toBe(404);
      if (fixture.forbiddenUserId) expect((await request(fixture.forbiddenUserId)).status).toBe(403);
    }
    const upper = populationId('problem-details', 5).toUpperCase();
    const pd = await fetch(`http://127.0.0.1:${port}/api/v1/users/${upper}`, {
      signal: AbortSignal.timeout(5000),
    });
    expect(pd.status, 'problem-details ids compare case-insensitively').toBe(200);
  } finally {
    server.closeAllConnections();
    await new Promise((done) => server.close(done));
  }
});

/** The rendered body, with credira's per-request meta taken from the served one. */
function renderedBodyWithMeta(name: ContractName, index: number, served: Json): Json {
  const body = renderedBody(name, index) as Record<string, Json>;
  if (name === 'credira') return { ...body, meta: (served as Record<string, Json>).meta };
  return body;
}
