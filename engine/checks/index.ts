/** Every check, in the order it runs and is reported. */
import { authEnforced } from './auth-enforced';
import { bodyIsJson } from './body-is-json';
import type { Check } from './define-check';
import { documentedCredentialFormAccepted } from './documented-credential-form-accepted';
import { forbiddenUserNotServed } from './forbidden-user-not-served';
import { forgedCredentialRefused } from './forged-credential-refused';
import { mediaTypeConformance } from './media-type-conformance';
import { messageNamesRequestedId } from './message-names-requested-id';
import { noCrossOriginRedirect } from './no-cross-origin-redirect';
import { noInternalDetailsLeaked } from './no-internal-details-leaked';
import { noUndocumentedSensitiveFields } from './no-undocumented-sensitive-fields';
import { notRateLimited } from './not-rate-limited';
import { personalDataNotCached } from './personal-data-not-cached';
import { responseReceived } from './response-received';
import { returnsRequestedUser } from './returns-requested-user';
import {
  errorFormatConformance,
  recommendedShapeConformance,
  responseSchemaConformance,
} from './schema-conformance';
import { statusCodeConformance } from './status-code-conformance';
import { unauthorizedHasChallenge } from './unauthorized-has-challenge';

export const CHECKS: readonly Check[] = [
  responseReceived,
  notRateLimited,
  statusCodeConformance,
  authEnforced,
  forbiddenUserNotServed,
  mediaTypeConformance,
  bodyIsJson,
  responseSchemaConformance,
  errorFormatConformance,
  returnsRequestedUser,
  forgedCredentialRefused,
  messageNamesRequestedId,
  recommendedShapeConformance,
  documentedCredentialFormAccepted,
  unauthorizedHasChallenge,
  personalDataNotCached,
  noInternalDetailsLeaked,
  noUndocumentedSensitiveFields,
  noCrossOriginRedirect,
];
