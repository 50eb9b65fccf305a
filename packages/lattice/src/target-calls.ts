import { DeregisterTargetsCommand, RegisterTargetsCommand } from '@aws-sdk/client-vpc-lattice';
import { type LatticeApi, MeshcdError } from '@meshcd/core';
import type { LatticeTarget } from '@meshcd/core/ports';
import type { LatticeCall } from './lattice-call.ts';

/** The API takes at most 100 targets per Register/Deregister call. */
const maxTargetsPerCall = 100;

export const chunks = <T>(items: readonly T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

interface Refusal {
  id?: string;
  port?: number;
  failureCode?: string;
  failureMessage?: string;
}

/**
 * Target registration: chunks of 100, and partial failures (a 200 with `unsuccessful` entries) turned into an
 * error naming each target, except a deregistration's TargetNotFound, which is what "already gone" looks like.
 */
export function targetCalls(
  call: LatticeCall,
  listAll: (targetGroupId: string) => Promise<Record<string, unknown>[]>,
) {
  const write = async (
    Command: typeof RegisterTargetsCommand | typeof DeregisterTargetsCommand,
    targetGroupIdentifier: string,
    targets: readonly LatticeTarget[],
  ) => {
    for (const batch of chunks(targets, maxTargetsPerCall)) {
      const out = await call<{ unsuccessful?: Refusal[] }>(
        Command,
        { targetGroupIdentifier, targets: batch.map((t) => ({ id: t.id, port: t.port })) },
        'write',
      );
      const refused = (out.unsuccessful ?? []).filter(
        (u) => !(Command === DeregisterTargetsCommand && u.failureCode === 'TargetNotFound'),
      );
      if (refused.length > 0)
        throw new MeshcdError({
          phase: 'endpoints',
          reason: refused[0]!.failureCode ?? 'TargetRefused',
          message: `${Command.name.replace(/Command$/, '')} ${targetGroupIdentifier}: ${refused
            .map((u) => `${u.id}:${u.port} ${u.failureCode ?? ''} ${u.failureMessage ?? ''}`.trim())
            .join('; ')}`,
        });
    }
  };
  return {
    async list(targetGroupId: string): ReturnType<LatticeApi['listTargets']> {
      return (await listAll(targetGroupId)).map((t) => ({
        id: String(t.id),
        port: Number(t.port),
        status: typeof t.status === 'string' ? t.status : undefined,
      }));
    },
    register: (id: string, targets: readonly LatticeTarget[]) => write(RegisterTargetsCommand, id, targets),
    deregister: (id: string, targets: readonly LatticeTarget[]) =>
      write(DeregisterTargetsCommand, id, targets),
  };
}
