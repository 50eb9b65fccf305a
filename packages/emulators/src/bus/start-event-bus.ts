import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type BusEntry, LocalBus, type LocalBusOptions } from './local-bus.ts';

export interface EventBusHandle {
  /** http://127.0.0.1:PORT, for an EventBridge client's `endpoint`. */
  endpoint: string;
  bus: LocalBus;
  close(): Promise<void>;
}

/**
 * The local bus behind EventBridge's wire protocol (JSON 1.1, `X-Amz-Target: AWSEvents.PutEvents`), so
 * the functions publish through the unmodified @aws-sdk/client-eventbridge exactly as in AWS.
 */
export async function startEventBus(
  options: LocalBusOptions & { port?: number; host?: string } = {},
): Promise<EventBusHandle> {
  const bus = new LocalBus(options);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const reply = (status: number, body: unknown, errorType?: string) => {
        res.writeHead(status, {
          'content-type': 'application/x-amz-json-1.1',
          ...(errorType ? { 'x-amzn-errortype': errorType } : {}),
        });
        res.end(JSON.stringify(body));
      };
      const target = String(req.headers['x-amz-target'] ?? '');
      if (target !== 'AWSEvents.PutEvents') {
        reply(
          400,
          { __type: 'UnknownOperationException', message: `${target} is not served by the local bus` },
          'UnknownOperationException',
        );
        return;
      }
      try {
        const input = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          Entries?: Array<BusEntry & { Time?: number }>;
        };
        const entries = (input.Entries ?? []).map((e) => ({
          ...e,
          ...(e.Time ? { Time: new Date(e.Time * 1000) } : {}),
        }));
        const events = entries.map((e) => bus.put(e));
        reply(200, { FailedEntryCount: 0, Entries: events.map((e) => ({ EventId: e.id })) });
      } catch (error) {
        reply(400, { __type: 'ValidationException', message: String(error) }, 'ValidationException');
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${address}:${port}`,
    bus,
    close: async () => {
      await bus.drain();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
