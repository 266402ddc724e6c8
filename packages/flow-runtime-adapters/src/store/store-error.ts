/** Why a store cannot do its job; stable, shown in logs and as the API's `store_*` error codes. */
export type StoreErrorCode =
  /** Another process has the folder open (see the lock file). */
  | 'store_locked'
  /** A stored file is not what the store wrote: changed by hand, or damaged on disk. */
  | 'store_corrupt'
  /** The store was closed. */
  | 'store_closed';

/**
 * A failure of the store itself, not of the input: the folder is locked by another process, or a
 * file in it is damaged. Bad documents and tables are results, never StoreErrors.
 */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
