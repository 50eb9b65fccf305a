import { MeshcdError } from '../errors/meshcd-error.ts';
import type { EnvVar } from './pod-template.ts';

/** `enabled`, `disabled`, or anything else (unspecified); the controller compares case-insensitively. */
type InjectionMode = 'enabled' | 'disabled' | 'unspecified';

export function injectionMode(value: string | undefined): InjectionMode {
  const v = value?.toLowerCase();
  return v === 'enabled' || v === 'disabled' ? v : 'unspecified';
}

/** A pod annotation the controller would reject the pod for: terminal, the workload's owner must fix it. */
export class InvalidPodAnnotation extends MeshcdError {
  /** The annotation's name without its `appmesh.k8s.aws/` prefix. */
  readonly annotation: string;
  constructor(annotation: string, message: string, cause?: unknown) {
    super({ phase: 'plan', reason: 'invalid-pod-annotation', message, cause });
    this.annotation = annotation;
  }
}

export const invalidAnnotation = (annotation: string, message: string, cause?: unknown) =>
  new InvalidPodAnnotation(annotation, message, cause);

/** The controller's refusal of an annotation it cannot split into its pairs, in its words. */
const malformed = (annotation: string, format: string) =>
  invalidAnnotation(
    annotation,
    `malformed annotation appmesh.k8s.aws/${annotation}, expected format: ${format}`,
  );

const jsonShape = 'annotation appmesh.k8s.aws/sidecarEnvJson must be a list of objects';

/**
 * `sidecarEnv: "K=V, K2=V2"` and `sidecarEnvJson: '[{"K":"V"}]'`; the JSON form wins on clashes. Each
 * comma-separated entry must split on `=` into exactly two parts, as the controller splits it: `A=b=c`, a
 * bare `A` or an empty entry refuses the pod. An empty name is refused too (the API server would).
 */
export function sidecarEnv(plain: string | undefined, json: string | undefined): EnvVar[] {
  const values = new Map<string, string>();
  if (plain !== undefined) {
    for (const entry of plain.split(',')) {
      const parts = entry.split('=');
      const name = parts[0]?.trim();
      if (parts.length !== 2 || !name) throw malformed('sidecarEnv', 'EnvVariableKey=EnvVariableValue');
      values.set(name, parts[1]!.trim());
    }
  }
  if (json !== undefined && json.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (cause) {
      throw invalidAnnotation(
        'sidecarEnvJson',
        'annotation appmesh.k8s.aws/sidecarEnvJson is not valid JSON',
        cause,
      );
    }
    if (!Array.isArray(parsed)) throw invalidAnnotation('sidecarEnvJson', jsonShape);
    for (const item of parsed) {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw invalidAnnotation('sidecarEnvJson', jsonShape);
      for (const [k, v] of Object.entries(item)) {
        if (typeof v !== 'string')
          throw invalidAnnotation(
            'sidecarEnvJson',
            `annotation appmesh.k8s.aws/sidecarEnvJson: value of ${k} must be a string`,
          );
        values.set(k, v);
      }
    }
  }
  return [...values].map(([name, value]) => ({ name, value }));
}

/** The annotations of `name:/path,…` pairs and the controller's word for the name in its refusal. */
export type MountAnnotation = 'secretMounts' | 'volumeMounts';
const mountFormat: Record<MountAnnotation, string> = {
  secretMounts: 'secretName:mountPath',
  volumeMounts: 'volumeName:mountPath',
};

/** `name:/path,…` pairs of `secretMounts` and `volumeMounts`: each entry splits on `:` into exactly two. */
export function mountPairs(annotation: MountAnnotation, value: string | undefined): MountPair[] {
  if (value === undefined) return [];
  return value
    .split(',')
    .map((entry) => mountPair(entry, () => malformed(annotation, mountFormat[annotation])));
}

/**
 * `xrayAgentConfigMount: volume:/path`: exactly one pair. The controller checks for a comma first, then
 * the pair, each with its own refusal.
 */
export function xrayConfigMount(value: string | undefined): MountPair | undefined {
  if (value === undefined) return undefined;
  const annotation = 'appmesh.k8s.aws/xrayAgentConfigMount';
  if (value.includes(','))
    throw invalidAnnotation(
      'xrayAgentConfigMount',
      `provide only one config mount for annotation "${annotation}: ${value}"`,
    );
  return mountPair(value, () =>
    invalidAnnotation(
      'xrayAgentConfigMount',
      `malformed annotation "${annotation}", expected format: volumeName:mountPath`,
    ),
  );
}

export interface MountPair {
  name: string;
  path: string;
}

function mountPair(entry: string, refuse: () => Error): MountPair {
  const parts = entry.split(':');
  const name = parts[0]?.trim();
  const path = parts[1]?.trim();
  // An empty name or path passes the controller's split but the API server refuses the pod for it.
  if (parts.length !== 2 || !name || !path) throw refuse();
  return { name, path };
}

/** X-Ray sampling rate: 0..1, rounded to two decimals as the controller does; anything else rejects the pod. */
export function samplingRate(value: string): string {
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw invalidAnnotation(
      'sidecarEnv',
      `tracing.samplingRate should be a decimal between 0 & 1.00, but instead got ${value} (XRAY_SAMPLING_RATE)`,
    );
  return String(Math.round(rate * 100) / 100);
}
