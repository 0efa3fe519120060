// @ts-check
// The reference's user population: POPULATION_SIZE users per dialect besides the fixtures, derived on
// demand from (contract, index) with a seeded PRNG, so nothing is stored and start-up costs nothing.
// Each id embeds its index in clear (see ID_SHAPES), so a lookup parses the id, rebuilds the id of
// that index and compares: only generated ids are found, in O(1).
//
// The users show the variety each contract allows: nulls where nullable, every enum value, Unicode
// names (accents, CJK, Hangul, Arabic, emoji with ZWJ sequences), long strings, empty strings where a
// plain string is allowed, fractional seconds and offsets in timestamps. A few legitimate choices are
// ones the contracts only *recommend* against, so a run over the population also shows warnings:
// credira `last_login` null, and delos users with fields omitted ("may be masked or omitted based on
// permissions"). Nothing here fails a `must` rule.

const { NULLABLE_FIELDS } = require('./dialects/aitronos-fields.js');

/** @typedef {import('./types.js').ContractName} ContractName */
/** @typedef {import('./types.js').UserRecord} UserRecord */

/** Users per dialect, and lines per reference/ids/<contract>.txt. */
const POPULATION_SIZE = 10000;

// ---------------------------------------------------------------- seeded randomness

/**
 * FNV-1a 32-bit hash of a string.
 * @param {string} text
 */
function hash32(text) {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/**
 * mulberry32: a small, fast PRNG; one stream per (contract, purpose, index).
 * @param {string} contract
 * @param {string} purpose
 * @param {number} index
 */
function randomFor(contract, purpose, index) {
  let state = (hash32(`${contract}/${purpose}`) ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /** @param {number} lo @param {number} hi inclusive */
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  return {
    int,
    /** @param {number} p */
    chance: (p) => next() < p,
    /** @template T @param {readonly T[]} items @returns {T} */
    pick: (items) => /** @type {T} */ (items[int(0, items.length - 1)]),
    /** @param {string} alphabet @param {number} length */
    chars: (alphabet, length) => {
      let out = '';
      for (let i = 0; i < length; i++) out += alphabet[int(0, alphabet.length - 1)];
      return out;
    },
  };
}
/** @typedef {ReturnType<typeof randomFor>} Random */

const HEX = '0123456789abcdef';
const DIGITS = '0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** @param {number} value @param {number} width */
const pad = (value, width) => String(value).padStart(width, '0');
/** @param {number} value 0 ≤ value < 2^32 */
const hex8 = (value) => value.toString(16).padStart(8, '0');

// ---------------------------------------------------------------- ids

/**
 * UUID v4 text whose last 8 hex digits are the index.
 * @param {Random} r
 * @param {number} index
 */
function uuidWithIndex(r, index) {
  return `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}-4${r.chars(HEX, 3)}-${r.pick(['8', '9', 'a', 'b'])}${r.chars(HEX, 3)}-${r.chars(HEX, 4)}${hex8(index)}`;
}
const UUID_INDEX = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{4}([0-9a-f]{8})$/;

/**
 * Per contract: the id of user `index`, and the pattern whose group 1 is the index (digits or hex).
 * klaim ids are free-form (the contract's user_id is any non-empty string); they take klaim_id's
 * `<digits>_<alnum>` look. aitronos `usr_` + 16 lower-case hex like its samples, credira `user_` + 9
 * digits like its sample, delos and problem-details UUID v4 (delos' response sample uses UUIDs).
 * @type {Record<ContractName, { make: (r: Random, index: number) => string, index: RegExp, radix: number }>}
 */
const ID_SHAPES = {
  klaim: {
    make: (r, i) => `${pad(i, 6)}_${r.chars(ALNUM, 5)}`,
    index: /^(\d{6,})_[A-Za-z0-9]{5}$/,
    radix: 10,
  },
  aitronos: {
    make: (r, i) => `usr_${r.chars(HEX, 8)}${hex8(i)}`,
    index: /^usr_[0-9a-f]{8}([0-9a-f]{8})$/,
    radix: 16,
  },
  credira: {
    make: (r, i) => `user_${r.int(1, 9)}${r.chars(DIGITS, 3)}${pad(i, 5)}`,
    index: /^user_[1-9][0-9]{3}([0-9]{5,})$/,
    radix: 10,
  },
  delos: { make: uuidWithIndex, index: UUID_INDEX, radix: 16 },
  'problem-details': { make: uuidWithIndex, index: UUID_INDEX, radix: 16 },
};

/** @param {string} contract @returns {contract is ContractName} */
const isContract = (contract) => Object.hasOwn(ID_SHAPES, contract);

/**
 * The id of population user `index` of a contract.
 * @param {ContractName} contract
 * @param {number} index
 */
function populationId(contract, index) {
  return ID_SHAPES[contract].make(randomFor(contract, 'id', index), index);
}

/**
 * The index of a population id, or undefined when `id` is not one (of a population of `size`).
 * @param {string} contract
 * @param {string} id
 * @param {number} [size]
 * @returns {number | undefined}
 */
function populationIndex(contract, id, size = POPULATION_SIZE) {
  if (!isContract(contract)) return undefined;
  const shape = ID_SHAPES[contract];
  const digits = shape.index.exec(id)?.[1];
  if (digits === undefined) return undefined;
  const index = Number.parseInt(digits, shape.radix);
  if (!(index < size) || populationId(contract, index) !== id) return undefined;
  return index;
}

// ---------------------------------------------------------------- shared value pools

const FIRST_NAMES = [
  'Lea',
  'Marco',
  'Léa',
  'José',
  'Zoë',
  'François',
  'Søren',
  'Łukasz',
  'Ólafur',
  'Þóra',
  'İsmail',
  'Jürgen',
  'Chloé',
  'Renée',
  'Nguyễn Văn',
  'Αλέξανδρος',
  'Дмитрий',
  'محمد',
  'אביגיל',
  '美咲',
  '太郎',
  '민준',
  '서연',
  'Aarav',
  'अनन्या',
  'Siobhán',
  "D'Angelo",
  'Anne-Marie',
  'Mary Jane',
  'O',
  '🦄',
  'Zoë 🌸',
  '👩🏽‍💻 Ada',
];
const LAST_NAMES = [
  'Meier',
  'Rossi',
  'García Márquez',
  "O'Brien",
  'Smith-Jones',
  'van der Berg',
  'Nørgaard',
  'Kowalska',
  'Müller',
  'Øst',
  'Đorđević',
  'Σπυρόπουλος',
  'Иванова',
  'الحسن',
  'כהן',
  '佐藤',
  '王',
  '김',
  '이',
  'Nakamura 中村',
  'Ng',
  'X Æ A-12',
  'de la Cruz 🇵🇭',
  'Ma',
];
const EMAIL_LOCALS = [
  'lea.meier',
  'jose',
  'zoe+newsletter',
  'francois_d',
  'soren',
  'o.brien',
  "o'hara",
  'x',
  'ana-maria',
  'user.name.with.many.dots',
];
const EMAIL_DOMAINS = [
  'example.com',
  'example.org',
  'mail.example.ch',
  'xn--bcher-kva.example',
  'sub.domain.example.co.uk',
  'example.museum',
  'xn--80akhbyknj4f.xn--p1ai',
];
const COMPANIES = [
  'Acme Corporation',
  'Initech',
  'Müller & Söhne GmbH',
  '株式会社サンプル',
  'Ñandú S.A.',
  'Café “Zoë” Ltd',
  'Other Corp',
  '',
  'Globex 🌐',
];
const TIMEZONES = [
  'Europe/Zurich',
  'Europe/Rome',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Kolkata',
  'Australia/Lord_Howe',
  'America/Argentina/Buenos_Aires',
  'UTC',
  'Pacific/Chatham',
];
const LANGUAGES = ['en', 'de', 'fr-CH', 'ja', 'pt-BR', 'zh-Hant-TW', 'ar'];
const COUNTRIES = [
  'United States',
  'Switzerland',
  'Poland',
  'Japan',
  'Côte d’Ivoire',
  'España',
  '대한민국',
  '',
];
const CITIES = ['New York', 'Zürich', 'Warsaw', '東京', 'São Paulo', 'Kraków', 'Reykjavík', ''];
const POST_CODES = ['8005', '20121', '00-950', '10001', 'SW1A 1AA', '100-0001', 'H0H 0H0', 'D02 X285'];
const LONG_TEXT = 'Lorem ipsum dolor sit amet, Zürich 東京 São Paulo 🚀 — ';

/**
 * A long string (≥ 1000 characters) for the users that carry one.
 * @param {number} index
 */
const longText = (index) => `${LONG_TEXT.repeat(20)}#${index}`;

/**
 * @param {Random} r
 * @param {number} index
 */
function person(r, index) {
  const first = r.pick(FIRST_NAMES);
  // Every 97th user carries a very long last name.
  const last = index % 97 === 13 ? longText(index) : r.pick(LAST_NAMES);
  const email = `${r.pick(EMAIL_LOCALS)}.${index}@${r.pick(EMAIL_DOMAINS)}`;
  return {
    first,
    last,
    full: `${first} ${last}`,
    email,
    handle: `${r.chars(LOWER_ALNUM, r.int(1, 12))}.${index}`,
  };
}

const JAN_2020 = Date.UTC(2020, 0, 1);
const DEC_2025 = Date.UTC(2025, 11, 31);

/**
 * Epoch milliseconds between 2020 and 2025, and a later one (an update after the creation).
 * @param {Random} r
 */
function createdAndUpdated(r) {
  const created = r.int(JAN_2020, DEC_2025);
  return { created, updated: r.chance(0.2) ? created : r.int(created, DEC_2025) };
}

/**
 * RFC 3339 date-time; some with fractional seconds, some with a numeric offset.
 * @param {Random} r
 * @param {number} ms
 */
function rfc3339(r, ms) {
  const fraction = r.chance(0.15) ? r.pick(['.5', '.123', '.123456']) : '';
  const offset = r.chance(0.15) ? r.pick([60, 330, -300, 0, 765]) : undefined;
  if (offset === undefined) return `${new Date(ms).toISOString().slice(0, 19)}${fraction}Z`;
  const local = new Date(ms + offset * 60000).toISOString().slice(0, 19);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${local}${fraction}${sign}${pad(Math.floor(abs / 60), 2)}:${pad(abs % 60, 2)}`;
}

/**
 * A Java LocalDateTime as Jackson writes it; some with micro- or milliseconds.
 * @param {Random} r
 * @param {number} ms
 */
function localDateTime(r, ms) {
  const fraction = r.chance(0.2) ? r.pick(['.123456', '.1', '.987']) : '';
  return `${new Date(ms).toISOString().slice(0, 19)}${fraction}`;
}

/**
 * An RFC 3339 full-date between 1930 and 2010; a leap day now and then.
 * @param {Random} r
 */
function birthday(r) {
  if (r.chance(0.02)) return r.pick(['2000-02-29', '1996-02-29']);
  return new Date(r.int(Date.UTC(1930, 0, 1), Date.UTC(2010, 11, 31))).toISOString().slice(0, 10);
}

/** @param {Random} r E.164: + then 8–15 digits, no leading 0. */
const e164 = (r) => `+${r.int(1, 9)}${r.chars(DIGITS, r.int(7, 14))}`;

/**
 * Deletes each listed key of `object` with probability `p` (fields a vendor may omit).
 * @param {Random} r
 * @param {Record<string, unknown>} object
 * @param {readonly string[]} keys
 * @param {number} p
 */
function omitSome(r, object, keys, p) {
  for (const key of keys) if (r.chance(p)) delete object[key];
}

/**
 * Cycles an enum by index, so every value appears in any run of `values.length` consecutive users.
 * @template T
 * @param {readonly T[]} values
 * @param {number} index
 * @returns {T}
 */
const cycle = (values, index) => /** @type {T} */ (values[index % values.length]);

// ---------------------------------------------------------------- records per dialect

const KLAIM_SOURCES = ['api', 'promotion', 'member_manual'];

/** @type {(r: Random, index: number) => Record<string, unknown>} */
function klaimMetadata(r, index) {
  return cycle(
    [
      () => ({}),
      () => ({ test: 'field' }),
      () => ({ tier: r.pick(['silver', 'gold', 'platinum']), campaign: `summer${r.int(2020, 2025)}` }),
      () => ({ nested: { level: { deeper: [1, 'two', null, { three: true }] } }, score: r.int(0, 100) / 10 }),
      () => ({ 'clé unicode': 'valeur 値 🎉', empty: '', nothing: null, flag: false }),
      () => ({ notes: longText(index), tags: ['a', 'b', 'ç'] }),
    ],
    index,
  )();
}

/** @type {(r: Random, index: number, id: string) => UserRecord} */
function klaimUser(r, index, id) {
  const p = person(r, index);
  const createdAt = r.int(JAN_2020, DEC_2025);
  return {
    klaim_id: `${createdAt}_${r.chars(ALNUM, 5)}`,
    user_id: id,
    email: p.email,
    name: index % 53 === 7 ? '' : p.full,
    credit_balance: cycle([0, r.int(1, 5000), r.int(0, 100000) / 100, 1e9, 0.01], index),
    created_at: createdAt,
    acquisition_source: cycle(KLAIM_SOURCES, index),
    metadata: klaimMetadata(r, index),
  };
}

/** @type {(r: Random, index: number, id: string) => UserRecord} */
function aitronosUser(r, index, id) {
  const p = person(r, index);
  const { created, updated } = createdAndUpdated(r);
  /** @type {UserRecord} */
  const user = {
    id,
    email: p.email,
    username: r.pick([p.email, p.handle, `${p.first}.${index}`]),
    full_name: p.full,
    first_name: p.first,
    last_name: p.last,
    birthday: birthday(r),
    profile_image: r.pick([
      `https://cdn.example.ch/avatars/${id}.png`,
      'example_profile_image',
      `https://img.example.com/a?u=${index}&s=64`,
    ]),
    timezone: r.pick(TIMEZONES),
    country_id: r.chars(HEX, 12),
    post_code: r.pick(POST_CODES),
    gender: r.pick(['female', 'male', 'non-binary', 'other', 'prefer_not_to_say', 'example_gender', '']),
    is_active: r.chance(0.8),
    last_verified: rfc3339(r, r.int(created, updated)),
    last_login: rfc3339(r, updated),
    created_at: rfc3339(r, created),
    updated_at: rfc3339(r, updated),
    current_organization_id: r.chars(HEX, 12),
  };
  // Every 8th user has every nullable field null (a fresh sign-up); the others some of them.
  const allNull = index % 8 === 3;
  for (const field of NULLABLE_FIELDS) if (allNull || r.chance(0.15)) user[field] = null;
  return user;
}

const CREDIRA_PERMISSIONS = [
  'calls:read',
  'calls:write',
  'emails:read',
  'emails:write',
  'callouts:read',
  'callouts:write',
  'reports:read',
  'admin_panel:read_only',
];

/** @type {(r: Random, index: number, id: string) => UserRecord} */
function crediraUser(r, index, id) {
  const p = person(r, index);
  const { created, updated } = createdAndUpdated(r);
  /** @type {Record<string, unknown>} */
  const metadata = {
    subscription_plan: r.pick(['basic', 'premium', 'enterprise', 'trial']),
    timezone: r.pick(TIMEZONES),
    language: r.pick(LANGUAGES),
    ...(r.chance(0.2) ? { onboarding: { step: r.int(1, 5) }, beta: true } : {}),
  };
  // metadata's keys are not required (only recommended): every 29th user lacks some.
  if (index % 29 === 10) omitSome(r, metadata, ['subscription_plan', 'timezone', 'language'], 0.5);
  return {
    id,
    email: p.email,
    name: p.full,
    company: r.pick(COMPANIES),
    role: r.pick([
      'billing_manager',
      'collections_agent',
      'admin',
      'viewer',
      'support agent',
      'Team Lead (EMEA)',
    ]),
    department: r.pick(['finance', 'operations', 'sales', 'support', 'R&D', '']),
    phone: e164(r),
    account_id: `acc_${r.chars(DIGITS, 9)}`,
    status: r.pick(['active', 'inactive', 'suspended', 'pending_verification']),
    created_time: rfc3339(r, created),
    // Null for a user who never logged in (every 25th user): allowed, a string is only recommended.
    last_login: index % 25 === 4 ? null : rfc3339(r, updated),
    permissions: CREDIRA_PERMISSIONS.filter(() => r.chance(0.4)),
    activity_stats: {
      total_calls_made: r.int(0, 5000),
      total_emails_sent: r.int(0, 100000),
      total_callouts_created: r.chance(0.3) ? 0 : r.int(1, 300),
      last_activity: index % 6 === 1 ? null : rfc3339(r, updated),
    },
    metadata,
  };
}

const DELOS_STATUSES = ['NEW', 'READY_FOR_MODERATION', 'MODERATED', 'VERIFY', 'ACCEPT', 'REJECT', 'BANNED'];
/** Fields of `item` that a permission-limited answer may leave out (everything but id, uuid, status, isDeleted). */
const DELOS_OMISSIBLE = [
  'username',
  'is2fa',
  'puid',
  'createAt',
  'updateAt',
  'name',
  'lastname',
  'comment',
  'parameters',
  'clients',
];

/** @type {(r: Random, index: number, id: string) => UserRecord} */
function delosUser(r, index, id) {
  const p = person(r, index);
  const { created, updated } = createdAndUpdated(r);
  /** @type {{ mfa: Record<string, unknown>, profile: Record<string, unknown> }} */
  const parameters = {
    mfa: {
      requireOtp: r.chance(0.5),
      requirePass: r.chance(0.9),
      requireEmail: r.chance(0.3),
      requireSms: r.chance(0.4),
    },
    profile: {
      phone: r.chance(0.2) ? '' : e164(r),
      email: r.chance(0.2) ? '' : p.email,
      dob: r.chance(0.05) ? '1970-01-01T00:00:00Z' : `${birthday(r)}T00:00:00Z`,
      country: r.pick(COUNTRIES),
      city: r.pick(CITIES),
      postcode: r.pick([...POST_CODES, '']),
    },
  };
  /** @type {Record<string, unknown>[]} */
  const clients = Array.from({ length: r.int(0, 3) }, (_, i) => ({
    customerId: `cust_${r.chars(LOWER_ALNUM, 6)}`,
    isOwner: i === 0,
  }));
  /** @type {UserRecord} */
  const user = {
    id: 100000 + index,
    uuid: id,
    username: r.pick([p.handle, p.email]),
    status: cycle(DELOS_STATUSES, index),
    is2fa: r.chance(0.5),
    isDeleted: r.chance(0.05),
    puid: `pub_${r.chars(LOWER_ALNUM, 6)}`,
    createAt: rfc3339(r, created),
    updateAt: rfc3339(r, updated),
    name: p.first,
    lastname: p.last,
    comment: cycle(
      ['', 'VIP customer', 'Kundin seit 2019 — bevorzugt Deutsch', '要注意 🚩', longText(index)],
      index,
    ),
    parameters,
    clients,
  };
  // Every 11th user is answered as to a caller with fewer permissions: some fields left out, at any depth.
  if (index % 11 === 5) {
    const { mfa, profile } = parameters;
    omitSome(r, mfa, Object.keys(mfa), 0.3);
    omitSome(r, profile, Object.keys(profile), 0.3);
    for (const client of clients) omitSome(r, client, ['customerId', 'isOwner'], 0.3);
    omitSome(r, parameters, ['mfa', 'profile'], 0.3);
    omitSome(r, user, DELOS_OMISSIBLE, 0.5);
  }
  return user;
}

/** @type {(r: Random, index: number, id: string) => UserRecord} */
function problemDetailsUser(r, index, id) {
  const p = person(r, index);
  const { created, updated } = createdAndUpdated(r);
  return {
    id,
    username: p.handle,
    email: p.email,
    firstName: p.first,
    lastName: index % 41 === 9 ? '' : p.last,
    role: r.pick(['USER', 'ADMIN', 'MODERATOR', 'SUPPORT_AGENT', 'READ_ONLY', 'USER_V2']),
    createdAt: localDateTime(r, created),
    updatedAt: localDateTime(r, updated),
    active: r.chance(0.85),
  };
}

/** @type {Record<ContractName, (r: Random, index: number, id: string) => UserRecord>} */
const BUILDERS = {
  klaim: klaimUser,
  aitronos: aitronosUser,
  credira: crediraUser,
  delos: delosUser,
  'problem-details': problemDetailsUser,
};

// ---------------------------------------------------------------- public API

/**
 * @typedef {object} PopulationUserOptions
 * @property {(user: UserRecord, index: number) => UserRecord} [defect] Turns the correct record into a
 *   defective one (for variants that make some users of the population defective).
 */

/**
 * Population user `index` of a contract, in the record shape the dialect renders (a fresh object).
 * @param {ContractName} contract
 * @param {number} index 0 ≤ index < 2^32
 * @param {PopulationUserOptions} [options]
 * @returns {UserRecord}
 */
function populationUser(contract, index, options = {}) {
  const user = BUILDERS[contract](randomFor(contract, 'user', index), index, populationId(contract, index));
  return options.defect ? options.defect(user, index) : user;
}

/**
 * The population user with this id, or undefined.
 * @param {string} contract
 * @param {string} id
 * @param {number} [size] users in the population (default POPULATION_SIZE)
 * @returns {UserRecord | undefined}
 */
function findPopulationUser(contract, id, size = POPULATION_SIZE) {
  const index = populationIndex(contract, id, size);
  return index === undefined || !isContract(contract) ? undefined : populationUser(contract, index);
}

/**
 * Text of reference/ids/<contract>.txt: a `#` comment line, then one id per line.
 * @param {ContractName} contract
 * @param {number} [count]
 */
function populationIdFileText(contract, count = POPULATION_SIZE) {
  const lines = [
    `# ${count} ids of the reference's ${contract} population (reference/population.js); regenerate with: node scripts/population-ids.mjs`,
  ];
  for (let index = 0; index < count; index++) lines.push(populationId(contract, index));
  return `${lines.join('\n')}\n`;
}

module.exports = {
  POPULATION_SIZE,
  populationId,
  populationIndex,
  populationUser,
  findPopulationUser,
  populationIdFileText,
};
