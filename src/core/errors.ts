/**
 * The one error type the domain and services throw on purpose. `message` is written for the person
 * who typed the command; the Slack layer shows it as an ephemeral reply or a modal field error.
 */
export type CrisisErrorCode =
  | 'bad_input'
  | 'not_crisis_channel'
  | 'not_found'
  | 'forbidden'
  | 'conflict'
  | 'already_done'
  | 'slack_failed';

export class CrisisError extends Error {
  constructor(
    readonly code: CrisisErrorCode,
    message: string,
    /** For modal submissions: the block the message belongs to. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'CrisisError';
  }
}

export function isCrisisError(err: unknown): err is CrisisError {
  return err instanceof CrisisError;
}
