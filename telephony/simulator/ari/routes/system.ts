import { AriHttpError, badRequest, conflict, notFound } from '../../errors.js';
import { bridgeApps, now, publish } from '../../events.js';
import { channelJson } from '../../snapshots.js';
import { ariTimestamp } from '../../timestamp.js';
import type { Ctx } from '../../context.js';
import { noContent, ok, pathParam, query, type Route } from '../route.js';

/** Applications, asterisk, endpoints, sounds, deviceStates, mailboxes and events resources. */

export const ASTERISK_VERSION = '22.10.1';

function applicationJson(ctx: Ctx, name: string) {
  return {
    name,
    channel_ids: [...ctx.state.channels.values()]
      .filter((c) => c.subscribers.has(name) && !c.hangingUp)
      .map((c) => c.id),
    bridge_ids: [...ctx.state.bridges.values()]
      .filter((b) => bridgeApps(b).includes(name))
      .map((b) => b.id),
    endpoint_ids: [],
    device_names: [],
    events_allowed: [],
    events_disallowed: [],
  };
}

function endpointsJson(ctx: Ctx) {
  const all = [...ctx.config.pjsipEndpoints, ...ctx.config.trunks];
  return all.map((resource) => {
    const behaviour = ctx.behaviours.get(`PJSIP/${resource}`);
    return {
      technology: 'PJSIP',
      resource,
      state: behaviour?.answer === 'fail' ? 'offline' : 'online',
      channel_ids: [...ctx.state.channels.values()]
        .filter((c) => c.name.startsWith(`PJSIP/${resource}-`))
        .map((c) => c.id),
    };
  });
}

const DEVICE_STATES = [
  'NOT_INUSE',
  'INUSE',
  'BUSY',
  'INVALID',
  'UNAVAILABLE',
  'RINGING',
  'RINGINUSE',
  'ONHOLD',
];

const route =
  (resource: Route['resource']) =>
  (rt: Omit<Route, 'resource'>): Route => ({ resource, ...rt });
const app = route('applications');
const ast = route('asterisk');
const ep = route('endpoints');
const snd = route('sounds');
const dev = route('deviceStates');
const mbx = route('mailboxes');
const evt = route('events');

export const systemRoutes: Route[] = [
  app({
    path: '/applications',
    pathDescription: 'Stasis applications',
    method: 'GET',
    nickname: 'list',
    summary: 'List all applications.',
    responseClass: 'List[Application]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok([...ctx.state.knownApps].map((n) => applicationJson(ctx, n))),
  }),
  app({
    path: '/applications/{applicationName}',
    pathDescription: 'Stasis application',
    method: 'GET',
    nickname: 'get',
    summary: 'Get details of an application.',
    responseClass: 'Application',
    params: [pathParam('applicationName', "Application's name")],
    errors: [{ code: 404, reason: 'Application does not exist.' }],
    handle: (a, ctx) => {
      const name = a.str('applicationName');
      if (!ctx.state.knownApps.has(name)) throw notFound('Application');
      return ok(applicationJson(ctx, name));
    },
  }),
  ast({
    path: '/asterisk/info',
    pathDescription: 'Asterisk system information (similar to core show settings)',
    method: 'GET',
    nickname: 'getInfo',
    summary: 'Gets Asterisk system information.',
    responseClass: 'AsteriskInfo',
    params: [
      query('only', 'Filter information returned', {
        allowMultiple: true,
        allowableValues: ['build', 'system', 'config', 'status'],
      }),
    ],
    errors: [],
    handle: (a, ctx) => {
      const startup = ariTimestamp(ctx.state.bootEpoch * 1000);
      const info: Record<string, unknown> = {
        build: {
          os: 'Linux',
          kernel: 'simulated',
          machine: 'x86_64',
          options: '',
          date: '',
          user: 'simulator',
        },
        system: { version: ASTERISK_VERSION, entity_id: ctx.config.asteriskId },
        config: {
          name: 'pbx-simulator',
          default_language: 'en',
          setid: { user: 'asterisk', group: 'asterisk' },
        },
        status: { startup_time: startup, last_reload_time: startup },
      };
      const only = a.list('only');
      return ok(
        only.length
          ? Object.fromEntries(Object.entries(info).filter(([k]) => only.includes(k)))
          : info,
      );
    },
  }),
  ast({
    path: '/asterisk/ping',
    pathDescription: 'Asterisk ping',
    method: 'GET',
    nickname: 'ping',
    summary: 'Response pong message.',
    responseClass: 'AsteriskPing',
    params: [],
    errors: [],
    handle: (_a, ctx) =>
      ok({ asterisk_id: ctx.config.asteriskId, ping: 'pong', timestamp: now(ctx) }),
  }),
  ast({
    path: '/asterisk/variable',
    pathDescription: 'Global variables',
    method: 'GET',
    nickname: 'getGlobalVar',
    summary: 'Get the value of a global variable.',
    responseClass: 'Variable',
    params: [query('variable', 'The variable to get', { required: true })],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
    handle: (a, ctx) => ok({ value: ctx.state.globalVars.get(a.str('variable')) ?? '' }),
  }),
  ast({
    path: '/asterisk/variable',
    pathDescription: 'Global variables',
    method: 'POST',
    nickname: 'setGlobalVar',
    summary: 'Set the value of a global variable.',
    responseClass: 'void',
    params: [
      query('variable', 'The variable to set', { required: true }),
      query('value', 'The value to set the variable to'),
    ],
    errors: [{ code: 400, reason: 'Missing variable parameter.' }],
    handle: (a, ctx) => {
      ctx.state.globalVars.set(a.str('variable'), a.opt('value') ?? '');
      return noContent();
    },
  }),
  ep({
    path: '/endpoints',
    pathDescription: 'Asterisk endpoints',
    method: 'GET',
    nickname: 'list',
    summary: 'List all endpoints.',
    responseClass: 'List[Endpoint]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok(endpointsJson(ctx)),
  }),
  ep({
    path: '/endpoints/{tech}',
    pathDescription: 'Asterisk endpoints',
    method: 'GET',
    nickname: 'listByTech',
    summary: 'List available endoints for a given endpoint technology.',
    responseClass: 'List[Endpoint]',
    params: [pathParam('tech', 'Technology of the endpoints (pjsip,iax2,...)')],
    errors: [{ code: 404, reason: 'Endpoints not found' }],
    handle: (a, ctx) => {
      if (a.str('tech').toUpperCase() !== 'PJSIP') throw notFound('Endpoints');
      return ok(endpointsJson(ctx));
    },
  }),
  ep({
    path: '/endpoints/{tech}/{resource}',
    pathDescription: 'Single endpoint',
    method: 'GET',
    nickname: 'get',
    summary: 'Details for an endpoint.',
    responseClass: 'Endpoint',
    params: [
      pathParam('tech', 'Technology of the endpoint'),
      pathParam('resource', 'ID of the endpoint'),
    ],
    errors: [
      { code: 400, reason: 'Invalid parameters for sending a message.' },
      { code: 404, reason: 'Endpoints not found' },
    ],
    handle: (a, ctx) => {
      const found = endpointsJson(ctx).find(
        (e) => e.technology === a.str('tech').toUpperCase() && e.resource === a.str('resource'),
      );
      if (!found) throw notFound('Endpoint');
      return ok(found);
    },
  }),
  snd({
    path: '/sounds',
    pathDescription: 'Sounds',
    method: 'GET',
    nickname: 'list',
    summary: 'List all sounds.',
    responseClass: 'List[Sound]',
    params: [
      query('lang', 'Lookup sound for a specific language.'),
      query('format', 'Lookup sound in a specific format.'),
    ],
    errors: [],
    handle: (_a, ctx) =>
      ok(
        ctx.sounds
          .list()
          .map((s) => ({ id: s.name, text: '', formats: [{ language: 'en', format: 'wav' }] })),
      ),
  }),
  snd({
    path: '/sounds/{soundId}',
    pathDescription: 'Individual sound',
    method: 'GET',
    nickname: 'get',
    summary: "Get a sound's details.",
    responseClass: 'Sound',
    params: [pathParam('soundId', "Sound's id")],
    errors: [],
    handle: (a, ctx) => {
      const s = ctx.sounds.list().find((x) => x.name === a.str('soundId'));
      if (!s) throw notFound('Sound');
      return ok({ id: s.name, text: '', formats: [{ language: 'en', format: 'wav' }] });
    },
  }),
  dev({
    path: '/deviceStates',
    pathDescription: 'Device states',
    method: 'GET',
    nickname: 'list',
    summary: 'List all ARI controlled device states.',
    responseClass: 'List[DeviceState]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok([...ctx.state.deviceStates].map(([name, state]) => ({ name, state }))),
  }),
  dev({
    path: '/deviceStates/{deviceName}',
    pathDescription: 'Device state',
    method: 'GET',
    nickname: 'get',
    summary: 'Retrieve the current state of a device.',
    responseClass: 'DeviceState',
    params: [pathParam('deviceName', 'Name of the device')],
    errors: [],
    handle: (a, ctx) => {
      const name = a.str('deviceName');
      return ok({ name, state: ctx.state.deviceStates.get(name) ?? 'UNKNOWN' });
    },
  }),
  dev({
    path: '/deviceStates/{deviceName}',
    pathDescription: 'Device state',
    method: 'PUT',
    nickname: 'update',
    summary: 'Change the state of a device controlled by ARI.',
    responseClass: 'void',
    params: [
      pathParam('deviceName', 'Name of the device'),
      query('deviceState', 'Device state value', {
        required: true,
        allowableValues: DEVICE_STATES,
      }),
    ],
    errors: [
      { code: 404, reason: 'Device name is missing' },
      { code: 409, reason: 'Uncontrolled device specified' },
    ],
    handle: (a, ctx) => {
      const name = a.str('deviceName');
      if (!name.startsWith('Stasis:')) throw conflict('Uncontrolled device specified');
      ctx.state.deviceStates.set(name, a.str('deviceState'));
      return noContent();
    },
  }),
  dev({
    path: '/deviceStates/{deviceName}',
    pathDescription: 'Device state',
    method: 'DELETE',
    nickname: 'delete',
    summary: 'Destroy a device-state controlled by ARI.',
    responseClass: 'void',
    params: [pathParam('deviceName', 'Name of the device')],
    errors: [
      { code: 404, reason: 'Device name is missing' },
      { code: 409, reason: 'Uncontrolled device specified' },
    ],
    handle: (a, ctx) => {
      if (!ctx.state.deviceStates.delete(a.str('deviceName'))) throw notFound('Device');
      return noContent();
    },
  }),
  mbx({
    path: '/mailboxes',
    pathDescription: 'Mailboxes',
    method: 'GET',
    nickname: 'list',
    summary: 'List all mailboxes.',
    responseClass: 'List[Mailbox]',
    params: [],
    errors: [],
    handle: (_a, ctx) => ok([...ctx.state.mailboxes].map(([name, m]) => ({ name, ...m }))),
  }),
  mbx({
    path: '/mailboxes/{mailboxName}',
    pathDescription: 'Mailbox state',
    method: 'GET',
    nickname: 'get',
    summary: 'Retrieve the current state of a mailbox.',
    responseClass: 'Mailbox',
    params: [pathParam('mailboxName', 'Name of the mailbox')],
    errors: [{ code: 404, reason: 'Mailbox not found' }],
    handle: (a, ctx) => {
      const name = a.str('mailboxName');
      const m = ctx.state.mailboxes.get(name);
      if (!m) throw notFound('Mailbox');
      return ok({ name, ...m });
    },
  }),
  mbx({
    path: '/mailboxes/{mailboxName}',
    pathDescription: 'Mailbox state',
    method: 'PUT',
    nickname: 'update',
    summary: 'Change the state of a mailbox.',
    responseClass: 'void',
    params: [
      pathParam('mailboxName', 'Name of the mailbox'),
      query('oldMessages', 'Count of old messages in the mailbox', {
        required: true,
        dataType: 'int',
      }),
      query('newMessages', 'Count of new messages in the mailbox', {
        required: true,
        dataType: 'int',
      }),
    ],
    errors: [{ code: 404, reason: 'Mailbox not found' }],
    handle: (a, ctx) => {
      ctx.state.mailboxes.set(a.str('mailboxName'), {
        old_messages: a.int('oldMessages') ?? 0,
        new_messages: a.int('newMessages') ?? 0,
      });
      return noContent();
    },
  }),
  mbx({
    path: '/mailboxes/{mailboxName}',
    pathDescription: 'Mailbox state',
    method: 'DELETE',
    nickname: 'delete',
    summary: 'Destroy a mailbox.',
    responseClass: 'void',
    params: [pathParam('mailboxName', 'Name of the mailbox')],
    errors: [{ code: 404, reason: 'Mailbox not found' }],
    handle: (a, ctx) => {
      if (!ctx.state.mailboxes.delete(a.str('mailboxName'))) throw notFound('Mailbox');
      return noContent();
    },
  }),
  evt({
    path: '/events',
    pathDescription: 'Events from Asterisk to applications',
    method: 'GET',
    nickname: 'eventWebsocket',
    summary: 'WebSocket connection for events.',
    responseClass: 'Message',
    params: [
      query('app', 'Applications to subscribe to.', { required: true, allowMultiple: true }),
      query('subscribeAll', 'Subscribe to all Asterisk events.', { dataType: 'boolean' }),
    ],
    errors: [],
    handle: () => {
      throw new AriHttpError(400, 'This resource requires a WebSocket upgrade');
    },
  }),
  evt({
    path: '/events/user/{eventName}',
    pathDescription: 'Stasis application user events',
    method: 'POST',
    nickname: 'userEvent',
    summary: 'Generate a user event.',
    responseClass: 'void',
    params: [
      pathParam('eventName', 'Event name'),
      query('application', 'The name of the application that will receive this event', {
        required: true,
      }),
      query('source', 'URI for event source (channel:{channelId}, bridge:{bridgeId}, ...)', {
        allowMultiple: true,
      }),
      {
        name: 'variables',
        description:
          'The "variables" key in the body object holds custom key/value pairs to add to the user event.',
        paramType: 'body',
        required: false,
        allowMultiple: false,
        dataType: 'containers',
      },
    ],
    errors: [
      { code: 404, reason: 'Application does not exist.' },
      { code: 422, reason: 'Event source not found.' },
      { code: 400, reason: 'Invalid even tsource URI or userevent data.' },
    ],
    handle: (a, ctx) => {
      const application = a.str('application');
      if (!ctx.state.knownApps.has(application)) throw notFound('Application');
      const extra: Record<string, unknown> = {};
      for (const source of a.list('source')) {
        const [kind, id = ''] = source.split(':');
        if (kind === 'channel') {
          const ch = ctx.state.channels.get(id);
          if (!ch) throw new AriHttpError(422, 'Event source not found');
          extra.channel = channelJson(ch);
        } else throw badRequest(`Invalid event source URI: ${source}`);
      }
      const vars = (a.body as { variables?: unknown } | undefined)?.variables ?? {};
      publish(ctx, [application], {
        type: 'ChannelUserevent',
        timestamp: now(ctx),
        eventname: a.str('eventName'),
        ...extra,
        userevent: vars,
      });
      return noContent();
    },
  }),
];
