import { describe, expect, it } from 'vitest';
import { importContacts, importDncList, OutboundError } from '../../../outbound/index.js';

const options = { defaultTimezone: 'Asia/Shanghai' };

function csvError(fn: () => unknown): OutboundError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(OutboundError);
    expect((err as OutboundError).code).toBe('invalid_csv');
    return err as OutboundError;
  }
  throw new Error('expected the file to be refused');
}

describe('contact list import', () => {
  const file = [
    '\uFEFFname,phone,timezone,account,plan,city',
    '张三,13800138000,,A-1001,gold,上海',
    '李四,+1 212 555 0100,America/New_York,A-1002,,New York',
    'Bad Zone,13900139000,Asia/Atlantis,A-1003,,',
    'No Phone,,,A-1004,,',
    '王五,12345,,A-1005,,',
    '张三 (dup),138 0013 8000,,,silver,北京',
    'Too,13700137000,,A-1006,x,y,extra',
    '',
    '"赵六",13600136000,Asia/Shanghai,A-1007,,"深圳,南山"',
  ].join('\r\n');

  it('returns the good rows with E.164 numbers, Chinese names and extra columns as data', () => {
    const { contacts } = importContacts(file, options);
    expect(contacts.map((c) => c.phone)).toEqual([
      '+8613800138000',
      '+12125550100',
      '+8613600136000',
    ]);
    expect(contacts[0]).toEqual({
      phone: '+8613800138000',
      name: '张三',
      timezone: 'Asia/Shanghai',
      account: 'A-1001',
      data: { plan: 'gold', city: '上海' },
      line: 2,
    });
    expect(contacts[1]?.timezone).toBe('America/New_York');
    expect(contacts[2]).toMatchObject({ name: '赵六', line: 10, data: { city: '深圳,南山' } });
  });

  it('reports every bad row with its line number and the reason', () => {
    const { rejected } = importContacts(file, options);
    expect(rejected.map((r) => r.line)).toEqual([4, 5, 6, 8]);
    expect(rejected[0]?.reason).toMatch(/time zone "Asia\/Atlantis"/);
    expect(rejected[1]?.reason).toMatch(/empty/);
    expect(rejected[2]?.reason).toMatch(/"12345" is not a valid number/);
    expect(rejected[3]?.reason).toMatch(/7 fields but the header has 6/);
  });

  it('merges a second row with the same number into the first and reports it', () => {
    const { contacts, merged } = importContacts(file, options);
    expect(merged).toEqual([
      {
        phone: '+8613800138000',
        keptLine: 2,
        mergedLines: [7],
        conflicts: ['name', 'plan', 'city'],
      },
    ]);
    // The first row wins; it keeps its own values.
    expect(contacts[0]?.data).toEqual({ plan: 'gold', city: '上海' });
  });

  it('fills what the first row left empty from the duplicate', () => {
    const csv = 'phone,name,timezone,note\n13800138000,,,\n13800138000,张三,Europe/London,VIP\n';
    const { contacts, merged } = importContacts(csv, options);
    expect(contacts).toEqual([
      {
        phone: '+8613800138000',
        name: '张三',
        timezone: 'Europe/London',
        account: null,
        data: { note: 'VIP' },
        line: 2,
      },
    ]);
    expect(merged[0]?.conflicts).toEqual([]);
  });

  it('skips numbers on the do-not-call list and says which', () => {
    const dnc = new Set(['+12125550100']);
    const { contacts, skippedDnc } = importContacts(file, { ...options, dnc });
    expect(contacts.map((c) => c.phone)).not.toContain('+12125550100');
    expect(skippedDnc).toEqual([{ phone: '+12125550100', line: 3 }]);
  });

  it('reads Chinese column names and a file without BOM, with the default region for bare numbers', () => {
    const csv = '姓名,手机,账号\n张三,13800138000,A-1\nJohn,2125550100,A-2\n';
    const cn = importContacts(csv, options);
    expect(cn.contacts[0]).toMatchObject({ name: '张三', phone: '+8613800138000', account: 'A-1' });
    // Read in China, 2125550100 is a Shanghai fixed line (021 2555 0100).
    expect(cn.contacts[1]?.phone).toBe('+862125550100');
    const us = importContacts(csv, { ...options, defaultRegion: 'US' });
    expect(us.contacts.map((c) => c.phone)).toEqual(['+12125550100']);
    expect(us.rejected.map((r) => r.line)).toEqual([2]);
  });

  it('accepts the file as UTF-8 bytes with a BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFphone,name\n13800138000,张三\n');
    expect(importContacts(bytes, options).contacts[0]?.name).toBe('张三');
  });

  it('gives the starting line of a row whose quoted field spans lines', () => {
    const csv = 'phone,note\n13800138000,"line one\nline two"\n12345,x\n';
    const { contacts, rejected } = importContacts(csv, options);
    expect(contacts[0]?.data.note).toBe('line one\nline two');
    expect(rejected).toEqual([{ line: 4, reason: expect.stringMatching(/12345/) as unknown }]);
  });

  it('refuses a file that is not UTF-8 (a GBK export), saying how to fix it', () => {
    const gbk = Uint8Array.from([0x70, 0x68, 0x6f, 0x6e, 0x65, 0x0a, 0xd5, 0xc5, 0xc8, 0xfd, 0x0a]);
    expect(csvError(() => importContacts(gbk, options)).message).toMatch(/CSV UTF-8/);
  });

  it('refuses a file without a phone column, an empty file, a broken quote and duplicate headers', () => {
    expect(csvError(() => importContacts('name,city\nA,B\n', options)).message).toMatch(
      /no phone column/,
    );
    expect(csvError(() => importContacts('', options)).message).toMatch(/empty/);
    expect(csvError(() => importContacts('phone,name\n"13800138000,x\n', options)).message).toMatch(
      /cannot be read/,
    );
    expect(csvError(() => importContacts('phone,Phone\n1,2\n', options)).message).toMatch(
      /same name/,
    );
  });

  it('refuses more rows than allowed in one upload', () => {
    const csv = 'phone\n' + '13800138000\n'.repeat(6);
    expect(csvError(() => importContacts(csv, { ...options, maxRows: 5 })).message).toMatch(
      /at most 5/,
    );
  });

  it('refuses a default zone that is not an IANA zone', () => {
    expect(() => importContacts('phone\n13800138000\n', { defaultTimezone: 'Beijing' })).toThrow(
      /not an IANA time zone/,
    );
  });
});

describe('do-not-call list import', () => {
  it('reads a phone column by its header, ignoring other columns, de-duplicating numbers', () => {
    const csv =
      '\uFEFFreason,电话\nasked,13800138000\nasked,+86 138 0013 8000\nx,not-a-number\nasked,2125550100\n';
    const r = importDncList(csv);
    expect(r.numbers).toEqual(['+8613800138000', '+862125550100']);
    expect(r.duplicates).toBe(1);
    expect(r.rejected).toEqual([
      { line: 4, reason: expect.stringMatching(/not-a-number/) as unknown },
    ]);
  });

  it('reads a bare list of numbers without a header', () => {
    const r = importDncList('13800138000\n13900139000\n', { defaultRegion: 'CN' });
    expect(r.numbers).toEqual(['+8613800138000', '+8613900139000']);
    expect(r.rejected).toEqual([]);
  });

  it('refuses a file whose first row is neither a phone header nor a number', () => {
    expect(() => importDncList('customer,reason\nA,B\n')).toThrow(/no phone column/);
  });
});
