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
import { conformanceExtensionSchema } from './conformance-extension.schema';
import type { ConformanceExtension } from './types';

export const CONTRACT_SUFFIX = '.openapi.json';
export const DEFAULT_CONTRACTS_DIR = resolve(__dirname, '..', 'contracts');
let componentsCounter = 0;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

export class ContractError extends Error {
  constructor(file: string, problem: string) {
    super(`Contract ${file}: ${problem}`);
    this.name = 'ContractError';
  }
}

/** Validators of one media type of one documented response. */
export interface MediaTypeValidators {
  /** The body schema (`must`). Absent when the doc gives no body. */
  validate?: ValidateFunction;
  /** `x-recommended-schema`: what the doc implies but does not state (`should`). */
  recommended?: ValidateFunction;
}

export interface ResolvedResponse {
  status: number;
  /** The response's description: the doc clause for this status. */
  description: string;
  /** Media type essence (lower case, no parameters) → validators. */
  content: Map<string, MediaTypeValidators>;
}

/** How the credential travels: which header and which textual forms (`{key}` = the key). */
export interface CredentialScheme {
  schemeName: string;
  header: string;
  forms: string[];
}

export interface LoadedContract {
  name: string;
  file: string;
  document: OpenAPIV3_1.Document;
  x: ConformanceExtension;
  method: string;
  /** Path template, e.g. `/v1/users/{id}`. */
  path: string;
  operationId: string | undefined;
  /** Schema validator of the id path parameter, when the contract constrains ids. */
  idValidator: ValidateFunction | undefined;
  requestHeaders: Record<string, string>;
  requestBody: { contentType: string; text: string } | undefined;
  credential: CredentialScheme | null;
  responses: Map<number, ResolvedResponse>;
  /**
   * OpenAPI's `default` response: the format the doc implies for statuses it does not list (e.g. the
   * error envelope its 401/403 samples share). Checked as `should`, since the doc never states it.
   */
  defaultResponse: ResolvedResponse | undefined;
  probeMethod: string;
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
  const parts = value.$ref.replace(/^#\//, '').split('/');
  let node: unknown = document;
  for (const part of parts)
    node = (node as Record<string, unknown> | undefined)?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  if (node === undefined) throw new ContractError(file, `unresolvable $ref "${value.$ref}"`);
  return node as T;
}

function resolveCredential(
  document: OpenAPIV3_1.Document,
  operation: OpenAPIV3_1.OperationObject,
  x: ConformanceExtension,
  file: string,
): CredentialScheme | null {
  const requirements = operation.security ?? document.security ?? [];
  const names = requirements.flatMap((requirement) => Object.keys(requirement));
  const schemeName = names[0];
  if (schemeName === undefined) return null;
  const scheme = resolveLocal(document, document.components?.securitySchemes?.[schemeName], file);
  if (!scheme)
    throw new ContractError(file, `security scheme "${schemeName}" is not in components.securitySchemes`);
  if (scheme.type === 'http' && scheme.scheme.toLowerCase() === 'bearer') {
    return { schemeName, header: 'Authorization', forms: x.credentialForms ?? ['Bearer {key}'] };
  }
  if (scheme.type === 'apiKey' && scheme.in === 'header') {
    return { schemeName, header: scheme.name, forms: x.credentialForms ?? ['{key}'] };
  }
  throw new ContractError(
    file,
    `security scheme "${schemeName}" (${scheme.type}) is not supported; expected http bearer or apiKey in header`,
  );
}

function mediaEssence(mediaType: string): string {
  return (mediaType.split(';')[0] ?? '').trim().toLowerCase();
}

/**
 * `{ [key]: value }` whose value is computed on first read and kept: a schema is compiled once, by
 * the process that uses it (the runner process only lists contracts and never validates).
 */
function lazily<K extends string, V>(key: K, make: () => V): Record<K, V> {
  let made = false;
  let value: V;
  return Object.defineProperty({} as Record<K, V>, key, {
    enumerable: true,
    get: () => {
      if (!made) {
        value = make();
        made = true;
      }
      return value;
    },
  });
}

/** Compiles every schema of a contract now, so a broken schema fails before any request. */
export function compileAll(contract: LoadedContract): void {
  void contract.idValidator;
  for (const response of [
    ...contract.responses.values(),
    ...(contract.defaultResponse ? [contract.defaultResponse] : []),
  ]) {
    for (const validators of response.content.values()) {
      void validators.validate;
      void validators.recommended;
    }
  }
}

export function loadContract(file: string): LoadedContract {
  const name = basename(file, CONTRACT_SUFFIX);
  let document: OpenAPIV3_1.Document;
  try {
    document = JSON.parse(readFileSync(file, 'utf8')) as OpenAPIV3_1.Document;
  } catch (error) {
    throw new ContractError(file, `not readable JSON: ${(error as Error).message}`);
  }
  if (typeof document.openapi !== 'string' || !document.openapi.startsWith('3.1.')) {
    throw new ContractError(file, `"openapi" is ${JSON.stringify(document.openapi)}; expected "3.1.x"`);
  }
  const ajv = getAjv();
  const checkExtension =
    ajv.getSchema(conformanceExtensionSchema.$id) ?? ajv.compile(conformanceExtensionSchema);
  const x = (document as unknown as Record<string, unknown>)['x-conformance'] as ConformanceExtension;
  if (!checkExtension(x)) {
    throw new ContractError(
      file,
      `invalid x-conformance: ${ajv.errorsText(checkExtension.errors, { dataVar: 'x-conformance' })}`,
    );
  }

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

  // Components schemas go in once, under an id of their own, so response schemas can $ref them.
  const componentsId = `contract://c${++componentsCounter}/components`;
  if (!ajv.getSchema(componentsId)) {
    ajv.addSchema({
      $id: componentsId,
      $defs: rewriteRefs(document.components?.schemas ?? {}, componentsId),
    });
  }
  const compile = (schema: unknown, where: string): ValidateFunction => {
    try {
      return ajv.compile(rewriteRefs(schema, componentsId) as object);
    } catch (error) {
      throw new ContractError(file, `schema at ${where} does not compile: ${(error as Error).message}`);
    }
  };

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
    const content = new Map<string, MediaTypeValidators>();
    for (const [mediaType, media] of Object.entries(response.content ?? {})) {
      const where = `responses.${code}.content["${mediaType}"]`;
      const recommended = (media as Record<string, unknown>)['x-recommended-schema'];
      content.set(mediaEssence(mediaType), {
        ...(media.schema ? lazily('validate', () => compile(media.schema, `${where}.schema`)) : {}),
        ...(recommended
          ? lazily('recommended', () => compile(recommended, `${where}.x-recommended-schema`))
          : {}),
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
  return {
    name,
    file,
    document,
    x,
    method: upper,
    path,
    operationId: operation.operationId,
    ...lazily('idValidator', () =>
      idParam.schema ? compile(idParam.schema, `parameter ${x.idParameter}`) : undefined,
    ),
    requestHeaders: x.requestHeaders ?? {},
    requestBody: bodyMedia
      ? { contentType: bodyMedia[0], text: JSON.stringify(exampleValue ?? {}) }
      : undefined,
    credential: resolveCredential(document, operation, x, file),
    responses,
    defaultResponse,
    probeMethod: x.probeMethod ?? (upper === 'GET' ? 'TRACE' : 'GET'),
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

function cachedLoad(file: string): LoadedContract {
  let contract = cache.get(file);
  if (!contract) {
    contract = loadContract(file);
    cache.set(file, contract);
  }
  return contract;
}

/** Loads (once per process) one contract by name, without reading the others. */
export function loadContractByName(name: string, dir = DEFAULT_CONTRACTS_DIR): LoadedContract | undefined {
  const file = join(dir, `${name}${CONTRACT_SUFFIX}`);
  return existsSync(file) ? cachedLoad(file) : undefined;
}

/** Loads (once per process) every contract of a folder. */
export function loadContracts(dir = DEFAULT_CONTRACTS_DIR): LoadedContract[] {
  return listContractFiles(dir).map(cachedLoad);
}

export function contractNames(dir = DEFAULT_CONTRACTS_DIR): string[] {
  return listContractFiles(dir).map((file) => basename(file, CONTRACT_SUFFIX));
}
