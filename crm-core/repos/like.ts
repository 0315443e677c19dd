/** Escapes LIKE's wildcards so that user text is matched literally (the default escape is \). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (m) => `\\${m}`);
}
