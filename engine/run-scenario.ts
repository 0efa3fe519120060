/**
 * Runs one scenario: sends its request (retrying once per alternative credential form the doc
 * shows), then runs every applicable check. No check stops another: all results are returned.
 */
import { CHECKS } from './checks';
import type { CheckContext } from './checks/context';
import type { LoadedContract } from './contract-loader';
import { toCurl } from './curl';
import { type NewRequestContext, send } from './http';
import { redactDeep } from './redact';
import { buildRequest, type ScenarioPlan } from './scenarios';
import type { Target } from './target';
import type { CheckRecord, Exchange } from './types';

/** Bodies kept in a record are capped; the report truncates further for display. */
const MAX_RECORDED_BODY = 64 * 1024;

function capBody(exchange: Exchange): Exchange {
  const response = exchange.response;
  if (!response || response.bodyText.length <= MAX_RECORDED_BODY) return exchange;
  return {
    ...exchange,
    response: {
      ...response,
      bodyText: `${response.bodyText.slice(0, MAX_RECORDED_BODY)}\n… (${response.bodyText.length} chars in all)`,
    },
  };
}

/**
 * The credential was refused: 401, or 403 from servers that answer an unreadable credential so
 * (except for the forbidden user, where 403 is the expected answer, not a refused credential).
 */
const isRefusal = (exchange: Exchange, plan: ScenarioPlan): boolean =>
  exchange.response?.status === 401 ||
  (exchange.response?.status === 403 && plan.scenario !== 'forbiddenUser');

export interface ScenarioRun {
  exchange: Exchange;
  records: CheckRecord[];
}

export async function runScenario(
  newContext: NewRequestContext,
  contract: LoadedContract,
  target: Target,
  plan: ScenarioPlan,
): Promise<ScenarioRun> {
  const secrets = [target.apiKey];
  const options = { timeoutMs: target.timeoutMs, secrets };
  let formIndex = 0;
  let outgoing = buildRequest(contract, target, plan, formIndex);
  let exchange = await send(newContext, outgoing, options);
  const forms = contract.credential?.forms ?? [];
  // The doc shows several credential forms: accept any of them, but report which one worked.
  while (plan.credential === 'valid' && isRefusal(exchange, plan) && formIndex + 1 < forms.length) {
    formIndex += 1;
    outgoing = buildRequest(contract, target, plan, formIndex);
    exchange = await send(newContext, outgoing, options);
  }
  const credentialSent = plan.credential === 'valid' && contract.credential !== null;
  const ctx: CheckContext = {
    contract,
    scenario: plan.scenario,
    rule: plan.rule,
    requestedId: plan.requestedId,
    exchange,
    ...(credentialSent && !isRefusal(exchange, plan) ? { credentialFormIndex: formIndex } : {}),
  };
  const curl = toCurl({
    request: exchange.request,
    ...(credentialSent && contract.credential
      ? { credential: { header: contract.credential.header, form: forms[formIndex] ?? '{key}' } }
      : {}),
    timeoutMs: target.timeoutMs,
  });
  const recordedExchange = capBody(exchange);
  const records = CHECKS.filter((check) => check.appliesTo(ctx)).map((check): CheckRecord => {
    const outcome = check.run(ctx);
    const base = {
      contract: contract.name,
      scenario: plan.scenario,
      check: check.name,
      description: check.description,
      clause: check.clause(ctx),
    };
    if (outcome.kind === 'passed') return { ...base, severity: check.severity(ctx), status: 'passed' };
    if (outcome.kind === 'skipped')
      return { ...base, severity: check.severity(ctx), status: 'skipped', reason: outcome.reason };
    const { failure } = outcome;
    return {
      ...base,
      severity: outcome.severity ?? check.severity(ctx),
      status: 'failed',
      title: failure.title,
      expected: failure.expected,
      received: failure.received,
      ...(failure.violations ? { violations: failure.violations } : {}),
      ...(failure.clause ? { clause: failure.clause } : {}),
      curl,
      exchange: recordedExchange,
    };
  });
  // Checks judged the raw response; what leaves this function never holds the credential.
  return { exchange, records: records.map((record) => redactDeep(record, secrets)) };
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
