export type SupervisorTab = 'wallboard' | 'agents' | 'recordings' | 'reports' | 'campaigns';

export type Route =
  | { view: 'console' }
  | { view: 'customers' }
  | { view: 'customer'; id: string }
  | { view: 'supervisor'; tab: SupervisorTab };

export const SUPERVISOR_TABS: readonly SupervisorTab[] = [
  'wallboard',
  'agents',
  'recordings',
  'reports',
  'campaigns',
];

export function parseRoute(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  const [first, second] = parts;
  if (first === 'customers' && second) return { view: 'customer', id: decodeURIComponent(second) };
  if (first === 'customers') return { view: 'customers' };
  if (first === 'supervisor') {
    const tab = SUPERVISOR_TABS.find((t) => t === second) ?? 'wallboard';
    return { view: 'supervisor', tab };
  }
  return { view: 'console' };
}

export function routeHash(route: Route): string {
  switch (route.view) {
    case 'console':
      return '#/console';
    case 'customers':
      return '#/customers';
    case 'customer':
      return `#/customers/${encodeURIComponent(route.id)}`;
    case 'supervisor':
      return `#/supervisor/${route.tab}`;
  }
}

/** Which page is shown, kept in the URL hash so that reload and back work. */
export class Router {
  route = $state<Route>({ view: 'console' });

  constructor(
    hash: string,
    private readonly setHash: (hash: string) => void = () => undefined,
  ) {
    this.route = parseRoute(hash);
  }

  go(route: Route): void {
    this.route = route;
    this.setHash(routeHash(route));
  }

  /** The browser changed the hash (back/forward). */
  sync(hash: string): void {
    this.route = parseRoute(hash);
  }
}
