import type { LanguageTag } from '../languages.js';
import type { IssueList } from './issues.js';

/** Texts given in a language the script does not have (`what`: "text", "name"). */
export function checkTextLanguages(
  texts: Record<string, string>,
  languages: readonly LanguageTag[],
  what: string,
  where: string,
  issues: IssueList,
): void {
  for (const lang of Object.keys(texts)) {
    if (!(languages as readonly string[]).includes(lang)) {
      issues.add(
        'schema_invalid',
        `${what} in "${lang}", which is not one of the script's languages`,
        where,
      );
    }
  }
}
