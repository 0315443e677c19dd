/** A fetch stand-in that answers by method and path, and records the requests. */
import { ApiClient } from '../../../../agent-ui/src/lib/api.js';

export interface Recorded {
  method: string;
  url: string;
  body: unknown;
}

/** JSON bodies parsed; anything else (a CSV upload) kept as its text. */
function parseBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export type Route = (req: Recorded) => { status: number; body: unknown } | 'network-down';

export function fakeApi(routes: Record<string, Route>): { api: ApiClient; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const api = new ApiClient((input, init) => {
    const method = init?.method ?? 'GET';
    const req: Recorded = {
      method,
      url: input,
      body: typeof init?.body === 'string' ? parseBody(init.body) : undefined,
    };
    requests.push(req);
    const path = new URL(input, 'http://console.test').pathname;
    const route = routes[`${method} ${path}`];
    if (!route)
      return Promise.resolve(
        new Response('{"error":"not_found","message":"no route"}', { status: 404 }),
      );
    const answer = route(req);
    if (answer === 'network-down') return Promise.reject(new TypeError('Failed to fetch'));
    // A 204 has no body (the Response constructor refuses one).
    if (answer.status === 204) return Promise.resolve(new Response(null, { status: 204 }));
    return Promise.resolve(
      new Response(JSON.stringify(answer.body), {
        status: answer.status,
        headers: { 'content-type': 'application/json' },
      }),
    );
  });
  return { api, requests };
}
