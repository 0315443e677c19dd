/** Console REST routes (`/api/v1/console/...`), sharing their commands with the gateway. */
export { createConsoleRouter, type ConsoleRouterDeps } from './router.js';
