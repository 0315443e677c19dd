import type { IvrIssue, IvrIssueCode } from '../errors.js';

/** Collects every problem of one file, so a bad script is reported in one go. */
export class IssueList {
  readonly items: IvrIssue[] = [];

  constructor(readonly file: string) {}

  add(code: IvrIssueCode, reason: string, node?: string): void {
    this.items.push(
      node === undefined
        ? { file: this.file, code, reason }
        : { file: this.file, node, code, reason },
    );
  }

  get empty(): boolean {
    return this.items.length === 0;
  }
}
