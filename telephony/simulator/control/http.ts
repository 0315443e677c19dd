import { z } from 'zod';
import { SimulatorError } from '../errors.js';
import type { PbxControl } from './api.js';

/**
 * The control API over HTTP, under /control. Bodies are JSON; errors are
 * `{"error": code, "message": ...}` with 400/404/409.
 */
export interface ControlReply {
  status: number;
  body?: unknown;
}

const call = z.object({
  from: z.string().min(1),
  to: z.string().min(1).optional(),
  callerName: z.string().optional(),
  context: z.string().min(1).optional(),
  variables: z.record(z.string(), z.string()).optional(),
});
const dtmf = z.object({ digits: z.string().min(1), gapMs: z.number().min(0).optional() });
const cause = z.object({ cause: z.number().int().min(0).max(127).optional() });
const endpoint = z.object({
  answer: z.enum(['answer', 'no-answer', 'busy', 'fail', 'manual']),
  delayMs: z.number().min(0).optional(),
  amd: z.enum(['HUMAN', 'MACHINE', 'NOTSURE', 'HANGUP']).optional(),
});
const sound = z.object({ durationMs: z.number().positive() });
const drop = z.object({
  app: z.string().min(1).optional(),
  refuseMs: z.number().min(0).optional(),
});
const restart = z.object({
  mode: z.enum(['connection-loss', 'full']),
  downMs: z.number().min(0).optional(),
});

function parse<T>(schema: z.ZodType<T>, body: unknown): T {
  const r = schema.safeParse(body ?? {});
  if (!r.success) {
    const issue = r.error.issues[0];
    const where = issue?.path.length ? issue.path.join('.') : 'body';
    throw new SimulatorError('invalid', `${where}: ${issue?.message ?? 'invalid'}`);
  }
  return r.data;
}

export async function handleControl(
  control: PbxControl,
  method: string,
  path: string,
  body: unknown,
): Promise<ControlReply> {
  try {
    return await route(control, method, path, body);
  } catch (err) {
    if (err instanceof SimulatorError)
      return { status: err.status, body: { error: err.code, message: err.message } };
    throw err;
  }
}

async function route(
  control: PbxControl,
  method: string,
  path: string,
  body: unknown,
): Promise<ControlReply> {
  const seg = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [head, id, action] = seg;
  if (method === 'POST' && path === '/calls') {
    const c = parse(call, body);
    return { status: 201, body: await control.placeCall(dropUndefined(c)) };
  }
  if (head === 'channels' && id) {
    if (method === 'POST' && action === 'dtmf') {
      const d = parse(dtmf, body);
      control.pressKeys(id, d.digits, d.gapMs);
      return { status: 202, body: {} };
    }
    if (method === 'POST' && action === 'hangup') {
      control.hangup(id, parse(cause, body).cause);
      return { status: 204 };
    }
    if (method === 'POST' && action === 'answer') {
      control.answer(id);
      return { status: 204 };
    }
    if (method === 'POST' && action === 'reject') {
      control.reject(id, parse(cause, body).cause);
      return { status: 204 };
    }
    if (method === 'GET' && action === 'heard') return { status: 200, body: control.heard(id) };
  }
  if (head === 'endpoints') {
    const name = seg.slice(1).join('/');
    if (method === 'GET' && !name) return { status: 200, body: control.endpoints() };
    if (method === 'PUT' && name)
      return { status: 200, body: control.setEndpoint(name, dropUndefined(parse(endpoint, body))) };
    if (method === 'DELETE' && name) {
      control.clearEndpoint(name);
      return { status: 204 };
    }
  }
  if (head === 'sounds' && seg.length > 1) {
    const name = seg.slice(1).join('/');
    if (method === 'PUT') {
      control.setSound(name, parse(sound, body).durationMs);
      return { status: 204 };
    }
    if (method === 'DELETE') {
      control.removeSound(name);
      return { status: 204 };
    }
  }
  if (method === 'POST' && path === '/ws/drop')
    return { status: 200, body: control.dropWebSocket(dropUndefined(parse(drop, body))) };
  if (method === 'POST' && path === '/restart') {
    control.restart(dropUndefined(parse(restart, body)));
    return { status: 204 };
  }
  if (method === 'GET' && path === '/state') return { status: 200, body: control.state() };
  throw new SimulatorError('not-found', `no control route ${method} /control${path}`);
}

/** zod's optional keys come back as `undefined`; the control API wants them absent. */
function dropUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
