/**
 * Runs one scenario: sends its request (once more per alternative credential form the doc shows, and
 * once more after a rate-limit answer), then evaluates every applicable check on the raw response.
 * What leaves this module is redacted.
 */
import { CHECKS } from './checks';
import { type CheckContext, evaluate } from './checks/define-check';
import type { LoadedContract } from './contract-loader';
import { toCurl } from './curl';
import type { Redactor } from './redaction';
import { buildRequest, type ScenarioPlan } from './scenarios';
import type { Target } from './target';
import { type OutgoingRequest, sendHonouringRateLimit, type Transport } from './transport';
import type { CheckRecord, Exchange } from './types';

/** Bodies kept in a record are capped; the report truncates further for display. */
const MAX_RECORDED_BODY = 64 * 1024;

/** Requests a scenario may make at most: every credential form, each repeated once after a rate-limit answer. */
export function maxRequests(contract: LoadedContract, plan: ScenarioPlan): number {
  const forms = plan.credential === 'valid' ? (contract.credential?.forms.length ?? 1) : 1;
  return forms * 2;
}

/** Worst-case time of a scenario: each request and each rate-limit wait bounded by the request timeout. */
export function scenarioTimeBoundMs(contract: LoadedContract, plan: ScenarioPlan, target: Target): number {
  return maxRequests(contract, plan) * target.timeoutMs * 2 + 5_000;
}

async function exchange(transport: Transport, outgoing: OutgoingRequest, timeoutMs: number): Promise<Exchange> {
  const request = {
    method: outgoing.method,
    url: outgoing.url,
    headers: outgoing.headers,
    ...(outgoing.body !== undefined ? { body: outgoing.body } : {}),
  };
  const { result, rateLimit } = await sendHonouringRateLimit(transport, outgoing, timeoutMs);
  const recorded: Exchange = { request, ...(rateLimit ? { rateLimit } : {}) };
  if ('response' in result) recorded.response = result.response;
  else recorded.transportError = result.error;
  return recorded;
}

/**
 * The credential was refused: 401, or 403 from servers that answer an unreadable credential so
 * (except for the forbidden user, where 403 is the expected answer, not a refused credential).
 */
const isRefusal = (exchange: Exchange, plan: ScenarioPlan): boolean =>
  exchange.response?.status === 401 || (exchange.response?.status === 403 && plan.scenario !== 'forbiddenUser');

function capBody(exchange: Exchange): Exchange {
  const response = exchange.response;
  if (!response || response.bodyText.length <= MAX_RECORDED_BODY) return exchange;
  const bodyText = `${response.bodyText.slice(0, MAX_RECORDED_BODY)}\n… (${response.bodyText.length} chars in all)`;
  return { ...exchange, response: { ...response, bodyText } };
}

export async function runScenario(
  transport: Transport,
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
  redactor: Redactor,
): Promise<CheckRecord[]> {
  const forms = contract.credential?.forms ?? [];
  let formIndex = 0;
  let sent = await exchange(transport, buildRequest(contract, target, plan, formIndex), target.timeoutMs);
  // The doc shows several credential forms: accept any of them, but report which one worked.
  while (plan.credential === 'valid' && isRefusal(sent, plan) && formIndex + 1 < forms.length) {
    formIndex += 1;
    sent = await exchange(transport, buildRequest(contract, target, plan, formIndex), target.timeoutMs);
  }
  const credentialSent = plan.credential === 'valid' && contract.credential !== null;
  const ctx: CheckContext = {
    contract,
    scenario: plan.scenario,
    rule: plan.rule,
    requestedId: plan.requestedId,
    exchange: sent,
    ...(credentialSent && !isRefusal(sent, plan) ? { credentialFormIndex: formIndex } : {}),
  };
  const curl = toCurl({
    request: sent.request,
    ...(credentialSent && contract.credential
      ? { credential: { header: contract.credential.header, form: forms[formIndex] ?? '{key}' } }
      : {}),
    timeoutMs: target.timeoutMs,
  });
  const records = CHECKS.flatMap((check): CheckRecord[] => {
    const result = evaluate(check, ctx);
    if (!result) return [];
    const { failure, ...rest } = result;
    const record: CheckRecord = { contract: contract.name, scenario: plan.scenario, ...rest };
    if (!failure) return [record];
    return [
      {
        ...record,
        title: failure.title,
        expected: failure.expected,
        received: failure.received,
        detail: failure.detail,
        ...(failure.violations ? { violations: failure.violations } : {}),
        curl,
        exchange: capBody(sent),
      },
    ];
  });
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
