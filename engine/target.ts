/** The target of one contract's run: where to send requests, with which key and ids. */
import type { RunSettings } from './config';
import type { LoadedContract } from './contract-loader';
import type { TlsOptions } from './transport';
import type { Severity } from './types';

export interface Target {
  baseUrl: string;
  apiKey: string | undefined;
  userId: string;
  unknownUserId: string;
  forbiddenUserId: string | undefined;
  malformedUserId: string | null;
  timeoutMs: number;
  maxBodyBytes: number;
  tls: TlsOptions | undefined;
  /** Severity of the API security hygiene checks (SECURITY_CHECKS). */
  securitySeverity: Severity;
}

/** Who the suite is against a target it runs itself (the built-in reference): set per project in playwright.config.ts. */
export interface KnownIdentity {
  apiKey: string;
  userId: string;
  forbiddenUserId?: string | undefined;
}

export function resolveTarget(
  settings: RunSettings,
  contract: LoadedContract,
  baseUrl: string,
  identity: KnownIdentity | undefined,
): Target {
  return {
    baseUrl,
    apiKey: identity?.apiKey ?? settings.apiKey,
    userId: identity?.userId ?? settings.userId ?? '',
    forbiddenUserId: identity ? identity.forbiddenUserId : settings.forbiddenUserId,
    unknownUserId: settings.unknownUserId ?? contract.ids.unknown,
    malformedUserId: settings.malformedUserId ?? contract.ids.malformed,
    timeoutMs: settings.timeoutMs,
    maxBodyBytes: settings.maxBodyBytes,
    tls: settings.tls,
    securitySeverity: settings.securitySeverity,
  };
}
