import type { VirtualGatewayCrdListener } from '../schemas/virtual-gateway.ts';
import type { VirtualNodeCrdListener } from '../schemas/virtual-node.ts';
import type { RuleContext } from './rule-context.ts';
import { checkConnectionPool, checkListenerTls } from './tls-rules.ts';

/** Rules shared by virtual node and virtual gateway listeners. */
export function checkListeners(
  ctx: RuleContext,
  listeners: readonly (VirtualNodeCrdListener | VirtualGatewayCrdListener)[] | undefined,
): void {
  const seenPorts = new Map<number, number>();
  listeners?.forEach((listener, i) => {
    const path = ['spec', 'listeners', i];
    const { port, protocol } = listener.portMapping;
    const first = seenPorts.get(port);
    if (first !== undefined) {
      ctx.fail([...path, 'portMapping', 'port'], `port ${port} is already used by listeners[${first}]`);
    } else {
      seenPorts.set(port, i);
    }
    checkConnectionPool(ctx, listener.connectionPool, protocol, [...path, 'connectionPool']);
    checkListenerTls(ctx, listener.tls, [...path, 'tls']);
    const healthPort = listener.healthCheck?.port;
    if (healthPort !== undefined && healthPort !== port) {
      ctx.fail(
        [...path, 'healthCheck', 'port'],
        `health check port ${healthPort} must match the listener port ${port}`,
      );
    }
    const timeout = 'timeout' in listener ? listener.timeout : undefined;
    if (timeout) {
      const set = Object.keys(timeout).filter((k) => timeout[k as keyof typeof timeout] !== undefined);
      for (const key of set) {
        if (key !== protocol) {
          ctx.fail(
            [...path, 'timeout', key],
            `timeout ${key} does not match the listener protocol ${protocol}`,
          );
        }
      }
    }
  });
}
