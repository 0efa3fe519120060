/**
 * Self-tests of the contracts: one generic spec, no per-contract code. Every contracts/*.openapi.json
 * and every contract-cases/*.cases.ts is discovered from disk, so a new contract (a file and its
 * cases file) is covered without touching this spec.
 */
import { spawnSync } from 'node:child_process';
import {
  copyFileSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { Validator } from '@seriousme/openapi-schema-validator';
import type { ValidateFunction } from 'ajv';
import {
  CONTRACT_SUFFIX,
  DEFAULT_CONTRACTS_DIR,
  type LoadedContract,
  listContractFiles,
  loadContracts,
  type ResolvedResponse,
  validatorOf,
} from '../../../engine/contract-loader';
import type { ContractCases, NegativeCase, RawDocDefect } from './contract-cases/types';

const ROOT = resolve(__dirname, '..', '..', '..');
const CASES_DIR = join(__dirname, 'contract-cases');
const CASES_SUFFIX = '.cases.ts';
const README_SCRIPT = join(ROOT, 'scripts', 'contracts-readme.mjs');

type Json = unknown;
type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// ---------------------------------------------------------------- JSON pointers (RFC 6901)

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  if (!pointer.startsWith('/')) throw new Error(`"${pointer}" is not a JSON pointer`);
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

function resolvePointer(value: Json, pointer: string): Json {
  let node = value;
  for (const key of pointerSegments(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as JsonObject)[key];
  }
  return node;
}

/** Applies one patch operation; a missing parent (or a missing member to delete) is an error of the case. */
function applyPatch(body: Json, op: NegativeCase['patch'][number]): Json {
  const segments = pointerSegments(op.pointer);
  const last = segments.pop();
  if (last === undefined) {
    if (op.op === 'delete') throw new Error('cannot delete the whole body');
    return structuredClone(op.value);
  }
  const parent = resolvePointer(body, segments.length ? `/${segments.join('/')}` : '');
  if (parent === null || typeof parent !== 'object') {
    throw new Error(`patch ${op.op} ${op.pointer}: the parent is not an object or array in the sample`);
  }
  if (Array.isArray(parent)) {
    const index = Number(last);
    if (!Number.isInteger(index) || index < 0 || index > parent.length) {
      throw new Error(`patch ${op.op} ${op.pointer}: "${last}" is not an index of the array`);
    }
    if (op.op === 'delete') parent.splice(index, 1);
    else parent[index] = structuredClone(op.value);
    return body;
  }
  const record = parent as JsonObject;
  if (op.op === 'delete') {
    if (!Object.hasOwn(record, last))
      throw new Error(`patch delete ${op.pointer}: no such member in the sample`);
    delete record[last];
  } else {
    record[last] = structuredClone(op.value);
  }
  return body;
}

// ---------------------------------------------------------------- contract documents

interface MediaEntry {
  /** 0 for the `default` response, as in the loader. */
  status: number;
  mediaType: string;
  media: JsonObject;
}

function readDocument(file: string): JsonObject {
  return JSON.parse(readFileSync(file, 'utf8')) as JsonObject;
}

/** Follows a local `#/...` reference of a contract document. */
function deref(document: JsonObject, value: unknown): unknown {
  if (!isObject(value) || typeof value.$ref !== 'string') return value;
  return resolvePointer(document, value.$ref.replace(/^#/, ''));
}

/** The one operation of a contract document. */
function operationOf(document: JsonObject): JsonObject {
  const paths = isObject(document.paths) ? document.paths : {};
  for (const item of Object.values(paths)) {
    if (!isObject(item)) continue;
    for (const method of ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']) {
      if (isObject(item[method])) return item[method];
    }
  }
  throw new Error('the contract has no operation');
}

/** Every media type object of every response, with the status it belongs to. */
function mediaEntries(document: JsonObject): MediaEntry[] {
  const responses = operationOf(document).responses;
  if (!isObject(responses)) return [];
  return Object.entries(responses).flatMap(([code, raw]) => {
    const response = deref(document, raw);
    const content = isObject(response) && isObject(response.content) ? response.content : {};
    return Object.entries(content)
      .filter((entry): entry is [string, JsonObject] => isObject(entry[1]))
      .map(([mediaType, media]) => ({ status: code === 'default' ? 0 : Number(code), mediaType, media }));
  });
}

/** `example` and every `examples.*.value` of a media type object, named. */
function examplesOf(document: JsonObject, media: JsonObject): [string, Json][] {
  const found: [string, Json][] = [];
  if (media.example !== undefined) found.push(['example', media.example]);
  if (isObject(media.examples)) {
    for (const [name, raw] of Object.entries(media.examples)) {
      const example = deref(document, raw);
      if (isObject(example) && example.value !== undefined) found.push([`examples.${name}`, example.value]);
    }
  }
  return found;
}

function docSample(document: JsonObject, status: number, mediaType: string): Json {
  const entry = mediaEntries(document).find((e) => e.status === status && e.mediaType === mediaType);
  const raw = entry && isObject(entry.media.examples) ? entry.media.examples.docSample : undefined;
  const example = deref(document, raw);
  return isObject(example) ? example.value : undefined;
}

const errorsOf = (validate: ValidateFunction): { instancePath: string; keyword: string }[] =>
  (validate.errors ?? []).map((error) => ({ instancePath: error.instancePath, keyword: error.keyword }));

function describeErrors(validate: ValidateFunction): string {
  return (validate.errors ?? [])
    .map((e) => `${e.instancePath || '(body)'} ${e.keyword} ${e.message}`)
    .join('; ');
}

/** The loaded response of a status; 0 is the `default` response. */
function responseOf(contract: LoadedContract, status: number): ResolvedResponse | undefined {
  return status === 0 ? contract.defaultResponse : contract.responses.get(status);
}

function loadedContract(dir: string, name: string): LoadedContract {
  const contract = loadContracts(dir).find((c) => c.name === name);
  if (!contract) throw new Error(`no contract "${name}" in ${dir}`);
  return contract;
}

// ---------------------------------------------------------------- checks shared by the real contracts and the throwaway one

async function expectValidOpenApi31(document: JsonObject): Promise<void> {
  const validator = new Validator();
  const result = await validator.validate(structuredClone(document) as never);
  expect(result.errors ?? [], 'OpenAPI schema errors').toEqual([]);
  expect(result.valid).toBe(true);
  expect(validator.version).toBe('3.1');
}

function expectExamplesValid(document: JsonObject, contract: LoadedContract): number {
  let count = 0;
  for (const { status, mediaType, media } of mediaEntries(document)) {
    const validators = responseOf(contract, status)?.content.get(
      mediaType.split(';')[0]?.trim().toLowerCase() ?? '',
    );
    for (const [name, value] of examplesOf(document, media)) {
      expect(validators, `${status} ${mediaType} ${name}: the loader knows the media type`).toBeDefined();
      for (const which of ['schema', 'recommended'] as const) {
        const key = validators?.[which];
        if (!key) continue;
        const validate = validatorOf(key);
        const where = `${status} ${mediaType} ${name} against ${which === 'schema' ? 'schema' : 'x-recommended-schema'}`;
        expect(validate(value), `${where}: ${describeErrors(validate)}`).toBe(true);
      }
      count += 1;
    }
  }
  return count;
}

// ---------------------------------------------------------------- cases files

interface CasesFile {
  file: string;
  cases?: ContractCases;
  error?: string;
}

function isContractCases(value: unknown): value is ContractCases {
  return (
    isObject(value) &&
    typeof value.contract === 'string' &&
    Array.isArray(value.negative) &&
    Array.isArray(value.rawDocDefects)
  );
}

function loadCasesFiles(): CasesFile[] {
  return readdirSync(CASES_DIR)
    .filter((entry) => entry.endsWith(CASES_SUFFIX))
    .sort()
    .map((entry) => {
      const file = join(CASES_DIR, entry);
      try {
        // Synchronous on purpose: the cases become test titles at collection time.
        const module = require(file) as JsonObject;
        const cases = [module.cases, module.default, ...Object.values(module)].find(isContractCases);
        return cases
          ? { file, cases }
          : { file, error: 'exports no ContractCases (expected `export const cases`)' };
      } catch (error) {
        return { file, error: (error as Error).message };
      }
    });
}

const contractFiles = listContractFiles();
const contractNames = contractFiles.map((file) => basename(file, CONTRACT_SUFFIX));
const casesFiles = loadCasesFiles();

// ---------------------------------------------------------------- per contract

for (const file of contractFiles) {
  const name = basename(file, CONTRACT_SUFFIX);

  test.describe(`contract ${name}`, () => {
    test('is valid OpenAPI 3.1', async () => {
      await expectValidOpenApi31(readDocument(file));
    });

    test('loads and compiles under the contract loader', () => {
      const contract = loadedContract(DEFAULT_CONTRACTS_DIR, name);
      expect(contract.file).toBe(file);
      expect(contract.responses.has(200)).toBe(true);
      expect(contract.path).toContain(`{${contract.idParameter}}`);
    });

    test('every example validates against its schema and x-recommended-schema', () => {
      const document = readDocument(file);
      const contract = loadedContract(DEFAULT_CONTRACTS_DIR, name);
      expect(expectExamplesValid(document, contract), 'examples found').toBeGreaterThan(0);
      const of200 = mediaEntries(document).filter((e) => e.status === 200);
      expect(
        of200.flatMap((e) => examplesOf(document, e.media)).length,
        'the 200 response has its doc sample as an example',
      ).toBeGreaterThan(0);
    });

    test('idEcho pointers resolve in the samples to an id', () => {
      const document = readDocument(file);
      const contract = loadedContract(DEFAULT_CONTRACTS_DIR, name);
      expect([...contract.idEcho.keys()], 'idEcho covers 200').toContain(200);
      for (const [status, pointers] of contract.idEcho) {
        const code = String(status);
        // The docSample, or every example when the doc gives several bodies for the status.
        const samples = mediaEntries(document)
          .filter((e) => e.status === status)
          .flatMap((e) => examplesOf(document, e.media));
        if (status === 200) expect(samples.length, 'a 200 docSample').toBeGreaterThan(0);
        for (const [example, sample] of samples) {
          const value = pointers.map((p) => resolvePointer(sample, p)).find((v) => v !== undefined);
          expect(
            ['string', 'number'],
            `${code} ${example}: ${pointers.join(' or ')} → ${JSON.stringify(value)}`,
          ).toContain(typeof value);
          if (contract.idSchema) {
            expect(
              validatorOf(contract.idSchema)(String(value)),
              `${code}: the echoed id fits the id parameter schema`,
            ).toBe(true);
          }
        }
      }
    });

    test('documented error statuses that scenarios expect have content', () => {
      const contract = loadedContract(DEFAULT_CONTRACTS_DIR, name);
      for (const [scenario, rule] of Object.entries(contract.scenarios)) {
        for (const status of [...rule.expect, ...(rule.tolerate ?? [])]) {
          const response = contract.responses.get(status);
          if (status < 400 || !response) continue;
          expect(
            response.content.size,
            `${scenario} expects ${status}: its response has content`,
          ).toBeGreaterThan(0);
        }
      }
    });

    test('ids and discrepancies are coherent', () => {
      const contract = loadedContract(DEFAULT_CONTRACTS_DIR, name);
      if (contract.idSchema) {
        expect(
          validatorOf(contract.idSchema)(contract.ids.unknown),
          'ids.unknown fits the id parameter schema',
        ).toBe(true);
      }
      const ids = contract.discrepancies.map((d) => d.id);
      expect(ids.length, 'discrepancies recorded').toBeGreaterThan(0);
      expect(new Set(ids).size, `discrepancy ids are unique: ${ids.join(', ')}`).toBe(ids.length);
    });

    test('has a cases file', () => {
      const names = casesFiles.flatMap((c) => (c.cases ? [c.cases.contract] : []));
      expect(names, `tests/self/unit/contract-cases/${name}${CASES_SUFFIX}`).toContain(name);
    });
  });
}

// ---------------------------------------------------------------- per cases file

for (const { file, cases, error } of casesFiles) {
  const label = basename(file);
  if (!cases) {
    test(`cases ${label} loads`, () => {
      throw new Error(`${label}: ${error}`);
    });
    continue;
  }

  test.describe(`cases ${cases.contract}`, () => {
    test('name a contract and pair with its file', () => {
      expect(contractNames).toContain(cases.contract);
      expect(label).toBe(`${cases.contract}${CASES_SUFFIX}`);
      expect(cases.negative.length, 'negative cases').toBeGreaterThan(0);
    });

    cases.negative.forEach((negative, index) => {
      test(`negative #${index + 1}: ${negative.rule}`, () => {
        const contract = loadedContract(DEFAULT_CONTRACTS_DIR, cases.contract);
        const response = responseOf(contract, negative.status);
        if (!response) throw new Error(`status ${negative.status} is not documented by the contract`);
        const mediaType = negative.mediaType ?? [...response.content.keys()][0];
        const validators = mediaType === undefined ? undefined : response.content.get(mediaType);
        if (!mediaType || !validators)
          throw new Error(`no media type ${negative.mediaType ?? ''} for ${negative.status}`);
        const key = negative.schema === 'recommended' ? validators.recommended : validators.schema;
        const validate = key ? validatorOf(key) : undefined;
        if (!validate)
          throw new Error(`${negative.status} ${mediaType} has no ${negative.schema ?? 'must'} schema`);

        let body = structuredClone(docSample(readDocument(contract.file), negative.status, mediaType));
        for (const op of negative.patch) body = applyPatch(body, op);
        if (body === undefined)
          throw new Error('no docSample for this status: set the whole body (pointer "")');

        expect(validate(body), 'the patched body is rejected').toBe(false);
        expect(errorsOf(validate), describeErrors(validate)).toContainEqual(negative.expect);
      });
    });

    for (const defect of cases.rawDocDefects) {
      test(`doc defect: ${defect.name}`, () => {
        const contract = loadedContract(DEFAULT_CONTRACTS_DIR, cases.contract);
        const recorded = contract.discrepancies.map((d) => d.id);
        expect(recorded, 'the defect is a recorded discrepancy').toContain(defect.discrepancyId);
        expectRawDefect(contract, defect);
      });
    }
  });
}

function expectRawDefect(contract: LoadedContract, defect: RawDocDefect): void {
  if ('parse' in defect.expect) {
    expect(() => JSON.parse(defect.raw)).toThrow(SyntaxError);
    return;
  }
  const body: Json = JSON.parse(defect.raw);
  const response = responseOf(contract, defect.status);
  if (!response) throw new Error(`status ${defect.status} is not documented by the contract`);
  const found: { instancePath: string; keyword: string }[] = [];
  for (const validators of response.content.values()) {
    const must = validators.schema ? validatorOf(validators.schema) : undefined;
    if (defect.schema === 'recommended' && must) {
      expect(must(body), `the decision accepts the doc's text: ${describeErrors(must)}`).toBe(true);
    }
    const keys =
      defect.schema === 'recommended'
        ? [validators.recommended]
        : defect.schema === 'must'
          ? [validators.schema]
          : [validators.schema, validators.recommended];
    for (const key of keys) {
      const validate = key ? validatorOf(key) : undefined;
      if (validate && !validate(body)) found.push(...errorsOf(validate));
    }
  }
  const which =
    defect.schema === 'recommended'
      ? 'x-recommended-schema'
      : defect.schema === 'must'
        ? 'schema'
        : 'schema and x-recommended-schema';
  expect(found, `errors of the ${which}`).toContainEqual(defect.expect);
}

// ---------------------------------------------------------------- registry and README

test.describe('contract registry', () => {
  test('a sixth, throwaway contract is picked up from its folder without code changes', async () => {
    const root = mkdtempSync(join(tmpdir(), 'contracts-'));
    try {
      const dir = join(root, 'contracts');
      mkdirSync(dir);
      writeFileSync(join(dir, `acme${CONTRACT_SUFFIX}`), JSON.stringify(THROWAWAY_CONTRACT, null, 2));
      writeFileSync(
        join(dir, 'README.md'),
        '# scratch\n\n<!-- discrepancies:start -->\n<!-- discrepancies:end -->\n',
      );

      const loaded = loadContracts(dir);
      expect(loaded.map((c) => c.name)).toEqual(['acme']);
      const [acme] = loaded;
      if (!acme) throw new Error('not loaded');
      expect(acme.method).toBe('GET');
      expect(acme.path).toBe('/v3/people/{personId}');
      expect(acme.credential).toMatchObject({
        schemeName: 'acmeKey',
        header: 'X-Acme-Key',
        forms: ['{key}'],
      });
      expect([...acme.responses.keys()].sort()).toEqual([200, 404]);
      expect(acme.idSchema && validatorOf(acme.idSchema)('not-a-number')).toBe(false);

      // The same generic checks as the real contracts.
      await expectValidOpenApi31(THROWAWAY_CONTRACT);
      expect(expectExamplesValid(THROWAWAY_CONTRACT, acme)).toBe(2);

      // The README generator picks it up too.
      const run = spawnSync(process.execPath, [README_SCRIPT, '--dir', dir], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('| `numeric-ids` |');
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('contracts/README.md discrepancies section is current', () => {
    const run = spawnSync(process.execPath, [README_SCRIPT, '--check'], { cwd: ROOT, encoding: 'utf8' });
    expect(run.status, `${run.stdout}${run.stderr}\nRun: node scripts/contracts-readme.mjs`).toBe(0);
    const readme = readFileSync(join(DEFAULT_CONTRACTS_DIR, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('<!-- discrepancies:start -->'));
    for (const contract of loadContracts()) {
      expect(section).toContain(`### ${contract.name}`);
      for (const { id } of contract.discrepancies) expect(section).toContain(`| \`${id}\` |`);
    }
  });

  test('the README generator detects a stale section and rewrites it', () => {
    const root = mkdtempSync(join(tmpdir(), 'contracts-readme-'));
    try {
      for (const contractFile of contractFiles)
        copyFileSync(contractFile, join(root, basename(contractFile)));
      const readme = join(root, 'README.md');
      writeFileSync(
        readme,
        'intro\n\n<!-- discrepancies:start -->\nstale\n<!-- discrepancies:end -->\n\noutro\n',
      );
      const args = [README_SCRIPT, '--dir', root, '--readme', readme];

      expect(spawnSync(process.execPath, [...args, '--check'], { encoding: 'utf8' }).status).toBe(1);
      expect(spawnSync(process.execPath, args, { encoding: 'utf8' }).status).toBe(0);
      expect(spawnSync(process.execPath, [...args, '--check'], { encoding: 'utf8' }).status).toBe(0);

      const text = readFileSync(readme, 'utf8');
      expect(text.startsWith('intro\n\n<!-- discrepancies:start -->')).toBe(true);
      expect(text.endsWith('<!-- discrepancies:end -->\n\noutro\n')).toBe(true);
      expect(text).not.toContain('stale');
      // Same bytes as the repository's README section: the check above is the same generation.
      const repoReadme = readFileSync(join(DEFAULT_CONTRACTS_DIR, 'README.md'), 'utf8');
      const sectionOf = (t: string) =>
        t.slice(t.indexOf('<!-- discrepancies:start -->'), t.indexOf('<!-- discrepancies:end -->'));
      expect(sectionOf(text)).toBe(sectionOf(repoReadme));
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

/** A minimal sixth contract, written to a temporary folder by the registry test. */
const THROWAWAY_CONTRACT: JsonObject = {
  openapi: '3.1.0',
  info: { title: 'Acme — Get person (self-test only)', version: '0.0.1' },
  security: [{ acmeKey: [] }],
  paths: {
    '/v3/people/{personId}': {
      get: {
        operationId: 'getPerson',
        parameters: [
          {
            name: 'personId',
            in: 'path',
            required: true,
            description: 'Numeric person id',
            schema: { type: 'string', pattern: '^[0-9]+$' },
          },
        ],
        responses: {
          '200': {
            description: 'The person',
            content: {
              'application/json': {
                schema: { $ref: '#/components/schemas/Person' },
                'x-recommended-schema': {
                  type: 'object',
                  properties: { name: { type: 'string', minLength: 1, description: 'A name is not empty' } },
                },
                examples: { docSample: { value: { personId: '42', name: 'Ada' } } },
              },
            },
          },
          '404': {
            description: 'Unknown person',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['error'],
                  properties: { error: { type: 'string', description: 'error text' } },
                },
                examples: { docSample: { value: { error: 'not found' } } },
              },
            },
          },
        },
      },
    },
  },
  components: {
    securitySchemes: { acmeKey: { type: 'apiKey', in: 'header', name: 'X-Acme-Key' } },
    schemas: {
      Person: {
        type: 'object',
        required: ['personId', 'name'],
        properties: {
          personId: { type: 'string', description: 'person id' },
          name: { type: 'string', description: 'name' },
        },
      },
    },
  },
  'x-conformance': {
    source: { file: 'none', vendor: 'Acme' },
    idParameter: 'personId',
    ids: { unknown: '999999999', malformed: 'abc' },
    idEcho: { '200': ['/personId'] },
    scenarios: {
      existingUser: { expect: [200], severity: 'must', clause: 'self-test' },
      unknownUser: { expect: [404], severity: 'must', clause: 'self-test' },
    },
    discrepancies: [{ id: 'numeric-ids', doc: 'Ids are numbers | text', decision: 'A string of digits' }],
  },
};
