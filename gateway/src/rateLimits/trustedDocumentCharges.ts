/**
 * The rate-limit charge of each trusted document, worked out once when the gateway starts, so that
 * the HTTP layer can charge an account's budget for a device's request as soon as the body is read:
 * a refused request then never reaches Apollo Server (parsing, validation, limits, a formatted error),
 * which is what a flood from one account would otherwise make every refusal pay for.
 */
import { Kind, parse, type OperationDefinitionNode } from 'graphql';
import type { TrustedDocumentList } from '../documents/documentList';
import type { TraceParent } from '@platform/tracing/spans';
import type { RateLimiter, Verdict } from './limiter';
import { chargeFor, type OperationCharge } from './operationClass';

/** Charges an account for a document's text; undefined when the text is not a trusted document. */
export type AccountGate = (
  accountId: string,
  query: string,
  trace?: TraceParent,
) => Promise<Verdict | undefined>;

export function trustedDocumentCharges(documents: TrustedDocumentList): ReadonlyMap<string, OperationCharge> {
  const charges = new Map<string, OperationCharge>();
  for (const text of documents.values()) {
    const document = parse(text);
    // Trusted documents hold one operation each (codegen refuses anything else).
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    );
    if (operation) charges.set(text, chargeFor(document, operation));
  }
  return charges;
}

export function createAccountGate(limiter: RateLimiter, documents: TrustedDocumentList): AccountGate {
  const charges = trustedDocumentCharges(documents);
  return async (accountId, query, trace) => {
    const charge = charges.get(query);
    return charge && limiter.consume(charge.operationClass, accountId, charge.points, trace);
  };
}
