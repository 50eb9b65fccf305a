import type { CloudMapHealth, CloudMapInstance } from '../ports/cloud-map-api.ts';
import { cloudMapAttributes as attr } from './cloud-map-options.ts';

/** One desired instance: its pod's attributes and readiness. */
export interface DesiredInstance {
  id: string;
  attributes: Record<string, string>;
  ready: boolean;
}

export interface InstancePlan {
  /** New instances and changed attributes (RegisterInstance is an upsert). */
  register: Array<{ id: string; attributes: Record<string, string> }>;
  deregister: string[];
  /** Custom health reports whose status differs from what Cloud Map has. */
  health: Array<{ id: string; status: 'HEALTHY' | 'UNHEALTHY' }>;
}

const sameAttributes = (a: Record<string, string>, b: Record<string, string>): boolean => {
  const keys = (o: Record<string, string>) => Object.keys(o).filter((k) => k !== attr.initHealth);
  const ak = keys(a);
  return ak.length === keys(b).length && ak.every((k) => a[k] === b[k]);
};

/**
 * The controller's register/deregister diff for one node's subset of a service. A ready pod is registered
 * when absent (AWS_INIT_HEALTH_STATUS HEALTHY) and re-registered when its attributes changed (keeping the
 * initial status it had). With custom health, a not-ready pod keeps an existing instance, refreshed if
 * its attributes changed, but is never newly registered; without it, its instance goes. Everything else
 * in the subset is deregistered. Health is reported only where it differs and only for instances that
 * exist (the controller also reported not-ready pods it never registered, which Cloud Map refuses).
 * Computed from live state alone, so duplicate and out-of-order events converge to the same plan.
 */
export function planInstances(
  desired: readonly DesiredInstance[],
  existing: readonly CloudMapInstance[],
  customHealth: boolean,
  health: Readonly<Record<string, CloudMapHealth>>,
): InstancePlan {
  const live = new Map(existing.map((i) => [i.id, i.attributes]));
  const plan: InstancePlan = { register: [], deregister: [], health: [] };
  const kept = new Set<string>();
  for (const d of desired) {
    const current = live.get(d.id);
    if (!d.ready && (!customHealth || current === undefined)) continue;
    kept.add(d.id);
    const status = d.ready ? 'HEALTHY' : 'UNHEALTHY';
    if (current === undefined || !sameAttributes(d.attributes, current)) {
      const init = current?.[attr.initHealth] ?? status;
      plan.register.push({ id: d.id, attributes: { ...d.attributes, [attr.initHealth]: init } });
      // A new instance starts at its initial status; a re-registered one keeps the status in force.
      if (customHealth && current === undefined && init === status) continue;
    }
    if (customHealth && health[d.id] !== status) plan.health.push({ id: d.id, status });
  }
  for (const i of existing) if (!kept.has(i.id)) plan.deregister.push(i.id);
  return plan;
}

export const isEmptyPlan = (p: InstancePlan): boolean =>
  p.register.length === 0 && p.deregister.length === 0 && p.health.length === 0;
