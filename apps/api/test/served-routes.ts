import type { TestApp } from './test-app';

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Nest's own not-found handler, registered for every method: it only ever answers 404. */
const NOT_FOUND_HANDLER = '/{*path}';

/** Every route the running Express app serves, as "METHOD /path". */
export function servedRoutes(t: TestApp): string[] {
  const router = (t.app.getHttpAdapter().getInstance() as { router: { stack: Layer[] } }).router;
  const routes = router.stack.flatMap(({ route }) =>
    route && route.path !== NOT_FOUND_HANDLER ? Object.keys(route.methods).map((m) => `${m.toUpperCase()} ${route.path}`) : [],
  );
  return [...new Set(routes)];
}
