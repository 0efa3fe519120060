/** engine/redaction.ts: every spelling of a secret, anywhere in a text, goes; nothing else changes. */
import { Buffer } from 'node:buffer';
import { expect, test } from '@playwright/test';
import { bodyExcerpt } from '../../../engine/checks/define-check';
import { cutShort } from '../../../engine/json-text';
import {
  createRedactor,
  MIN_CUT_LENGTH,
  MIN_SECRET_LENGTH,
  REDACTED,
  SENSITIVE_HEADERS,
  secretTooShort,
  spellingsOf,
} from '../../../engine/redaction';
import { excerpt } from '../../../engine/violations';

/** 150 fixed bytes in base64: 200 characters with `+` and `/`. */
const KEY_200 = Buffer.from(Array.from({ length: 150 }, (_, i) => (i * 151 + 7) % 256)).toString('base64');

const KEYS: { shape: string; key: string }[] = [
  { shape: 'base64 with / + =', key: 'sk_live/Ab+Cd=Ef/gh+IJ==' },
  { shape: '44-char base64', key: 'q8Zf/3+Kp0Lx9vT2mWc7Yb+Ns4Rj1Hd6Ge5Ua0Oi/Xk=' },
  { shape: '64-char hex', key: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08' },
  { shape: 'JWT-like with . - _', key: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc-def_ghi' },
  { shape: '200 characters', key: KEY_200 },
];

const CONTEXTS: { where: string; wrap: (secret: string) => string }[] = [
  { where: 'alone', wrap: (s) => s },
  { where: 'at the start', wrap: (s) => `${s} is not a valid key.` },
  { where: 'in the middle', wrap: (s) => `The key ${s} was rejected.` },
  { where: 'at the end', wrap: (s) => `Rejected key: ${s}` },
  { where: 'in JSON', wrap: (s) => `{"error":"invalid_key","key":"${s}","retry":false}` },
  { where: 'in a URL query', wrap: (s) => `https://api.test/v1/users/42?api_key=${s}&page=2` },
];

const hex = (n: number, width: number): string => n.toString(16).padStart(width, '0');

/** Each character spelled another way than its neighbours: raw, %xx, \uXXXX, &#NN;, &#Xhh, \u00xx, upper-cased. */
function mixedSpelling(secret: string): string {
  const spellings: ((ch: string) => string)[] = [
    (ch) => ch,
    (ch) => `%${hex(ch.charCodeAt(0), 2)}`,
    (ch) => `\\u${hex(ch.charCodeAt(0), 4).toUpperCase()}`,
    (ch) => `&#${ch.charCodeAt(0)};`,
    (ch) => `&#X${hex(ch.charCodeAt(0), 1).toUpperCase()};`,
    (ch) => `\\u${hex(ch.charCodeAt(0), 4)}`,
    (ch) => ch.toUpperCase(),
  ];
  return [...secret].map((ch, i) => spellings[i % spellings.length]?.(ch)).join('');
}

function leaksOf(text: string, secret: string): string[] {
  return spellingsOf(secret).filter((spelling) => text.includes(spelling));
}

const base64 = (text: string | Buffer): string => Buffer.from(text).toString('base64');

/** Spellings that carry more than the secret: only the secret's part of them goes. */
function wrappingSpellings(secret: string): Set<string> {
  return new Set(
    [`Bearer ${secret}`, `user:${secret}`].flatMap((text) => {
      const padded = base64(text);
      const url = Buffer.from(text).toString('base64url');
      return [padded, padded.replace(/=+$/, ''), url, `${url}${padded.match(/=+$/)?.[0] ?? ''}`];
    }),
  );
}

for (const { shape, key } of KEYS) {
  test.describe(`${shape} key`, () => {
    const redactor = createRedactor([key]);
    const spellings = [...spellingsOf(key), mixedSpelling(key), key.toUpperCase()];
    const wrapping = wrappingSpellings(key);

    spellings.forEach((spelling, index) => {
      test(`spelling #${index} (${spelling.slice(0, 28)}…) goes in every position, once and for all`, () => {
        for (const { where, wrap } of CONTEXTS) {
          const input = wrap(spelling);
          const out = redactor.text(input);
          expect(leaksOf(out, key), where).toEqual([]);
          expect(out, where).toContain(REDACTED);
          expect(redactor.text(out), `${where}: idempotent`).toBe(out);
          if (!wrapping.has(spelling)) expect(out, where).toBe(wrap(REDACTED));
          else {
            const [before = '', after = ''] = wrap('\u0000').split('\u0000');
            expect(out.startsWith(before) && out.endsWith(after), `${where}: surroundings kept`).toBe(true);
          }
        }
      });
    });

    for (const alphabet of ['base64', 'base64url'] as const) {
      test(`inside a longer ${alphabet} text, at every byte alignment`, () => {
        for (let prefix = 0; prefix < 6; prefix++) {
          for (let suffix = 0; suffix < 3; suffix++) {
            const bytes = Buffer.concat([
              Buffer.alloc(prefix, 0xa5),
              Buffer.from(key),
              Buffer.alloc(suffix, 0xff),
            ]);
            const encoded = bytes.toString(alphabet);
            const out = redactor.text(`token ${encoded} end`);
            const at = `prefix ${prefix}, suffix ${suffix}`;
            expect(leaksOf(out, key), at).toEqual([]);
            expect(out, at).toContain(REDACTED);
            expect(redactor.text(out), at).toBe(out);
            // The characters that also carry neighbouring bytes stay: the text around is not broken.
            const keyStart = Math.floor((8 * prefix) / 6);
            const keyEnd = Math.ceil((8 * (prefix + key.length)) / 6);
            expect(out.startsWith(`token ${encoded.slice(0, keyStart)}`), at).toBe(true);
            if (suffix === 0 && prefix % 3 === 0) {
              // The key ends the bytes on a group boundary: its last character and padding are its own.
              expect(out, at).toBe(`token ${encoded.slice(0, keyStart)}${REDACTED} end`);
            } else expect(out.endsWith(`${encoded.slice(keyEnd)} end`), at).toBe(true);
          }
        }
      });
    }

    const carriers: { what: string; text: string }[] = [
      { what: 'a Basic credential', text: `received Basic ${base64(`user:${key}`)} from the client` },
      { what: 'a base64 Bearer header value', text: `echo=${base64(`Bearer ${key}`)}` },
      {
        what: 'a JWT whose payload holds the key',
        text: `eyJhbGciOiJIUzI1NiJ9.${Buffer.from(JSON.stringify({ sub: 'u1', key, iat: 1 })).toString('base64url')}.c2ln`,
      },
      {
        what: 'a JWT written by PHP (\\/ in the payload)',
        text: `x.${Buffer.from(JSON.stringify({ key }).replaceAll('/', '\\/')).toString('base64url')}.y`,
      },
      {
        what: 'a URL-encoded Basic credential in a query',
        text: `https://x.test/cb?auth=${encodeURIComponent(base64(`user:${key}`))}&n=1`,
      },
      {
        what: 'a base64 credential in PHP JSON (\\/ escaped)',
        text: `{"credential":"${base64(`me:${key}`).replaceAll('/', '\\/')}"}`,
      },
    ];
    for (const { what, text } of carriers) {
      test(`inside ${what}`, () => {
        const out = redactor.text(text);
        expect(leaksOf(out, key)).toEqual([]);
        expect(out).toContain(REDACTED);
        expect(redactor.text(out)).toBe(out);
      });
    }

    test('forged variants given as secrets go whole, the longest first', () => {
      const changed = `${key.slice(0, 5)}${key[5] === '0' ? '1' : '0'}${key.slice(6)}`;
      const forged = [changed, key.slice(0, -1), `${key}Z`];
      const withForged = createRedactor([key, ...forged]);
      for (const secret of forged) {
        for (const { where, wrap } of CONTEXTS) {
          expect(withForged.text(wrap(secret)), where).toBe(wrap(REDACTED));
          expect(withForged.text(wrap(encodeURIComponent(secret))), where).toBe(wrap(REDACTED));
        }
        expect(leaksOf(withForged.text(base64(`user:${secret}`)), secret)).toEqual([]);
      }
    });

    test('near misses are left alone', () => {
      const changed = `${key.slice(0, 5)}${key[5] === '0' ? '1' : '0'}${key.slice(6)}`;
      const nearMisses = [
        changed,
        key.slice(0, -1),
        key.slice(1),
        base64(changed),
        encodeURIComponent(key.slice(0, -1)),
      ];
      for (const text of nearMisses) expect(redactor.text(`see ${text}.`)).toBe(`see ${text}.`);
    });
  });
}

test.describe('ordinary text is left alone', () => {
  const redactor = createRedactor([...KEYS.map(({ key }) => key), 'cookie-4d1a86e2-SESSION-9b7f']);
  const texts = [
    'The quick brown fox jumps over the lazy dog.',
    'must have required property authorization',
    'a+b=c / d; 50% of 1/2 is &frac14; &amp; &#47; \\/ \\u002F %2F',
    'https://api.example.com/v1/users/42?page=2&sort=name%2Fasc#top',
    '{"id":"0f4df2de-fffb-4a24-9891-381ecf4f0f87","email":"john.doe@company.com","n":1.5}',
    base64('hello world, nothing secret in here at all'),
    'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'sk_live/Zz+Yy=Xx/ww+VV==',
    `Authorization: ${REDACTED}`,
    '',
  ];
  for (const text of texts) {
    test(JSON.stringify(text.slice(0, 40)), () => {
      expect(redactor.text(text)).toBe(text);
    });
  }
});

test.describe('secrets too short to redact safely', () => {
  test(`MIN_SECRET_LENGTH is ${MIN_SECRET_LENGTH}; shorter secrets are refused by secretTooShort`, () => {
    expect(MIN_SECRET_LENGTH).toBe(8);
    expect(secretTooShort('1234567')).toBe(true);
    expect(secretTooShort('')).toBe(true);
    expect(secretTooShort('12345678')).toBe(false);
  });

  test('undefined, empty and short secrets are ignored', () => {
    const redactor = createRedactor([undefined, '', 'abc', 'secret1']);
    expect(redactor.isEmpty).toBe(true);
    expect(redactor.text('abc secret1 abc')).toBe('abc secret1 abc');
  });

  test('a secret of exactly the minimum length is redacted', () => {
    const redactor = createRedactor([undefined, 'k3y/2+=9']);
    expect(redactor.isEmpty).toBe(false);
    expect(redactor.text('a k3y%2F2%2B%3D9 b')).toBe(`a ${REDACTED} b`);
    expect(redactor.text(base64('k3y/2+=9'))).toBe(REDACTED);
  });
});

test.describe('sensitive headers written as text', () => {
  const KEY = 'sk_live_S3cr3t+/=key';
  const cases: [string, string, string][] = [
    [
      'curl header',
      "curl -H 'Authorization: Bearer abc.def' 'https://x.test'",
      `curl -H 'Authorization: ${REDACTED}' 'https://x.test'`,
    ],
    [
      'curl x-api-key',
      'curl -H "X-API-Key: abc" https://x.test',
      `curl -H "X-API-Key: ${REDACTED}" https://x.test`,
    ],
    [
      'JSON body field',
      '{"authorization": "Bearer t", "id": 1}',
      `{"authorization": "${REDACTED}", "id": 1}`,
    ],
    ['cookie line', 'Cookie: a=1; b=2\nAccept: */*', `Cookie: ${REDACTED}\nAccept: */*`],
    ['set-cookie line', 'set-cookie: sid=9; HttpOnly', `set-cookie: ${REDACTED}`],
    ['proxy-authorization', 'Proxy-Authorization: Basic Zm9v', `Proxy-Authorization: ${REDACTED}`],
    ['the key in the value', `Authorization: Bearer ${KEY}`, `Authorization: Bearer ${REDACTED}`],
    ['already redacted stays stable', `Authorization: ${REDACTED}`, `Authorization: ${REDACTED}`],
    [
      'curl keeps the $API_KEY placeholder',
      `curl 'https://x.example/v1/users/u' -H "Authorization: Bearer $API_KEY" -H "X-API-Key: $API_KEY"`,
      `curl 'https://x.example/v1/users/u' -H "Authorization: Bearer $API_KEY" -H "X-API-Key: $API_KEY"`,
    ],
  ];
  for (const [name, input, expected] of cases) {
    test(name, () => {
      const redactor = createRedactor([KEY]);
      expect(redactor.text(input)).toBe(expected);
      expect(redactor.text(expected)).toBe(expected);
    });
  }

  test('without any secret too', () => {
    expect(createRedactor([]).text('-H "Authorization: Bearer sk_live_canary_123456"')).toBe(
      `-H "Authorization: ${REDACTED}"`,
    );
  });
});

test.describe('headers()', () => {
  const KEY = 'q8Zf/3+Kp0Lx9vT2mWc7Yb+Ns4Rj1Hd6Ge5Ua0Oi/Xk=';
  const redactor = createRedactor([KEY]);

  test('every sensitive header value is masked, whatever it holds', () => {
    expect([...SENSITIVE_HEADERS].sort()).toEqual(
      ['authorization', 'cookie', 'proxy-authorization', 'set-cookie', 'x-api-key'].sort(),
    );
    const input = {
      Authorization: 'Bearer other-token',
      'Proxy-Authorization': 'Basic Zm9vOmJhcg==',
      'X-API-Key': 'abc',
      cookie: 'sid=1',
      'Set-Cookie': '',
      accept: 'application/json',
    };
    expect(createRedactor([]).headers(input)).toEqual({
      Authorization: REDACTED,
      'Proxy-Authorization': REDACTED,
      'X-API-Key': REDACTED,
      cookie: REDACTED,
      'Set-Cookie': REDACTED,
      accept: 'application/json',
    });
    expect(input.Authorization).toBe('Bearer other-token');
  });

  test('secrets go from other values and from names, lower-cased as transports do', () => {
    expect(
      redactor.headers({
        [`x-seen-${KEY.toLowerCase()}`]: '1',
        [`X-Seen-${encodeURIComponent(KEY)}`]: '2',
        'x-echo-authorization': `Bearer ${KEY}`,
        location: `http://127.0.0.1:9/login?key=${encodeURIComponent(KEY)}`,
      }),
    ).toEqual({
      [`x-seen-${REDACTED}`]: '1',
      [`X-Seen-${REDACTED}`]: '2',
      'x-echo-authorization': `Bearer ${REDACTED}`,
      location: `http://127.0.0.1:9/login?key=${REDACTED}`,
    });
  });

  test('WWW-Authenticate and Proxy-Authenticate keep their challenge readable, the secret goes', () => {
    expect(
      redactor.headers({
        'WWW-Authenticate': `Bearer realm="api", error="invalid_token", token="${KEY}"`,
        'proxy-authenticate': `Basic realm="${KEY.replaceAll('/', '\\/')}", charset="UTF-8"`,
        'www-authenticate': `Bearer error_description="received Bearer ${encodeURIComponent(KEY)}"`,
      }),
    ).toEqual({
      'WWW-Authenticate': `Bearer realm="api", error="invalid_token", token="${REDACTED}"`,
      'proxy-authenticate': `Basic realm="${REDACTED}", charset="UTF-8"`,
      'www-authenticate': `Bearer error_description="received Bearer ${REDACTED}"`,
    });
  });
});

test.describe('deep()', () => {
  const KEY = 'sk_live/Ab+Cd=Ef/gh+IJ==';
  const redactor = createRedactor([KEY]);

  test('every string and key, at any depth, and every headers object; the input is not mutated', () => {
    const record = {
      reason: `echoed ${KEY}`,
      count: 3,
      ok: false,
      none: null,
      [`key-${KEY}`]: [KEY, 1, { nested: encodeURIComponent(KEY) }],
      exchange: {
        request: {
          url: `https://x.test/?k=${KEY}`,
          headers: { Authorization: `Bearer ${KEY}`, accept: 'a' },
        },
        response: {
          headers: { [`x-seen-${KEY.toLowerCase()}`]: 'v', 'set-cookie': 'session=abc' },
          bodyText: JSON.stringify({ key: KEY }).replaceAll('/', '\\/'),
        },
      },
    };
    const before = JSON.stringify(record);
    const out = redactor.deep(record);
    expect(JSON.stringify(record)).toBe(before);
    expect(leaksOf(JSON.stringify(out), KEY)).toEqual([]);
    expect(out).toEqual({
      reason: `echoed ${REDACTED}`,
      count: 3,
      ok: false,
      none: null,
      [`key-${REDACTED}`]: [REDACTED, 1, { nested: REDACTED }],
      exchange: {
        request: { url: `https://x.test/?k=${REDACTED}`, headers: { Authorization: REDACTED, accept: 'a' } },
        response: {
          headers: { [`x-seen-${REDACTED}`]: 'v', 'set-cookie': REDACTED },
          bodyText: `{"key":"${REDACTED}"}`,
        },
      },
    });
    expect(redactor.deep(out)).toEqual(out);
  });

  test('headers objects are found at any depth, array values too', () => {
    const value = { a: [{ b: { Headers: { Cookie: ['x', 'y'], COOKIE2: 'kept', n: [KEY] } } }] };
    expect(redactor.deep(value)).toEqual({
      a: [{ b: { Headers: { Cookie: [REDACTED, REDACTED], COOKIE2: 'kept', n: [REDACTED] } } }],
    });
  });

  test('HAR-style header lists ({ name, value }) are masked by name', () => {
    const value = {
      headers: [
        { name: 'authorization', value: 'Basic Zm9v' },
        { name: 'accept', value: `text/${KEY}` },
      ],
    };
    expect(redactor.deep(value)).toEqual({
      headers: [
        { name: 'authorization', value: REDACTED },
        { name: 'accept', value: `text/${REDACTED}` },
      ],
    });
  });
});

test.describe('spellingsOf', () => {
  const KEY = 'sk_live/Ab+Cd=Ef/gh+IJ==';

  test('is stable, without duplicates, the key first', () => {
    const spellings = spellingsOf(KEY);
    expect(spellingsOf(KEY)).toEqual(spellings);
    expect(new Set(spellings).size).toBe(spellings.length);
    expect(spellings[0]).toBe(KEY);
  });

  const expected: [string, string][] = [
    ['URL-encoded', 'sk_live%2FAb%2BCd%3DEf%2Fgh%2BIJ%3D%3D'],
    ['URL-encoded, lower-case hex', 'sk_live%2fAb%2bCd%3dEf%2fgh%2bIJ%3d%3d'],
    ['JSON with \\/', 'sk_live\\/Ab+Cd=Ef\\/gh+IJ=='],
    ['JSON \\u for punctuation', 'sk\\u005Flive\\u002FAb\\u002BCd\\u003DEf\\u002Fgh\\u002BIJ\\u003D\\u003D'],
    ['HTML decimal', 'sk&#95;live&#47;Ab&#43;Cd&#61;Ef&#47;gh&#43;IJ&#61;&#61;'],
    ['HTML hex', 'sk&#x5F;live&#x2F;Ab&#x2B;Cd&#x3D;Ef&#x2F;gh&#x2B;IJ&#x3D;&#x3D;'],
    ['HTML hex, lower case', 'sk&#x5f;live&#x2f;Ab&#x2b;Cd&#x3d;Ef&#x2f;gh&#x2b;IJ&#x3d;&#x3d;'],
    ['HTML named', 'sk&lowbar;live&sol;Ab&plus;Cd&equals;Ef&sol;gh&plus;IJ&equals;&equals;'],
    ['base64', base64(KEY)],
    ['base64 of the Bearer header value', base64(`Bearer ${KEY}`)],
    ['base64 of a Basic credential', base64(`user:${KEY}`)],
  ];
  for (const [what, spelling] of expected) {
    test(`holds the ${what} spelling`, () => {
      expect(spellingsOf(KEY)).toContain(spelling);
    });
  }
});

test.describe('texts cut short and case-folded by the suite or the transport', () => {
  const key = KEY_200;
  const redactor = createRedactor([key, `Bearer ${key}`]);

  test('a key cut before "…" is redacted from its 4th character on; 3 characters are kept', () => {
    expect(redactor.text(`value ${key.slice(0, 40)}… (250 chars)`)).toBe(`value ${REDACTED}… (250 chars)`);
    expect(redactor.text(`value ${key.slice(0, 4)}…`)).toBe(`value ${REDACTED}…`);
    expect(redactor.text(`value ${key.slice(0, 3)}…`)).toBe(`value ${key.slice(0, 3)}…`);
  });

  test('the base64 of the header value cut before "…" is redacted', () => {
    const encoded = Buffer.from(`Bearer ${key}`).toString('base64');
    expect(redactor.text(`"${encoded.slice(0, 60)}…"`)).not.toContain(encoded.slice(0, 20));
  });

  test('a lower-cased base64 of the key (a header name, which HTTP lower-cases) is redacted', () => {
    const name = `x-seen-${Buffer.from(key).toString('base64').toLowerCase()}`;
    expect(redactor.text(name)).toBe(`x-seen-${REDACTED}`);
  });

  // Escapes in upper case (`\U002F`, `\X2F`, `&#X2F;`, `&SOL;`): found with and without a `…` in the text.
  for (const slash of ['\\U002F', '\\X2F', '&#X2F;', '&SOL;']) {
    test(`a key whose / is spelled ${slash} is redacted, in a text with or without "…"`, () => {
      const slashed = createRedactor(['crd_live_abcdef/ghijkl']);
      const spelled = `crd_live_abcdef${slash}ghijkl`;
      expect(slashed.text(`echo ${spelled} end`)).toBe(`echo ${REDACTED} end`);
      expect(slashed.text(`echo ${spelled} end, excerpt…`)).toBe(`echo ${REDACTED} end, excerpt…`);
    });
  }

  test('a text with no spelling of the key is returned as it is (the fast path)', () => {
    const body = JSON.stringify({ id: 'user_1', note: 'a%20b &amp; c \\u0041 \\/ +/=' });
    expect(redactor.text(body)).toBe(body);
  });
});

test.describe('an excerpt cut inside a key shows none of it, once redacted', () => {
  for (const { shape, key } of [
    ...KEYS,
    { shape: 'other characters (: ! $ * @ and non-ASCII)', key: 'sk:live!Ab$c*d@pässwörtÄÖÜ' },
  ]) {
    test(`${shape}: every cut inside the key, in every excerpt of the engine`, () => {
      const redactor = createRedactor([key]);
      const text = `{"note": "echo", "token": "${key}", "tail": "${'x'.repeat(300)}"}`;
      const start = text.indexOf(key);
      for (let max = start + 1; max < start + key.length; max++) {
        const shown = redactor.text(`${cutShort(text, max)}…`);
        expect(max - cutShort(text, max).length, `${shape} at ${max}`).toBeLessThan(MIN_CUT_LENGTH);
        expect(
          [`"token": "…`, `"token": "${REDACTED}…`],
          `${shape} at ${max}: ${shown.slice(-24)}`,
        ).toContain(shown.slice(shown.indexOf('"token"')));
      }
      const value = { note: 'n'.repeat(180), token: key };
      expect(redactor.text(excerpt(value))).toMatch(/"token":"(\[REDACTED\])?… \(\d+ chars\)$/);
      const body = JSON.stringify({ note: 'n'.repeat(140), token: key });
      expect(redactor.text(`${bodyExcerpt(body)}`)).toMatch(/"token":"(\[REDACTED\])?…$/);
    });
  }
  test('ordinary digits and ids before a "…" stay: an encoded key needs eight digits, the key itself a word start', () => {
    for (const { shape, key } of KEYS) {
      const redactor = createRedactor([key]);
      const hex = Buffer.from(key).toString('hex');
      const base64 = Buffer.from(key).toString('base64');
      for (const text of [
        `"created_at":17${hex.slice(0, 6)}…`,
        `"phone":"+1415555${hex.slice(0, 4)}…`,
        `"status":"pi${base64.slice(0, 4)}…`,
        `"id":"x${key.slice(0, 5)}…`,
      ]) {
        expect(redactor.text(text), `${shape}: ${text}`).toBe(text);
      }
      expect(redactor.text(`"dump":"${hex.slice(0, 8)}…`), shape).toBe(`"dump":"${REDACTED}…`);
      expect(redactor.text(`"token":"${key.slice(0, 4)}…`), shape).toBe(`"token":"${REDACTED}…`);
    }
  });

  test('a cut never costs more than the few characters the redactor could not recognise', () => {
    const run = 'a'.repeat(5000);
    expect(cutShort(`x ${run}`, 4000)).toBe(`x ${run}`.slice(0, 4000));
    expect(cutShort('short', 10)).toBe('short');
    expect(cutShort('one two', 5)).toBe('one ');
    expect(cutShort('one twofold', 9)).toBe('one twofo');
    const form = 'error=invalid_request&error_description=The+user+id+is+not+valid&error_uri=https%3A%2F%2Fx';
    expect(cutShort(form, 60).length).toBeGreaterThan(56);
  });
});
