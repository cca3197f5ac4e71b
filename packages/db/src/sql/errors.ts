/** Errors of the store carry a stable `code` so the API can map them to HTTP statuses. */
export type StoreErrorCode =
  | 'not-found'
  | 'invalid-input'
  | 'invalid-rule-config'
  | 'conflict'
  | 'already-undone'
  | 'not-undoable';

export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    /** The input field at fault, when one is (the API points at it in the problem's `errors`). */
    readonly field?: string,
  ) {
    super(message);
  }
}
