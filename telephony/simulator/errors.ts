/**
 * An ARI error reply. Asterisk answers most failures with `{"message": ...}`, but a few
 * (originate's "Allocation failed") with `{"error": ...}`; `key` says which.
 */
export class AriHttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly key: 'message' | 'error' = 'message',
  ) {
    super(message);
    this.name = 'AriHttpError';
  }

  body(): Record<string, string> {
    return { [this.key]: this.message };
  }
}

export const notFound = (what: string) => new AriHttpError(404, `${what} not found`);
export const badRequest = (message: string) => new AriHttpError(400, message);
export const conflict = (message: string) => new AriHttpError(409, message);
export const unprocessable = (message: string) => new AriHttpError(422, message);

/** A mistake in a call to the simulator's control API (never an ARI reply). */
export class SimulatorError extends Error {
  constructor(
    readonly code: 'not-found' | 'invalid' | 'conflict',
    message: string,
  ) {
    super(message);
    this.name = 'SimulatorError';
  }

  get status(): number {
    return this.code === 'not-found' ? 404 : this.code === 'conflict' ? 409 : 400;
  }
}
