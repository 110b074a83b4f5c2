/**
 * The gateway's overload gate, as the HTTP steps use it (http/graphqlSteps.ts): a ticket for what a
 * request says it is before its body is read, the same ticket checked again once its document is
 * known, and the answer to a request that is refused. Built only when `LOAD_SHEDDING=on`.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { ErrorCode, graphqlErrorBody } from '@contracts/graphqlErrors';
import {
  DEFAULT_ADMISSION,
  type AdmissionControl,
  type AdmissionSettings,
  type Ticket,
} from '@platform/overload/admission';
import { adaptiveAdmission } from '@platform/overload/loadSignal';
import { classOf, declaredClass, type RequestClass } from '@platform/overload/requestClass';
import type { TrustedDocumentList } from '../documents/documentList';
import { trustedDocumentCharges } from '../rateLimits/trustedDocumentCharges';

/** A refused request may try again after this long: the limit moves every tenth of a second. */
export const SHED_RETRY_AFTER_SECONDS = 1;

export interface OverloadGate {
  readonly admission: AdmissionControl;
  /**
   * Before the body: the class the request declares (`x-request-class`), or `critical` when it
   * declares none, so that a device that does not say is never shed before what it is is known.
   */
  admitDeclared(headers: IncomingHttpHeaders): Ticket | null;
  /** Once the document is known: the request's own class (requestClass.ts), for `admission.reclass`. */
  classOf(request: { query: unknown; analyst: boolean; headers: IncomingHttpHeaders }): RequestClass;
  stop(): void;
}

export function createOverloadGate(
  documents: TrustedDocumentList,
  settings: AdmissionSettings = DEFAULT_ADMISSION,
): OverloadGate {
  const { admission, stop } = adaptiveAdmission(settings);
  const charges = trustedDocumentCharges(documents);
  return {
    admission,
    admitDeclared: (headers) => admission.admit(declaredClass(headers) ?? 'critical'),
    classOf({ query, analyst, headers }) {
      // Free-form text is no device's: browse at most, whatever it selects.
      const documentClass = (typeof query === 'string' && charges.get(query)?.operationClass) || 'browse';
      return classOf(documentClass, { analyst, declared: declaredClass(headers) });
    },
    stop,
  };
}

/** What a refused request gets: 503 with `Retry-After`, and the class that was refused. */
export function overloadedAnswer(requestClass: RequestClass) {
  return {
    status: 503,
    headers: { 'retry-after': String(SHED_RETRY_AFTER_SECONDS) },
    body: graphqlErrorBody(
      `The service is overloaded and is serving viewers' starts first; retry in ${SHED_RETRY_AFTER_SECONDS} s`,
      ErrorCode.Overloaded,
      { retryAfterSeconds: SHED_RETRY_AFTER_SECONDS, requestClass },
    ),
  };
}
