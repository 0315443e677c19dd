/**
 * The CRM API routes the console calls, answered from fixtures in the CRM API's shapes
 * (server/api): login/logout with the `cc_session` cookie, knowledge, complaint categories,
 * customers and timeline, the queue report as JSON or CSV, and a recording's audio (a generated
 * WAV, each play added to an audit list, as the server's recordings route does).
 */
import { Router, type Request, type Response, type NextFunction } from 'express';
import type {
  ComplaintCategoryInfo,
  CustomerDetail,
  KnowledgeEntry,
  QueueReportRow,
  SessionUser,
  TimelineEntry,
} from '../../../../server/contracts/index.js';
import { readBearer, readCookie } from '../../../../server/gateway/session-token.js';
import type { FakeCenter } from '../../../integration/gateway/support/fake-center.js';

export interface FakeCrmData {
  users: { username: string; password: string; user: SessionUser }[];
  knowledge: KnowledgeEntry[];
  customers: CustomerDetail[];
  timeline: Record<string, TimelineEntry[]>;
  categories: ComplaintCategoryInfo[];
  report: QueueReportRow[];
}

export interface FakeCrm {
  router: Router;
  /** Recording plays, as the server's audit log would hold them. */
  audit: { userId: string; recording: string }[];
  /** Called after a logout, with the user whose sockets must close. */
  onLogout: (userId: string) => void;
}

export function fakeCrm(center: FakeCenter, data: FakeCrmData): FakeCrm {
  const router = Router();
  const crm: FakeCrm = { router, audit: [], onLogout: () => undefined };
  const tokenOf = (req: Request) =>
    readBearer(req.headers.authorization) ?? readCookie(req.headers.cookie, 'cc_session');

  router.post('/auth/login', async (req, res) => {
    const { username, password } = (req.body ?? {}) as { username?: string; password?: string };
    const found = data.users.find((u) => u.username === username && u.password === password);
    if (!found) {
      res.status(401).json({ error: 'invalid_credentials', message: 'wrong username or password' });
      return;
    }
    const token = await center.login(found.user);
    res.cookie('cc_session', token, { httpOnly: true, sameSite: 'lax', path: '/' });
    res.json({ token, user: found.user });
  });

  router.post('/auth/logout', async (req, res) => {
    const token = tokenOf(req);
    const user = token ? await center.sessions.verify(token) : null;
    if (token) await center.revoke(token);
    res.clearCookie('cc_session', { path: '/' });
    if (user) crm.onLogout(user.userId);
    res.json({ ok: true });
  });

  const requireSession = (req: Request, res: Response, next: NextFunction) => {
    const token = tokenOf(req);
    void (token ? center.sessions.verify(token) : Promise.resolve(null)).then((user) => {
      if (!user) {
        res.status(401).json({ error: 'no_session', message: 'log in first' });
        return;
      }
      res.locals.user = user;
      next();
    });
  };

  router.get('/knowledge', requireSession, (req, res) => {
    const { category, lang } = req.query as Record<string, string | undefined>;
    res.json({
      items: data.knowledge.filter(
        (k) => (!category || k.category === category) && (!lang || k.language === lang),
      ),
    });
  });

  router.get('/complaints/categories', requireSession, (_req, res) => {
    res.json({ items: data.categories });
  });

  const queryText = (req: Request) =>
    (typeof req.query.q === 'string' ? req.query.q : '').toLowerCase();

  router.get('/customers', requireSession, (req, res) => {
    const q = queryText(req);
    const items = data.customers
      .filter(
        (c) =>
          c.name.toLowerCase().includes(q) ||
          c.phones.some((p) => p.e164.includes(q)) ||
          (c.accountNumber ?? '').toLowerCase().includes(q),
      )
      .map(({ accounts: _accounts, ...customer }) => customer);
    res.json({ items });
  });

  router.get('/customers/:id', requireSession, (req, res) => {
    const id = String(req.params.id);
    const c = data.customers.find((x) => String(x.id) === id);
    if (!c) res.status(404).json({ error: 'not_found', message: `no customer ${id}` });
    else res.json(c);
  });

  router.get('/customers/:id/timeline', requireSession, (req, res) => {
    res.json({ items: data.timeline[String(req.params.id)] ?? [], nextCursor: null });
  });

  router.get('/recordings/:name', requireSession, (req, res) => {
    const user = res.locals.user as SessionUser;
    crm.audit.push({ userId: user.userId, recording: String(req.params.name) });
    res.type('audio/wav').send(toneWav(1, 440));
  });

  router.get('/reports/queues', requireSession, (req, res) => {
    const { from, to, format } = req.query as Record<string, string | undefined>;
    if (!from || !to || Number.isNaN(Date.parse(from)) || Number.isNaN(Date.parse(to))) {
      res.status(400).json({ error: 'invalid_input', message: 'from and to must be ISO times' });
      return;
    }
    if (format === 'csv') {
      const head = 'key,offered,answered,abandoned,service_level,asa,aht';
      const lines = data.report.map((r) =>
        [r.key, r.offered, r.answered, r.abandoned, r.serviceLevel, r.asa, r.aht].join(','),
      );
      res
        .type('text/csv')
        .attachment('queues.csv')
        .send([head, ...lines].join('\n') + '\n');
      return;
    }
    res.json({ from, to, threshold: 20, rows: data.report });
  });

  return crm;
}

/** A mono 8 kHz 16-bit WAV of a sine tone. */
function toneWav(seconds: number, hz: number): Buffer {
  const rate = 8000;
  const samples = rate * seconds;
  const buf = Buffer.alloc(44 + samples * 2);
  buf.write('RIFF', 0);
  buf.writeUInt32LE(36 + samples * 2, 4);
  buf.write('WAVEfmt ', 8);
  buf.writeUInt32LE(16, 16);
  buf.writeUInt16LE(1, 20);
  buf.writeUInt16LE(1, 22);
  buf.writeUInt32LE(rate, 24);
  buf.writeUInt32LE(rate * 2, 28);
  buf.writeUInt16LE(2, 32);
  buf.writeUInt16LE(16, 34);
  buf.write('data', 36);
  buf.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++) {
    buf.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 8000), 44 + i * 2);
  }
  return buf;
}
