import { headerKey } from './csv-table.js';

/** The column names a list may use for the fields the dialer itself needs. */
export type ContactField = 'phone' | 'name' | 'timezone' | 'account';

const ALIASES: Record<ContactField, string[]> = {
  phone: [
    'phone',
    'phone number',
    'number',
    'mobile',
    'tel',
    'telephone',
    '电话',
    '手机',
    '手机号',
    '电话号码',
    '号码',
  ],
  name: ['name', 'full name', 'customer', 'customer name', '姓名', '名字', '客户', '客户名称'],
  timezone: ['timezone', 'time zone', 'tz', '时区'],
  account: ['account', 'account number', 'account no', '账号', '账户'],
};

const FIELD_BY_KEY = new Map<string, ContactField>(
  (Object.entries(ALIASES) as [ContactField, string[]][]).flatMap(([field, names]) =>
    names.map((n): [string, ContactField] => [headerKey(n), field]),
  ),
);

export function columnField(headerName: string): ContactField | undefined {
  return FIELD_BY_KEY.get(headerKey(headerName));
}
