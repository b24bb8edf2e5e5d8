import {
  collectDefaultMetrics,
  Counter,
  Histogram,
  Registry,
} from 'prom-client';

/** The service's Prometheus metrics: process defaults and HTTP traffic. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const labelNames = ['method', 'route', 'code'] as const;
  const requests = new Counter({
    name: 'http_requests_total',
    help: 'HTTP requests served, by method, route and status code.',
    labelNames,
    registers: [registry],
  });
  const duration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'Time to serve HTTP requests, by method, route and status code.',
    labelNames,
    registers: [registry],
  });
  return {
    registry,
    observe(method: string, route: string, code: number, seconds: number) {
      const labels = { method, route, code: String(code) };
      requests.inc(labels);
      duration.observe(labels, seconds);
    },
  };
}
