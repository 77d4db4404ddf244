/**
 * An error a user caused and can fix, with a Chinese message. The CLI prints it and exits non-zero;
 * the HTTP API answers `{error: {code, message}}` with `status`.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly code: string = 'bad_request',
    readonly status: number = 400,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'UserError';
  }
}

export const notFound = (message: string): UserError => new UserError(message, 'not_found', 404);
