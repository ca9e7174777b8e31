import type { NextFunction, Request, Response, Router } from 'express';
import { Histogram, type Registry } from 'prom-client';
import { routeLabel } from '../route-match';

/**
 * `http_request_duration_seconds{method, route, status_code}`: every answer, timed from its arrival to its last
 * byte. `route` is the pattern that served it (`/api/v1/cases/:id/lapse`), never the raw path: ids and
 * registration numbers would make a series per case.
 */
export function requestTimer(registry: Registry, router: Router) {
  const histogram = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time from a request to the end of its answer, by route pattern',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  return (req: Request, res: Response, next: NextFunction) => {
    const end = histogram.startTimer();
    res.once('finish', () => {
      // The route is looked up once the answer is out (req.path has been rewritten by mounted routers by then).
      const path = req.originalUrl.split('?')[0] ?? '/';
      end({ method: req.method, route: routeLabel(router, req.method, path), status_code: String(res.statusCode) });
    });
    next();
  };
}
