// Helpers the benchmark scripts share: a DynamoDB request counter on the wire, a free port, rounding.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

/** Where every bench writes (ignored by git); `npm run docs:refresh` copies what the README quotes. */
export const BENCH_OUT = join(resolve(import.meta.dirname, '..'), 'bench/.out');

export interface CountingProxy {
  endpoint: string;
  reset(): void;
  snapshot(): Record<string, number>;
  total(): number;
  /** Requests per label the `classify` option gave them since the last reset (empty without it). */
  labelled(): Record<string, number>;
  close(): Promise<void>;
}

export interface CountingProxyOptions {
  /**
   * Labels a request from its operation and JSON body (`undefined`: no label). Given, each request's body
   * is read whole before it is forwarded; without it the body streams through untouched.
   */
  classify?: (operation: string, body: string) => string | undefined;
}

/** A pass-through proxy in front of DynamoDB Local that counts requests by operation. */
export async function countingProxy(
  target: string,
  options: CountingProxyOptions = {},
): Promise<CountingProxy> {
  const counts = new Map<string, number>();
  const labels = new Map<string, number>();
  const upstream = new URL(target);
  const { classify } = options;
  const server = createServer((req, res) => {
    const operation =
      String(req.headers['x-amz-target'] ?? 'unknown')
        .split('.')
        .pop() ?? 'unknown';
    counts.set(operation, (counts.get(operation) ?? 0) + 1);
    const forward = httpRequest(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    if (!classify) {
      req.pipe(forward);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const label = classify(operation, body.toString('utf8'));
      if (label !== undefined) labels.set(label, (labels.get(label) ?? 0) + 1);
      forward.end(body);
    });
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    reset: () => {
      counts.clear();
      labels.clear();
    },
    snapshot: () => Object.fromEntries(counts),
    total: () => [...counts.values()].reduce((sum, n) => sum + n, 0),
    labelled: () => Object.fromEntries(labels),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

export { freePort } from '../local/ports.js';

export const round = (n: number) => Math.round(n * 100) / 100;
