import type { CheckContext } from './define-check';

/** API security hygiene is reported as `should` unless SECURITY_CHECKS=must asks to gate on it. */
export const securitySeverity = (ctx: CheckContext) => ctx.securitySeverity ?? 'should';
