import type { VirtualGatewayCrdListener } from '../schemas/virtual-gateway.ts';
import type { VirtualNodeCrdListener } from '../schemas/virtual-node.ts';
import type { RuleContext } from './rule-context.ts';
import { checkConnectionPool, checkListenerTls } from './tls-rules.ts';

/** App Mesh refuses two listeners of one resource (node, router or gateway) on the same port. */
export function checkUniquePorts(
  ctx: RuleContext,
  listeners: readonly { portMapping: { port: number } }[] | undefined,
): void {
  const seenPorts = new Map<number, number>();
  listeners?.forEach((listener, i) => {
    const { port } = listener.portMapping;
    const first = seenPorts.get(port);
    if (first !== undefined) {
      ctx.fail(
        ['spec', 'listeners', i, 'portMapping', 'port'],
        `port ${port} is already used by listeners[${first}]`,
      );
    } else {
      seenPorts.set(port, i);
    }
  });
}

/** Rules shared by virtual node and virtual gateway listeners. */
export function checkListeners(
  ctx: RuleContext,
  listeners: readonly (VirtualNodeCrdListener | VirtualGatewayCrdListener)[] | undefined,
): void {
  checkUniquePorts(ctx, listeners);
  listeners?.forEach((listener, i) => {
    const path = ['spec', 'listeners', i];
    const { port, protocol } = listener.portMapping;
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
