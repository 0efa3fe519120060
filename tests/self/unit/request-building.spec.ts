import { expect, test } from '@playwright/test';
import { loadContracts } from '../../../engine/contract-loader';
import { toCurl } from '../../../engine/curl';
import { forgedProbes } from '../../../engine/forged-credentials';
import { REDACTED } from '../../../engine/redaction';
import { buildRequest, credentialSecrets, INVALID_KEY, planScenario } from '../../../engine/scenarios';
import type { Target } from '../../../engine/target';
import { SCENARIO_NAMES } from '../../../engine/types';

const KEY = 'sk_live_canary_123456';
const target: Target = {
  baseUrl: 'https://api.example.com',
  apiKey: KEY,
  userId: 'user_1',
  unknownUserId: 'user_0',
  forbiddenUserId: undefined,
  malformedUserId: 'bad id!',
  timeoutMs: 5000,
  maxBodyBytes: 1024,
  tls: undefined,
  securitySeverity: 'should',
};

test('every contract: every scenario is planned or skipped with a reason', () => {
  for (const contract of loadContracts()) {
    for (const scenario of SCENARIO_NAMES) {
      const planned = planScenario(contract, target, scenario);
      if ('skipReason' in planned) expect(planned.skipReason.length).toBeGreaterThan(10);
      else expect(planned.plan.rule.expect.length).toBeGreaterThan(0);
    }
  }
});

test('forbidden user is skipped when FORBIDDEN_USER_ID is unset', () => {
  const credira = loadContracts().find((c) => c.name === 'credira');
  if (!credira) throw new Error('credira missing');
  expect(planScenario(credira, target, 'forbiddenUser')).toEqual({
    skipReason: expect.stringContaining('FORBIDDEN_USER_ID not set'),
  });
});

test('requests: id encoded into the path, credential per scenario, documented headers', () => {
  const credira = loadContracts().find((c) => c.name === 'credira');
  if (!credira) throw new Error('credira missing');
  const plan = (scenario: (typeof SCENARIO_NAMES)[number]) => {
    const planned = planScenario(credira, target, scenario);
    if (!('plan' in planned)) throw new Error(planned.skipReason);
    return buildRequest(credira, target, planned.plan);
  };
  expect(plan('existingUser')).toMatchObject({
    method: 'GET',
    url: 'https://api.example.com/v1/users/user_1',
    headers: { Authorization: `Bearer ${KEY}` },
  });
  expect(plan('malformedId').url).toBe('https://api.example.com/v1/users/bad%20id!');
  expect(plan('missingCredentials').headers.Authorization).toBeUndefined();
  expect(plan('invalidCredentials').headers.Authorization).toBe(`Bearer ${INVALID_KEY}`);
  expect(plan('wrongMethod').method).toBe('TRACE');
});

test('the wrong-method probe: TRACE never carries the credential (RFC 9110 §9.3.8), so 401 refuses it too', () => {
  for (const contract of loadContracts()) {
    const planned = planScenario(contract, target, 'wrongMethod');
    if (!('plan' in planned)) throw new Error(planned.skipReason);
    const request = buildRequest(contract, target, planned.plan);
    const header = contract.credential?.header;
    if (request.method === 'TRACE') {
      expect(Object.values(request.headers).join('\n'), contract.name).not.toContain(KEY);
      if (header) expect(request.headers[header], contract.name).toBeUndefined();
      if (contract.credential) {
        expect(planned.plan.rule.expect, contract.name).toContain(401);
        expect(planned.plan.rule.clause, contract.name).toContain('RFC 9110 §9.3.8');
      }
    } else if (header) {
      // klaim's probe is a GET: safe, and it proves the method is refused to a reader that may read.
      expect(request.headers[header], contract.name).toContain(KEY);
    }
  }
});

test('curl: the key is left to the shell, other values are quoted', () => {
  const curl = toCurl({
    request: {
      method: 'GET',
      url: "https://x.example/v1/users/o'brien",
      headers: { Authorization: REDACTED, Accept: 'application/json' },
    },
    credential: { header: 'Authorization', form: 'Bearer {key}' },
    timeoutMs: 2500,
  });
  expect(curl).toBe(
    `curl -sS -i -X GET 'https://x.example/v1/users/o'\\''brien' -H "Authorization: Bearer $API_KEY" -H 'Accept: application/json' --max-time 3`,
  );
  expect(curl).not.toContain(KEY);
});

test('a key holding $&, $$ or $` is sent, probed and redacted as it is, not as a replacement pattern', () => {
  const key = "pa$$word$&Zx9q$`77$'";
  const withDollars = { ...target, apiKey: key };
  for (const contract of loadContracts().filter((c) => c.credential)) {
    const credential = contract.credential;
    if (!credential) continue;
    const planned = planScenario(contract, withDollars, 'existingUser');
    if ('skipReason' in planned) throw new Error(planned.skipReason);
    const sent = buildRequest(contract, withDollars, planned.plan).headers[credential.header];
    expect(sent, contract.name).toBe((credential.forms[0] ?? '{key}').split('{key}').join(key));
    const secrets = credentialSecrets(key, credential.forms);
    expect(secrets, contract.name).toContain(sent);
    for (const probe of forgedProbes(key, credential, credential.forms[0] ?? '{key}')) {
      expect(secrets, `${contract.name}: ${probe.description}`).toContain(probe.value);
    }
  }
});
