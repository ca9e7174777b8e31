import type { NextFunction, Request, Response, Router } from 'express';
import { ApiError } from './errors';

/** The parts of Express 5's router layers read here (the `router` package 2.3; not in its public types). */
interface TLayer {
  /** The part of `path` the layer matched (a mount prefix for routers and middleware) and the path it was registered with. */
  match(path: string): false | { path: string; pattern: unknown };
  route?: { path: string; methods: Record<string, boolean | undefined> };
  handle?: { stack?: TLayer[] };
}

const stackOf = (router: Router): TLayer[] => (router as unknown as { stack: TLayer[] }).stack;
/** The registered mount path of a matched router or middleware layer; '' for the root. */
const mountOf = (matched: { pattern: unknown }): string => (typeof matched.pattern === 'string' && matched.pattern !== '/' ? matched.pattern : '');
/** What a mounted layer sees of `path`: the rest after the part it matched. */
const restOf = (path: string, matched: { path: string }): string => {
  const rest = path.slice(matched.path.length) || '/';
  return rest.startsWith('/') ? rest : `/${rest}`;
};

/**
 * The pattern of the first route of `stack` (nested routers included) that serves `method` on `path`, with the
 * mount paths of the routers it is under (`/cases/:id/lapse`); HEAD is served by GET. Undefined when none does.
 */
function routePattern(stack: TLayer[], method: string, path: string, prefix = ''): string | undefined {
  const m = method === 'HEAD' ? 'get' : method.toLowerCase();
  for (const layer of stack) {
    if (layer.route) {
      if ((layer.route.methods[m] || layer.route.methods._all) && layer.match(path)) return prefix + layer.route.path;
    } else if (layer.handle?.stack) {
      const matched = layer.match(path);
      const found = matched && routePattern(layer.handle.stack, method, restOf(path, matched), prefix + mountOf(matched));
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * `<mount>/*` for the first plain middleware mounted on a path (`use('/assets', static)`) that `path` falls under:
 * what served a request no route matched (static files). Undefined when there is none.
 */
function mountPattern(stack: TLayer[], path: string, prefix = ''): string | undefined {
  for (const layer of stack) {
    const matched = !layer.route && layer.match(path);
    if (!matched) continue;
    const mount = mountOf(matched);
    const found = layer.handle?.stack ? mountPattern(layer.handle.stack, restOf(path, matched), prefix + mount) : mount && `${prefix}${mount}/*`;
    if (found) return found;
  }
  return undefined;
}

/**
 * What names a request in metrics: the route pattern that serves it, else the mount path of the middleware it
 * falls under (static files), else `unmatched`. Never the raw path, so ids never become label values.
 */
export function routeLabel(router: Router, method: string, path: string): string {
  const stack = stackOf(router);
  return routePattern(stack, method, path) ?? mountPattern(stack, path) ?? 'unmatched';
}

/**
 * Answers 404 for a method and path no route of `router` serves, before authentication runs (an unknown
 * route is not a question of who asks). CORS is not offered, so a preflight (OPTIONS) is 404 too.
 * Routes are read from the router when a request comes, so routes added later are known without a list.
 */
export function knownRoutesOnly(router: Router) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || routePattern(stackOf(router), req.method, req.path) === undefined) {
      return next(new ApiError('NOT_FOUND', 'no such endpoint'));
    }
    next();
  };
}
