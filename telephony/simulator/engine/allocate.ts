import type { Ctx } from '../context.js';
import { AriHttpError, conflict } from '../errors.js';
import type { CallerId, SimChannel } from '../state.js';
import { APP_DIAL, newChannel, newLocalPair } from './channels.js';

export interface Allocated {
  primary: SimChannel;
  /** The `;2` half when the endpoint is a Local channel. */
  partner?: SimChannel;
  /** What Dial events report as `dialstring`: the endpoint without its technology. */
  dialstring: string;
}

const allocationFailed = () => new AriHttpError(500, 'Allocation failed', 'error');

/**
 * Creates the channel(s) for `TECH/resource`, or fails the way Asterisk's originate does for a
 * technology or endpoint it cannot reach: 500 {"error":"Allocation failed"}.
 * Known: `Local/<exten>@<context>` for a context in the dialplan, `PJSIP/<endpoint>` for a
 * configured endpoint, `PJSIP/<number>@<trunk>` for a configured trunk.
 */
export function allocate(
  ctx: Ctx,
  endpoint: string,
  opts: { channelId?: string; otherChannelId?: string; caller?: CallerId },
): Allocated {
  for (const id of [opts.channelId, opts.otherChannelId]) {
    if (id !== undefined && ctx.state.channels.has(id)) {
      throw conflict('Channel with given unique ID already exists');
    }
  }
  const slash = endpoint.indexOf('/');
  const tech = endpoint.slice(0, slash);
  const resource = endpoint.slice(slash + 1);
  if (slash <= 0 || resource === '') throw allocationFailed();
  if (tech.toLowerCase() === 'local') {
    const m = /^([^@/]+)@([^/]+)(?:\/\w+)?$/.exec(resource);
    if (!m || !ctx.dialplan.has(m[2]!)) throw allocationFailed();
    const { one, two } = newLocalPair(ctx, m[1]!, m[2]!, {
      ...(opts.channelId ? { one: opts.channelId } : {}),
      ...(opts.otherChannelId ? { two: opts.otherChannelId } : {}),
      ...(opts.caller ? { caller: opts.caller } : {}),
    });
    return { primary: one, partner: two, dialstring: resource };
  }
  if (tech.toUpperCase() === 'PJSIP') {
    const at = resource.indexOf('@');
    const device = at < 0 ? resource : resource.slice(at + 1);
    const known =
      at < 0 ? ctx.config.pjsipEndpoints.includes(device) : ctx.config.trunks.includes(device);
    if (!known || at === 0) throw allocationFailed();
    const ch = newChannel(ctx, {
      ...(opts.channelId ? { id: opts.channelId } : {}),
      name: `PJSIP/${device}-${ctx.state.nextTechSuffix('PJSIP')}`,
      kind: 'pjsip',
      state: 'Down',
      ...(opts.caller ? { caller: opts.caller } : {}),
      endpoint: `PJSIP/${resource}`,
      dialplan: { context: 'default', exten: 's', priority: 1, ...APP_DIAL },
    });
    return { primary: ch, dialstring: resource };
  }
  throw allocationFailed();
}
