/**
 * An expected failure caused by the user's input (bad option, nothing found, stale page).
 * The registry turns it into a short reply; it is never logged as a bug.
 * `code` is a stable identifier scripts and tests may match on.
 */
export class UserError extends Error {
  override name = 'UserError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** True for errors the user caused and can fix. */
export function isUserError(err: unknown): err is UserError {
  return err instanceof UserError;
}

/** The message of anything thrown (an Error's message, else the value as text), for logs and replies. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  if (typeof err === 'object' && err !== null && 'message' in err && typeof err.message === 'string') return err.message;
  return String(err);
}

/** The stack of an Error (its message when it has none), else the value as text: for logs of our own failures. */
export function errorStack(err: unknown): string {
  return err instanceof Error && err.stack ? err.stack : String(err);
}
