/**
 * Finds undocumented secrets in a success body (OWASP API3, excessive data exposure): fields, at any
 * depth, whose name says they hold a credential or payment/identity secret. Pure; never returns values.
 */

import { decodePointerSegment } from '../json-text';

export interface SensitiveField {
  /** RFC 6901 pointer to the field, with real array indices, e.g. `/data/items/0/password`. */
  instancePath: string;
  /** The property name as the body spells it. */
  field: string;
}

/**
 * A name is sensitive when its last words ARE one of these (names are split into lower-case words at
 * `_`, `-`, spaces and camelCase; words are compared glued, so `apiKey`, `api_key`, `APIKEY` and
 * `apikey` are one name). So `user_password`, `stripeSecret`, `refreshToken` are sensitive, while a
 * field *about* a secret ends with a qualifier (`passwordUpdatedAt`, `token_type`, `tokenExpiresAt`,
 * `tokenCount`, `password_set`, `pin_code_enabled`, `credit_card_last4`, `api_key_id`, `secretQuestionSet`,
 * `password_hint`, `password_policy`...) and matches nothing. Decisions:
 * - `session_id` IS sensitive (a session id is a bearer credential); a bare `key`, `hash` or `id` is not.
 * - Credential-like words alone are too generic for `pass`, `sin`, `pan`, `credential`: not listed.
 */
const SENSITIVE_NAMES = [
  'password',
  'passwd',
  'pwd',
  'passcode',
  'passphrase',
  'password hash',
  'password digest',
  'passwd hash',
  'pwd hash',
  'hashed password',
  'encrypted password',
  'one time password',
  'salt',
  'password salt',
  'secret',
  'client secret',
  'mfa secret',
  'totp secret',
  'otp secret',
  'secret answer',
  'security answer',
  'token',
  'access token',
  'refresh token',
  'id token',
  'auth token',
  'session token',
  'bearer token',
  'api token',
  'reset token',
  'verification token',
  'jwt',
  'api key',
  'private key',
  'secret key',
  'access key',
  'secret access key',
  'signing key',
  'encryption key',
  'session id',
  'session key',
  'ssn',
  'social security number',
  'credit card',
  'credit card number',
  'card number',
  'cc number',
  'cvv',
  'cvv2',
  'cvc',
  'cvc2',
  'pin',
  'pin code',
  'pin number',
  'otp',
  'otp code',
  'totp',
  'backup code',
  'backup codes',
  'recovery code',
  'recovery codes',
];

/** Tokens that are not credentials; they win over `token` when they are the longer match. */
const BENIGN_NAMES = [
  'page token',
  'next page token',
  'next token',
  'continuation token',
  'pagination token',
  'sync token',
  'csrf token',
  'xsrf token',
];

/** A first word that makes the name a predicate about the secret (`hasPassword`, `requireOtp`), not the secret. */
const PREDICATE_PREFIXES = new Set([
  'has',
  'is',
  'require',
  'requires',
  'need',
  'needs',
  'must',
  'should',
  'can',
  'allow',
  'allows',
  'use',
  'uses',
  'show',
  'enable',
  'enabled',
  'no',
  'without',
]);

const glued = (name: string) => name.replaceAll(' ', '');
const SENSITIVE = new Set(SENSITIVE_NAMES.map(glued));
const BENIGN = new Set(BENIGN_NAMES.map(glued));

/** `passwordDigest` → [password, digest]; `APIKey` → [api, key]; `credit_card_last4` → [credit, card, last4]. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
}

/** The name is (or ends with) a sensitive name, and is not a predicate or a benign token. */
export function isSensitiveName(name: string): boolean {
  const words = nameWords(name);
  if (words.length > 1 && PREDICATE_PREFIXES.has(words[0] as string)) return false;
  for (let start = 0; start < words.length; start++) {
    const suffix = words.slice(start).join('');
    if (BENIGN.has(suffix)) return false;
    if (SENSITIVE.has(suffix)) return true;
  }
  return false;
}

/** `********`, `****4242`, `•••• 4242`, `[FILTERED]`, `<redacted>`: a masked value exposes nothing. */
function isMasked(text: string): boolean {
  const trimmed = text.trim();
  return (
    /^[[<(]?(?:redacted|filtered|hidden|masked|removed|omitted)[\]>)]?$/i.test(trimmed) ||
    (/^[*•●·xX#\s-]+[A-Za-z0-9]{0,4}$/.test(trimmed) && (trimmed.match(/[*•●·xX#]/g)?.length ?? 0) >= 3)
  );
}

/** A non-empty, unmasked string, a number, or a non-empty array of those: null, booleans and objects expose no secret. */
function exposesValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  if (typeof value === 'string') return value.trim() !== '' && !isMasked(value);
  return Array.isArray(value) && value.some((item) => typeof item !== 'object' && exposesValue(item));
}

const escapeSegment = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** Verdicts by property name: bodies of one API repeat the same few names for every user. */
const verdictByName = new Map<string, boolean>();
const MAX_REMEMBERED_NAMES = 10_000;
/** Longer names (a hostile body's) are judged each time, never kept. */
const MAX_REMEMBERED_NAME_LENGTH = 128;

function isSensitiveNameRemembered(name: string): boolean {
  if (name.length > MAX_REMEMBERED_NAME_LENGTH) return isSensitiveName(name);
  let verdict = verdictByName.get(name);
  if (verdict === undefined) {
    verdict = isSensitiveName(name);
    if (verdictByName.size >= MAX_REMEMBERED_NAMES) verdictByName.clear();
    verdictByName.set(name, verdict);
  }
  return verdict;
}

/** Deeper than any real body; a hostile one would otherwise cost time quadratic in its depth (pointer length). */
const MAX_DEPTH = 100;

/**
 * Undocumented sensitive fields with an exposed value, at any depth, in document order. Pointers are
 * built only for a hit: the walk keeps the segments (array indices as numbers) on one stack.
 */
export function findSensitiveFields(body: unknown, documentedPaths: ReadonlySet<string>): SensitiveField[] {
  const found: SensitiveField[] = [];
  const segments: (string | number)[] = [];
  const pointer = (asPattern: boolean) =>
    segments
      .map(
        (segment) => `/${typeof segment === 'number' ? (asPattern ? '*' : segment) : escapeSegment(segment)}`,
      )
      .join('');
  const visit = (value: unknown, depth: number): void => {
    if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return;
    if (Array.isArray(value)) {
      for (let index = 0; index < value.length; index++) {
        segments.push(index);
        visit(value[index], depth + 1);
        segments.pop();
      }
      return;
    }
    for (const key in value) {
      if (!Object.hasOwn(value, key)) continue;
      const child = (value as Record<string, unknown>)[key];
      segments.push(key);
      if (isSensitiveNameRemembered(key) && exposesValue(child)) {
        const path = pointer(false);
        if (!documentedPaths.has(pointer(true)) && !documentedPaths.has(path))
          found.push({ instancePath: path, field: key });
      }
      visit(child, depth + 1);
      segments.pop();
    }
  };
  visit(body, 0);
  return found;
}

/**
 * The property pointers a JSON Schema documents (array items as `*`): through properties, items,
 * prefixItems, contains, allOf/anyOf/oneOf, if/then/else, dependentSchemas and local `$ref`s, resolved
 * against `root` (the schema itself, or the OpenAPI document for `#/components/schemas/...`).
 * additionalProperties and patternProperties document no name, so they add nothing; `not` documents nothing.
 */
export function documentedPropertyPaths(schema: unknown, root: unknown = schema): Set<string> {
  const paths = new Set<string>();
  const budget = { nodes: 10_000 };
  walkSchema(schema, '', [], root, paths, budget);
  return paths;
}

/** How many times one `$ref` may be followed within itself. */
const MAX_REF_DEPTH = 3;

function safeDecodeURIComponent(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function resolveLocalRef(root: unknown, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node = root;
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodePointerSegment(safeDecodeURIComponent(raw));
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

function walkSchema(
  schema: unknown,
  pointer: string,
  refsInUse: readonly string[],
  root: unknown,
  paths: Set<string>,
  budget: { nodes: number },
): void {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema) || budget.nodes-- <= 0) return;
  const node = schema as Record<string, unknown>;
  const walk = (child: unknown, at: string, refs = refsInUse) =>
    walkSchema(child, at, refs, root, paths, budget);
  const each = (list: unknown, at: string) => {
    if (Array.isArray(list)) for (const child of list) walk(child, at);
  };

  // A recursive schema (a user's manager is a user) documents a few levels, not pointers forever.
  if (typeof node.$ref === 'string' && refsInUse.filter((ref) => ref === node.$ref).length < MAX_REF_DEPTH)
    walk(resolveLocalRef(root, node.$ref), pointer, [...refsInUse, node.$ref]);

  if (node.properties && typeof node.properties === 'object') {
    for (const [key, child] of Object.entries(node.properties)) {
      const at = `${pointer}/${escapeSegment(key)}`;
      paths.add(at);
      walk(child, at);
    }
  }
  if (Array.isArray(node.items)) each(node.items, `${pointer}/*`);
  else walk(node.items, `${pointer}/*`);
  each(node.prefixItems, `${pointer}/*`);
  walk(node.additionalItems, `${pointer}/*`);
  walk(node.contains, `${pointer}/*`);
  each(node.allOf, pointer);
  each(node.anyOf, pointer);
  each(node.oneOf, pointer);
  walk(node.if, pointer);
  walk(node.then, pointer);
  walk(node.else, pointer);
  if (node.dependentSchemas && typeof node.dependentSchemas === 'object')
    for (const child of Object.values(node.dependentSchemas)) walk(child, pointer);
}
