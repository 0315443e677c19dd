import { OutboundError } from '../../outbound/index.js';
import { HttpError } from '../http/errors.js';

/**
 * outbound/ reports a bad field as `{issues: [{path, message}]}`; the API's field errors are
 * `invalid_input` with the list itself as details, as on every other route.
 */
export function fieldErrors<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof OutboundError && err.status === 400) {
      const issues = (err.details as { issues?: unknown } | undefined)?.issues;
      throw new HttpError(400, 'invalid_input', err.message, Array.isArray(issues) ? issues : []);
    }
    throw err;
  }
}
