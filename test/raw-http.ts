import { request, type IncomingHttpHeaders } from 'node:http';
import type { FastifyInstance } from 'fastify';

export interface RawResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body's bytes as they came over the wire: not decompressed (fetch would decode them). */
  body: Buffer;
}

/** A GET over a real socket to a listening app, with exactly the headers given (no Accept-Encoding unless named). */
export function rawGet(app: FastifyInstance, path: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('the app is not listening on a TCP port');
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port: address.port, path, method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}
