/** Every check, in the order it runs and is reported. */
import { authEnforced, documentedCredentialFormAccepted, forbiddenUserNotServed } from './auth';
import type { CheckDefinition } from './context';
import { returnsRequestedUser } from './id-echo';
import { bodyIsJson } from './json-body';
import { mediaTypeConformance } from './media-type';
import { responseReceived } from './response-received';
import { errorFormatConformance, recommendedShapeConformance, responseSchemaConformance } from './schema';
import { statusCodeConformance } from './status-code';

export const CHECKS: readonly CheckDefinition[] = [
  responseReceived,
  statusCodeConformance,
  authEnforced,
  forbiddenUserNotServed,
  mediaTypeConformance,
  bodyIsJson,
  responseSchemaConformance,
  errorFormatConformance,
  returnsRequestedUser,
  recommendedShapeConformance,
  documentedCredentialFormAccepted,
];
