/**
 * The one error class of ivr-scripts/. A script that does not compile carries every problem found
 * in `issues` (file, node, reason) so that start-up can print them all at once; a state that no
 * longer fits its script (e.g. after a deploy removed the caller's node) is `state_invalid`.
 */
export type IvrErrorCode =
  'script_invalid' | 'state_invalid' | 'context_invalid' | 'event_invalid' | 'unknown_script';

export type IvrIssueCode =
  | 'parse_error'
  | 'schema_invalid'
  | 'duplicate_node'
  | 'unknown_target'
  | 'unknown_start'
  | 'unreachable_node'
  | 'unknown_prompt'
  | 'missing_prompt'
  | 'bad_template'
  | 'unknown_variable'
  | 'loop_without_exit'
  | 'loop_without_input'
  | 'bad_digit_map'
  | 'bad_validator'
  | 'bad_pattern'
  | 'bad_lengths'
  | 'bad_schedule'
  | 'bad_timezone'
  | 'duplicate_script'
  | 'unnamed_queue';

export interface IvrIssue {
  file: string;
  /** The node (or prompt, prefixed `prompt:`) the problem is in; absent for file-wide problems. */
  node?: string;
  code: IvrIssueCode;
  reason: string;
}

const STATUS: Record<IvrErrorCode, number> = {
  script_invalid: 400,
  state_invalid: 409,
  context_invalid: 400,
  event_invalid: 400,
  unknown_script: 404,
};

export class IvrError extends Error {
  readonly status: number;

  constructor(
    readonly code: IvrErrorCode,
    message: string,
    readonly issues: readonly IvrIssue[] = [],
  ) {
    super(message);
    this.name = 'IvrError';
    this.status = STATUS[code];
  }
}

export function formatIssue(issue: IvrIssue): string {
  const where = issue.node === undefined ? issue.file : `${issue.file} [${issue.node}]`;
  return `${where}: ${issue.code}: ${issue.reason}`;
}

export function scriptInvalid(issues: readonly IvrIssue[]): IvrError {
  const lines = issues.map(formatIssue);
  return new IvrError(
    'script_invalid',
    `IVR script invalid (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n  ${lines.join('\n  ')}`,
    issues,
  );
}
