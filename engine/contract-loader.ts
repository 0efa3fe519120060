/**
 * Reads every `contracts/*.openapi.json`, checks the parts the engine relies on, resolves the one
 * get-user operation and compiles each response schema once (on first use) into the shared Ajv instance.
 * Adding a contract is adding a file: nothing here names a contract.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ValidateFunction } from 'ajv';
import type { OpenAPIV3_1 } from 'openapi-types';
import { getAjv } from './ajv';
import { type ConformanceExtension, conformanceExtensionSchema } from './conformance-extension.schema';
import { documentedPropertyPaths } from './detect/sensitive-fields';
import { decodePointerSegment, mediaEssence } from './json-text';
import type { Discrepancy, ScenarioName, ScenarioRule } from './types';

export const CONTRACT_SUFFIX = '.openapi.json';
export const DEFAULT_CONTRACTS_DIR = resolve(__dirname, '..', 'contracts');
let contractsLoaded = 0;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export class ContractError extends Error {
  constructor(file: string, problem: string) {
    super(`Contract ${file}: ${problem}`);
    this.name = 'ContractError';
  }
}

/** Ajv keys of the schemas of one media type of one documented response; Ajv compiles each on first use. */
export interface MediaTypeSchemas {
  /** The body schema (`must`). Absent when the doc gives no body. */
  schema?: string;
  /** The schema's top level (required members and their JSON types): how discovery recognises the dialect. */
  envelope?: Envelope;
  /** `x-recommended-schema`: what the doc implies but does not state (`should`). */
  recommended?: string;
}

/** Required top-level members of a body and the JSON types each may have (empty: any). */
export interface Envelope {
  required: string[];
  types: Record<string, string[]>;
}

export interface ResolvedResponse {
  status: number;
  /** The response's description: the doc clause for this status. */
  description: string;
  /** Media type essence → schema keys. */
  content: Map<string, MediaTypeSchemas>;
}

/** How the credential travels: which header and which textual forms (`{key}` = the key). */
export interface CredentialScheme {
  schemeName: string;
  header: string;
  forms: string[];
  /** The security scheme's description: the doc clause of the authentication rules. */
  description: string;
}

/** A credential form with the key in it. A function replacer: `$&`, `$$`… in a key are not patterns. */
export const inCredentialForm = (form: string, key: string): string => form.replace('{key}', () => key);

/** A contract with every value the engine reads resolved: checks and the planner never read the raw document. */
export interface LoadedContract {
  name: string;
  file: string;
  source: { file: string; vendor: string };
  method: string;
  /** Path template, e.g. `/v1/users/{id}`. */
  path: string;
  idParameter: string;
  /** Ajv key of the id path parameter's schema, when the contract constrains ids. */
  idSchema: string | undefined;
  ids: { unknown: string; malformed: string | null };
  /** Per status, JSON pointers that must carry the requested id. */
  idEcho: ReadonlyMap<number, readonly string[]>;
  /** Per status, JSON pointers of messages that embed the requested id. */
  idInMessage: ReadonlyMap<number, readonly string[]>;
  requestHeaders: Record<string, string>;
  requestBody: { contentType: string; text: string } | undefined;
  credential: CredentialScheme | null;
  scenarios: Partial<Record<ScenarioName, ScenarioRule>>;
  discrepancies: Discrepancy[];
  responses: Map<number, ResolvedResponse>;
  /**
   * OpenAPI's `default` response: the format the doc implies for statuses it does not list (e.g. the
   * error envelope its 401/403 samples share). Checked as `should`, since the doc never states it.
   */
  defaultResponse: ResolvedResponse | undefined;
  probeMethod: string;
  /** Whether the doc states its responses' Content-Type (else mediaTypeConformance is a should). */
  responseMediaTypeStated: boolean;
  /** Whether the wrong-method probe carries the credential (never on TRACE; see credentialLessProbe). */
  probeSendsCredential: boolean;
  /** Property pointers the success schemas document (array items as `*`): fields that are not "undocumented". */
  documentedPaths: ReadonlySet<string>;
}

const isRef = (value: unknown): value is OpenAPIV3_1.ReferenceObject =>
  typeof value === 'object' && value !== null && '$ref' in value;

/** Rewrites local `#/components/schemas/X` refs to the contract's registered components schema. */
function rewriteRefs(value: unknown, componentsId: string): unknown {
  if (Array.isArray(value)) return value.map((item) => rewriteRefs(item, componentsId));
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    out[key] =
      key === '$ref' && typeof child === 'string' && child.startsWith('#/components/schemas/')
        ? `${componentsId}#/$defs/${child.slice('#/components/schemas/'.length)}`
        : rewriteRefs(child, componentsId);
  }
  return out;
}

function resolveLocal<T>(
  document: OpenAPIV3_1.Document,
  value: T | OpenAPIV3_1.ReferenceObject,
  file: string,
): T {
  if (!isRef(value)) return value;
  let node: unknown = document;
  for (const part of value.$ref.replace(/^#\//, '').split('/'))
    node = (node as Record<string, unknown> | undefined)?.[decodePointerSegment(part)];
  if (node === undefined) throw new ContractError(file, `unresolvable $ref "${value.$ref}"`);
  return node as T;
}

/** The top level of a schema: `$ref`s followed and `allOf` members merged, nested levels ignored. */
function envelopeOf(document: OpenAPIV3_1.Document, schema: unknown, file: string): Envelope {
  const envelope: Envelope = { required: [], types: {} };
  const visit = (node: unknown, depth: number): void => {
    if (depth > 8 || node === null || typeof node !== 'object') return;
    const resolved = resolveLocal(document, node as OpenAPIV3_1.SchemaObject, file);
    for (const member of resolved.allOf ?? []) visit(member, depth + 1);
    envelope.required.push(...(resolved.required ?? []));
    for (const [name, property] of Object.entries(resolved.properties ?? {})) {
      const type = resolveLocal(document, property as OpenAPIV3_1.SchemaObject, file).type;
      if (type !== undefined) envelope.types[name] = Array.isArray(type) ? type : [type];
    }
  };
  visit(schema, 0);
  envelope.required = [...new Set(envelope.required)];
  return envelope;
}

function resolveCredential(
  document: OpenAPIV3_1.Document,
  operation: OpenAPIV3_1.OperationObject,
  x: ConformanceExtension,
  file: string,
): CredentialScheme | null {
  const requirements = operation.security ?? document.security ?? [];
  const schemeName = requirements.flatMap((requirement) => Object.keys(requirement))[0];
  if (schemeName === undefined) return null;
  const scheme = resolveLocal(document, document.components?.securitySchemes?.[schemeName], file);
  if (!scheme)
    throw new ContractError(file, `security scheme "${schemeName}" is not in components.securitySchemes`);
  const description = scheme.description ?? 'credential required';
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') {
    return { schemeName, header: 'Authorization', forms: x.credentialForms ?? ['Bearer {key}'], description };
  }
  if (scheme.type === 'apiKey' && scheme.in === 'header') {
    return { schemeName, header: scheme.name, forms: x.credentialForms ?? ['{key}'], description };
  }
  throw new ContractError(
    file,
    `security scheme "${schemeName}" (${scheme.type}) is not supported; expected http bearer or apiKey in header`,
  );
}

/** The compiled validator of a schema key (Ajv compiles it on first use and keeps it). */
export function validatorOf(key: string): ValidateFunction {
  const validate = getAjv().getSchema(key);
  if (!validate) throw new Error(`no schema registered under ${key}`);
  return validate;
}

const byStatus = <T>(record: Record<string, T>): Map<number, T> =>
  new Map(Object.entries(record).map(([status, value]) => [Number(status), value]));

function readDocument(file: string): OpenAPIV3_1.Document {
  let document: OpenAPIV3_1.Document;
  try {
    document = JSON.parse(readFileSync(file, 'utf8')) as OpenAPIV3_1.Document;
  } catch (error) {
    throw new ContractError(file, `not readable JSON: ${(error as Error).message}`);
  }
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1.')) {
    throw new ContractError(file, `"openapi" is ${JSON.stringify(document.openapi)}; expected "3.1.x"`);
  }
  return document;
}

const EXTENSION_ID = conformanceExtensionSchema.$id ?? 'x-conformance';

const extensionOf = (document: OpenAPIV3_1.Document): unknown =>
  (document as unknown as Record<string, unknown>)['x-conformance'];

function readExtension(document: OpenAPIV3_1.Document, file: string): ConformanceExtension {
  const ajv = getAjv();
  const valid = ajv.getSchema<ConformanceExtension>(EXTENSION_ID) ?? ajv.compile(conformanceExtensionSchema);
  const x = extensionOf(document);
  if (!valid(x)) {
    throw new ContractError(
      file,
      `invalid x-conformance: ${ajv.errorsText(valid.errors, { dataVar: 'x-conformance' })}`,
    );
  }
  return x as ConformanceExtension;
}

/**
 * `validated`: the runner process has validated this file already, so a worker skips the checks that
 * cost a compile (the x-conformance schema, each schema against its meta-schema) at every worker start.
 */
export function loadContract(file: string, validated = false): LoadedContract {
  const name = basename(file, CONTRACT_SUFFIX);
  const document = readDocument(file);
  const x = validated ? (extensionOf(document) as ConformanceExtension) : readExtension(document, file);
  const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    HTTP_METHODS.filter((method) => item?.[method]).map((method) => ({
      path,
      method,
      operation: item?.[method] as OpenAPIV3_1.OperationObject,
    })),
  );
  if (operations.length !== 1 || !operations[0]) {
    throw new ContractError(file, `expected exactly one operation, found ${operations.length}`);
  }
  const { path, method, operation } = operations[0];

  // Each schema goes into the one Ajv instance under a key of its own; Ajv compiles it on first use.
  const ajv = getAjv();
  // A counter, not the file path: URI normalisation would lower-case a path in the authority.
  const base = `contract://c${++contractsLoaded}`;
  const componentsId = `${base}/components`;
  const register = (schema: unknown, where: string): string => {
    const key = `${base}/${where}`;
    if (!ajv.getSchema(key) && !(ajv.schemas as Record<string, unknown>)[key]) {
      try {
        ajv.addSchema(rewriteRefs(schema, componentsId) as object, key, undefined, !validated);
      } catch (error) {
        throw new ContractError(file, `schema at ${where} is invalid: ${(error as Error).message}`);
      }
    }
    return key;
  };
  if (!(ajv.schemas as Record<string, unknown>)[componentsId]) {
    ajv.addSchema(
      { $id: componentsId, $defs: rewriteRefs(document.components?.schemas ?? {}, componentsId) },
      undefined,
      undefined,
      !validated,
    );
  }

  const idParam = (operation.parameters ?? [])
    .map((p) => resolveLocal(document, p, file))
    .find((p) => p.in === 'path' && p.name === x.idParameter);
  if (!idParam || !path.includes(`{${x.idParameter}}`)) {
    throw new ContractError(
      file,
      `x-conformance.idParameter "${x.idParameter}" is not a path parameter of ${path}`,
    );
  }

  const responses = new Map<number, ResolvedResponse>();
  let defaultResponse: ResolvedResponse | undefined;
  for (const [code, raw] of Object.entries(operation.responses ?? {})) {
    const status = code === 'default' ? 0 : Number(code);
    if (!Number.isInteger(status) || (code !== 'default' && (status < 100 || status > 599))) {
      throw new ContractError(
        file,
        `response "${code}" is not a status code; expected e.g. "404" or "default"`,
      );
    }
    const response = resolveLocal(document, raw, file);
    const content = new Map<string, MediaTypeSchemas>();
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      const where = `responses/${code}/${encodeURIComponent(mediaType)}`;
      const recommended = (media as Record<string, unknown>)['x-recommended-schema'];
      content.set(mediaEssence(mediaType) ?? mediaType, {
        ...(media.schema
          ? {
              schema: register(media.schema, `${where}/schema`),
              envelope: envelopeOf(document, media.schema, file),
            }
          : {}),
        ...(recommended ? { recommended: register(recommended, `${where}/recommended`) } : {}),
      });
    }
    const resolved = { status, description: response.description, content };
    if (code === 'default') defaultResponse = resolved;
    else responses.set(status, resolved);
  }
  if (!responses.has(200)) throw new ContractError(file, 'no 200 response documented');

  const body = operation.requestBody ? resolveLocal(document, operation.requestBody, file) : undefined;
  const bodyMedia = body ? Object.entries(body.content ?? {})[0] : undefined;
  const bodyExample = bodyMedia?.[1].example ?? Object.values(bodyMedia?.[1].examples ?? {})[0];
  const exampleValue =
    bodyExample && isRef(bodyExample)
      ? undefined
      : ((bodyExample as { value?: unknown } | undefined)?.value ?? bodyExample);

  const upper = method.toUpperCase();
  const probeMethod = x.probeMethod ?? (upper === 'GET' ? 'TRACE' : 'GET');
  const credential = resolveCredential(document, operation, x, file);
  const probeSendsCredential = credential !== null && !METHODS_WITHOUT_CREDENTIALS.has(probeMethod);
  return {
    name,
    file,
    source: x.source,
    method: upper,
    path,
    idParameter: x.idParameter,
    idSchema: idParam.schema ? register(idParam.schema, `parameters/${x.idParameter}`) : undefined,
    ids: { unknown: x.ids.unknown, malformed: x.ids.malformed },
    idEcho: byStatus(x.idEcho),
    idInMessage: byStatus(x.idInMessage ?? {}),
    requestHeaders: x.requestHeaders ?? {},
    requestBody: bodyMedia
      ? { contentType: bodyMedia[0], text: JSON.stringify(exampleValue ?? {}) }
      : undefined,
    credential,
    scenarios: credential !== null && !probeSendsCredential ? credentialLessProbe(x.scenarios) : x.scenarios,
    discrepancies: x.discrepancies,
    responses,
    defaultResponse,
    probeMethod,
    probeSendsCredential,
    responseMediaTypeStated: x.responseMediaTypeStated ?? false,
    documentedPaths: new Set(
      Object.entries(operation.responses ?? {})
        .filter(([code]) => code.startsWith('2'))
        .flatMap(([, raw]) => Object.values(resolveLocal(document, raw, file).content ?? {}))
        .flatMap((media) => [...documentedPropertyPaths(media.schema, document)]),
    ),
  };
}

/**
 * RFC 9110 §9.3.8: "A client MUST NOT generate fields in a TRACE request containing sensitive data
 * that might be disclosed by the response" (a TRACE answer echoes the request, and so may any proxy).
 */
const METHODS_WITHOUT_CREDENTIALS = new Set(['TRACE']);

/** The wrong-method probe of a secured contract sent without its credential: a 401 refuses it too. */
function credentialLessProbe(
  scenarios: ConformanceExtension['scenarios'],
): ConformanceExtension['scenarios'] {
  const rule = scenarios.wrongMethod;
  if (!rule || rule.expect.includes(401)) return scenarios;
  return {
    ...scenarios,
    wrongMethod: {
      ...rule,
      expect: [401, ...rule.expect],
      clause: `${rule.clause.replace(/\.$/, '')}. The probe carries no credential (RFC 9110 §9.3.8: a client MUST NOT send credentials in a TRACE request), so 401 for the missing credential refuses it as well`,
    },
  };
}

/** Names of the contracts in a folder, sorted; the folder is the registry. */
export function listContractFiles(dir = DEFAULT_CONTRACTS_DIR): string[] {
  return readdirSync(dir)
    .filter((entry) => entry.endsWith(CONTRACT_SUFFIX))
    .sort()
    .map((entry) => join(dir, entry));
}

const cache = new Map<string, LoadedContract>();

function cachedLoad(file: string, validated = false): LoadedContract {
  let contract = cache.get(file);
  if (!contract) {
    contract = loadContract(file, validated);
    cache.set(file, contract);
  }
  return contract;
}

/** Loads (once per process) one contract by name, without reading the others. */
export function loadContractByName(
  name: string,
  { dir = DEFAULT_CONTRACTS_DIR, validated = false } = {},
): LoadedContract | undefined {
  const file = join(dir, `${name}${CONTRACT_SUFFIX}`);
  return existsSync(file) ? cachedLoad(file, validated) : undefined;
}

/** Loads (once per process) every contract of a folder. */
export function loadContracts(dir = DEFAULT_CONTRACTS_DIR): LoadedContract[] {
  return listContractFiles(dir).map((file) => cachedLoad(file));
}

export function contractNames(dir = DEFAULT_CONTRACTS_DIR): string[] {
  return listContractFiles(dir).map((file) => basename(file, CONTRACT_SUFFIX));
}
