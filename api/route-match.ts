import type { NextFunction, Request, Response, Router } from 'express';
import { ApiError } from './errors';

/** The parts of Express 5's router layers read here (the `router` package; not in its public types). */
interface TLayer {
  path?: string;
  match(path: string): boolean;
  route?: { methods: Record<string, boolean | undefined> };
  handle?: { stack?: TLayer[] };
}

/** Whether a route of `stack` (nested routers included) serves `method` on `path`; HEAD is served by GET. */
function served(stack: TLayer[], method: string, path: string): boolean {
  const m = method === 'HEAD' ? 'get' : method.toLowerCase();
  for (const layer of stack) {
    if (layer.route) {
      if ((layer.route.methods[m] || layer.route.methods._all) && layer.match(path)) return true;
    } else if (layer.handle?.stack && layer.match(path)) {
      const rest = path.slice((layer.path ?? '').length) || '/';
      if (served(layer.handle.stack, method, rest.startsWith('/') ? rest : `/${rest}`)) return true;
    }
  }
  return false;
}

/**
 * Answers 404 for a method and path no route of `router` serves, before authentication runs (an unknown
 * route is not a question of who asks). CORS is not offered, so a preflight (OPTIONS) is 404 too.
 * Routes are read from the router when a request comes, so routes added later are known without a list.
 */
export function knownRoutesOnly(router: Router) {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method === 'OPTIONS' || !served((router as unknown as { stack: TLayer[] }).stack, req.method, req.path)) {
      return next(new ApiError('NOT_FOUND', 'no such endpoint'));
    }
    next();
  };
}
