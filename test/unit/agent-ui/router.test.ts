import { describe, expect, it } from 'vitest';
import { Router, parseRoute, routeHash } from '../../../agent-ui/src/lib/router.svelte.js';

describe('Router', () => {
  it('reads and writes every page as a hash', () => {
    for (const hash of ['#/console', '#/customers', '#/customers/c%2F1', '#/supervisor/reports']) {
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
    expect(parseRoute('#/customers/c%2F1')).toEqual({ view: 'customer', id: 'c/1' });
  });

  it('falls back to the console and the wallboard for unknown paths', () => {
    expect(parseRoute('')).toEqual({ view: 'console' });
    expect(parseRoute('#/nowhere')).toEqual({ view: 'console' });
    expect(parseRoute('#/supervisor/nope')).toEqual({ view: 'supervisor', tab: 'wallboard' });
  });

  it('updates the hash when going to a page', () => {
    const hashes: string[] = [];
    const r = new Router('#/console', (h) => hashes.push(h));
    r.go({ view: 'supervisor', tab: 'agents' });
    expect(r.route).toEqual({ view: 'supervisor', tab: 'agents' });
    expect(hashes).toEqual(['#/supervisor/agents']);
  });
});
