/**
 * Portable name similarity for duplicate detection. pg_trgm is not available on PGlite, so the
 * database holds two indexed keys computed here, and candidates found by them are scored here.
 *
 * - `nameKey`: case, width, punctuation and word order removed ("Smith, JOHN" = "john smith").
 * - `nameSkeleton`: each Latin word reduced to its first letter and following consonants, without
 *   doubled letters ("Jon Smyth" = "John Smith"), so common spelling slips still meet.
 * CJK text has no spelling variants of that kind: its skeleton is its key.
 */
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function words(name: string): string[] {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\p{P}\p{S}]+/gu, ' ')
    .split(/\s+/)
    .filter(Boolean);
}

function isCjkWord(w: string): boolean {
  return CJK.test(w);
}

export function nameKey(name: string): string {
  const ws = words(name);
  // Chinese names are written without spaces and in a fixed order: keep them as they are.
  if (ws.some(isCjkWord)) return ws.join('');
  return [...ws].sort().join(' ');
}

/**
 * The key's words in the opposite order: a prefix search on both keys finds "John Smith" by
 * "john" and by "smith".
 */
export function nameKeyReversed(name: string): string {
  const ws = words(name);
  if (ws.some(isCjkWord)) return ws.join('');
  return [...ws].sort().reverse().join(' ');
}

function skeletonOfWord(w: string): string {
  const first = w[0] ?? '';
  const rest = w.slice(1).replace(/[aeiouyhw]/g, '');
  return (first + rest).replace(/(.)\1+/g, '$1');
}

export function nameSkeleton(name: string): string {
  const ws = words(name);
  if (ws.some(isCjkWord)) return ws.join('');
  return ws.map(skeletonOfWord).sort().join(' ');
}

function bigrams(s: string): Map<string, number> {
  const padded = ` ${s} `;
  const out = new Map<string, number>();
  const chars = Array.from(padded);
  for (let i = 0; i < chars.length - 1; i++) {
    const g = (chars[i] ?? '') + (chars[i + 1] ?? '');
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient over character bigrams of the two names' keys: 1 is the same name. */
export function nameSimilarity(a: string, b: string): number {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === kb) return 1;
  const ga = bigrams(ka);
  const gb = bigrams(kb);
  let common = 0;
  let total = 0;
  for (const [g, n] of ga) {
    common += Math.min(n, gb.get(g) ?? 0);
    total += n;
  }
  for (const n of gb.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}
