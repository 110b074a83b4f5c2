/**
 * Thrown from the `default` of a switch that handles every case of a union: the argument's type
 * `never` makes the compiler fail when a new case is added and not handled, and the throw covers a
 * value that broke its type at run time (parsed JSON, a cast).
 */
export class UnreachableCaseError extends Error {
  override name = 'UnreachableCaseError';
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
