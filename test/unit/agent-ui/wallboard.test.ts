import { describe, expect, it } from 'vitest';
import { Wallboard } from '../../../agent-ui/src/lib/wallboard.svelte.js';
import { stats } from './support/fixtures.js';

describe('Wallboard', () => {
  it('turns cells amber and red at the thresholds, in the right direction', () => {
    const wb = new Wallboard();
    const calm = stats('billing', 0, { waiting: 4, serviceLevel: 0.85 });
    const busy = stats('billing', 0, { waiting: 5, longestWaitSeconds: 61, serviceLevel: 0.79 });
    const bad = stats('billing', 0, {
      waiting: 10,
      serviceLevel: 0.5,
      offered: 100,
      abandoned: 12,
    });
    expect(wb.level(calm, 'waiting')).toBe('ok');
    expect(wb.level(calm, 'serviceLevel')).toBe('ok');
    expect(wb.level(busy, 'waiting')).toBe('amber');
    expect(wb.level(busy, 'longestWait')).toBe('amber');
    expect(wb.level(busy, 'serviceLevel')).toBe('amber');
    expect(wb.level(bad, 'waiting')).toBe('red');
    expect(wb.level(bad, 'serviceLevel')).toBe('red');
    expect(wb.level(bad, 'abandonRate')).toBe('red');
    expect(wb.level(stats('x', 0, { serviceLevel: null }), 'serviceLevel')).toBe('ok');
  });

  it('shows the newest sample per queue and never rolls back to a late older one', () => {
    const wb = new Wallboard();
    wb.load([stats('billing', 0)], []);
    wb.apply(stats('billing', 20, { waiting: 7 }));
    wb.apply(stats('billing', 10, { waiting: 1 }));
    expect(wb.queues.billing?.waiting).toBe(7);
    expect(wb.totals.waiting).toBe(7);
  });

  it('keeps one hour of history and draws it in the chart box', () => {
    const wb = new Wallboard();
    wb.load([], [stats('billing', 0, { waiting: 0 })]);
    wb.apply(stats('billing', 1800, { waiting: 5 }));
    wb.apply(stats('billing', 3600, { waiting: 10 }));
    wb.apply(stats('sales', 3700, { waiting: 2 }));
    // The sample at 0 s is now more than an hour older than the newest one.
    expect(wb.history.map((h) => h.at)).toHaveLength(3);
    const [billing, sales] = wb.series(1000, 100);
    expect(billing?.queueId).toBe('billing');
    expect(billing?.points).toBe('472.2,50.0 972.2,0.0');
    expect(sales?.points).toBe('1000.0,80.0');
    expect(wb.chartMax).toBe(10);
  });

  it('carries each queue’s names to the chart and to other views', () => {
    const wb = new Wallboard();
    const names = { 'zh-CN': '账单服务', en: 'Billing' };
    wb.load([stats('billing', 0, { names })], [stats('billing', 0, { names })]);
    expect(wb.series(100, 10)[0]?.names).toEqual(names);
    expect(wb.namesOf('billing')).toEqual(names);
    expect(wb.namesOf('sales')).toEqual({});
  });
});
