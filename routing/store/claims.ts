/**
 * Agents and calls that a decision of this process is reserving right now. Concurrent decisions
 * of one node prefer candidates nobody here is claiming, instead of racing each other to the same
 * best agent (all but one would lose the compare-and-set and pay a round trip). Only a
 * preference: when nothing unclaimed qualifies, the claimed candidate is chosen and the
 * compare-and-set decides, so a caller never waits where an agent could take it. Other nodes are
 * not seen here; the store's versions guard against them.
 */
export class LocalClaims {
  private readonly counts = new Map<string, number>();

  has(id: string): boolean {
    return this.counts.has(id);
  }

  /** Claims `id` until the returned function is called. */
  claim(id: string): () => void {
    this.counts.set(id, (this.counts.get(id) ?? 0) + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const n = (this.counts.get(id) ?? 1) - 1;
      if (n <= 0) this.counts.delete(id);
      else this.counts.set(id, n);
    };
  }
}
