/**
 * Runs one scenario: sends its request (once more per alternative credential form the doc shows, and
 * once more after a rate-limit answer), then evaluates every applicable check on the raw response.
 * What leaves this module is redacted.
 */
import { CHECKS } from './checks';
import { type Check, type CheckContext, inputsOf, resultOf, verdictOf } from './checks/define-check';
import { forgedCredentialRefused } from './checks/forged-credential-refused';
import { notRateLimited } from './checks/not-rate-limited';
import type { LoadedContract } from './contract-loader';
import { toCurl } from './curl';
import { forgedProbes } from './forged-credentials';
import { cutShort } from './json-text';
import type { Redactor } from './redaction';
import { buildRequest, type ScenarioPlan } from './scenarios';
import type { Target } from './target';
import { type OutgoingRequest, type Pace, sendHonouringRateLimit, type Transport } from './transport';
import type { CheckRecord, Exchange } from './types';

/** Bodies kept in a record are capped; the report truncates further for display. */
const MAX_RECORDED_BODY = 64 * 1024;

/** Requests a scenario may make at most: every credential form, each repeated once after a rate-limit answer. */
export function maxRequests(contract: LoadedContract, plan: ScenarioPlan): number {
  const forms = plan.credential === 'valid' ? (contract.credential?.forms.length ?? 1) : 1;
  // Four forged credentials at most (forged-credentials.ts), after one request finding the accepted form.
  return (plan.credential === 'forged' ? 5 : forms) * 2;
}

/** Worst-case time of a scenario: each request and each rate-limit wait bounded by the request timeout. */
export function scenarioTimeBoundMs(contract: LoadedContract, plan: ScenarioPlan, target: Target): number {
  return maxRequests(contract, plan) * target.timeoutMs * 2 + 5_000;
}

async function exchange(
  transport: Transport,
  outgoing: OutgoingRequest,
  timeoutMs: number,
  pace?: Pace,
): Promise<Exchange> {
  const request = {
    method: outgoing.method,
    url: outgoing.url,
    headers: outgoing.headers,
    ...(outgoing.body !== undefined ? { body: outgoing.body } : {}),
  };
  const { result, rateLimit } = await sendHonouringRateLimit(transport, outgoing, timeoutMs, pace);
  const recorded: Exchange = { request, ...(rateLimit ? { rateLimit } : {}) };
  if (!result) return recorded;
  if ('response' in result) recorded.response = result.response;
  else recorded.transportError = result.error;
  return recorded;
}

/**
 * The credential was refused: 401, or 403 from servers that answer an unreadable credential so
 * (except for the forbidden user, where 403 is the expected answer, not a refused credential).
 */
const isRefusal = (exchange: Exchange, plan: ScenarioPlan): boolean =>
  exchange.response?.status === 401 ||
  (exchange.response?.status === 403 && plan.scenario !== 'forbiddenUser');

function capBody(exchange: Exchange): Exchange {
  const response = exchange.response;
  if (!response || response.bodyText.length <= MAX_RECORDED_BODY) return exchange;
  const bodyText = `${cutShort(response.bodyText, MAX_RECORDED_BODY)}\n… (${response.bodyText.length} chars in all)`;
  return { ...exchange, response: { ...response, bodyText } };
}

/** Which records a caller keeps: every applicable check's, or (sampling many users) the failures only. */
export type Keep = 'all' | 'failures';

/** Records of the checks that apply; failures carry their evidence (the curl is made only for them). */
function judge(ctx: CheckContext, checks: readonly Check[], curl: () => string, keep: Keep): CheckRecord[] {
  const records: CheckRecord[] = [];
  const inputs = inputsOf(ctx);
  for (const check of checks) {
    const verdict = verdictOf(check, inputs);
    if (!verdict || (keep === 'failures' && verdict.status !== 'failed')) continue;
    const { failure, ...rest } = resultOf(check, ctx, verdict);
    const record: CheckRecord = { contract: ctx.contract.name, scenario: ctx.scenario, ...rest };
    if (ctx.forgedProbe) record.description = `Refuses ${ctx.forgedProbe.description}`;
    if (!failure) {
      records.push(record);
      continue;
    }
    records.push({
      ...record,
      title: failure.title,
      expected: failure.expected,
      received: failure.received,
      detail: failure.detail,
      ...(failure.violations ? { violations: failure.violations } : {}),
      curl: curl(),
      exchange:
        failure.detail.kind === 'sensitive-fields' ? withoutBody(ctx.exchange) : capBody(ctx.exchange),
    });
  }
  return records;
}

/** Evidence whose body would show the secrets it reports: the body is withheld. */
function withoutBody(exchange: Exchange): Exchange {
  const response = exchange.response;
  return response
    ? {
        ...exchange,
        response: { ...response, bodyText: '(body withheld: it holds undocumented sensitive fields)' },
      }
    : exchange;
}

/** One record per forged credential, each with its own evidence. */
async function runForgedProbes(
  transport: Transport,
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
): Promise<CheckRecord[]> {
  const credential = contract.credential;
  if (!credential || !target.apiKey) return [];
  const records: CheckRecord[] = [];
  // Where the doc shows several forms, the near misses go in the one the target accepts: refusing
  // a form it never accepts would prove nothing about how it compares keys.
  let form = credential.forms[0] ?? '{key}';
  const alternative = credential.forms[1];
  if (alternative) {
    const real = await exchange(
      transport,
      buildRequest(contract, target, { ...plan, credential: 'valid' }),
      target.timeoutMs,
    );
    if (isRefusal(real, plan)) form = alternative;
  }
  for (const probe of forgedProbes(target.apiKey, credential, form)) {
    const outgoing = buildRequest(contract, target, plan);
    outgoing.headers[probe.header] = probe.value;
    const sent = await exchange(transport, outgoing, target.timeoutMs);
    const ctx: CheckContext = {
      contract,
      scenario: plan.scenario,
      rule: plan.rule,
      requestedId: plan.requestedId,
      exchange: sent,
      forgedProbe: { title: probe.title, description: probe.description, severity: probe.severity },
    };
    const curl = () =>
      toCurl({
        request: sent.request,
        credential: { header: probe.header, form: `<${probe.description}>` },
        timeoutMs: target.timeoutMs,
      });
    records.push(...judge(ctx, [notRateLimited, forgedCredentialRefused], curl, 'all'));
  }
  return records;
}

/** Runs a scenario and returns its records as judged, unredacted: callers redact what they keep. */
export async function judgeScenario(
  transport: Transport,
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
  keep: Keep = 'all',
  /** Sampling's rate ceiling: a turn taken before every request, repeats included. */
  pace?: Pace,
): Promise<CheckRecord[]> {
  if (plan.credential === 'forged') return runForgedProbes(transport, contract, target, plan);
  const forms = contract.credential?.forms ?? [];
  let formIndex = 0;
  let sent = await exchange(
    transport,
    buildRequest(contract, target, plan, formIndex),
    target.timeoutMs,
    pace,
  );
  // The doc shows several credential forms: accept any of them, but report which one worked.
  while (plan.credential === 'valid' && isRefusal(sent, plan) && formIndex + 1 < forms.length) {
    formIndex += 1;
    sent = await exchange(transport, buildRequest(contract, target, plan, formIndex), target.timeoutMs, pace);
  }
  const credentialSent = plan.credential === 'valid' && contract.credential !== null;
  const ctx: CheckContext = {
    contract,
    scenario: plan.scenario,
    rule: plan.rule,
    requestedId: plan.requestedId,
    exchange: sent,
    securitySeverity: target.securitySeverity,
    ...(credentialSent && !isRefusal(sent, plan) ? { credentialFormIndex: formIndex } : {}),
  };
  const curl = () =>
    toCurl({
      request: sent.request,
      ...(credentialSent && contract.credential
        ? { credential: { header: contract.credential.header, form: forms[formIndex] ?? '{key}' } }
        : {}),
      timeoutMs: target.timeoutMs,
    });
  return judge(ctx, CHECKS, curl, keep);
}

export async function runScenario(
  transport: Transport,
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
  redactor: Redactor,
): Promise<CheckRecord[]> {
  const records = await judgeScenario(transport, contract, target, plan);
  // Checks judged the raw response; what leaves this function never holds a credential.
  return records.map((record) => redactor.deep(record));
}

/** The text a failed check shows in Playwright's output: fixed title, Expected/Received, clause, curl. */
export function formatFailure(record: CheckRecord): string {
  return [
    `[${record.severity}] ${record.contract} › ${record.scenario} › ${record.check}: ${record.title ?? 'failed'}`,
    `  Expected: ${record.expected ?? ''}`,
    `  Received: ${(record.received ?? '').replace(/\n/g, '\n  ')}`,
    `  Rule: ${record.clause}`,
    ...(record.curl ? [`  Reproduce: ${record.curl}`] : []),
  ].join('\n');
}
