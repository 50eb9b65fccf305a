import { MeshcdError } from '../errors/meshcd-error.ts';
import type { EnvVar } from './pod-template.ts';

/** `enabled`, `disabled`, or anything else (unspecified); the controller compares case-insensitively. */
type InjectionMode = 'enabled' | 'disabled' | 'unspecified';

export function injectionMode(value: string | undefined): InjectionMode {
  const v = value?.toLowerCase();
  return v === 'enabled' || v === 'disabled' ? v : 'unspecified';
}

/** A pod annotation the controller would reject the pod for: terminal, the workload's owner must fix it. */
export const invalidAnnotation = (annotation: string, message: string, cause?: unknown) =>
  new MeshcdError({
    phase: 'plan',
    reason: 'invalid-pod-annotation',
    message: `annotation appmesh.k8s.aws/${annotation}: ${message}`,
    cause,
  });

/** `sidecarEnv: "K=V, K2=V2"` and `sidecarEnvJson: '[{"K":"V"}]'`; the JSON form wins on clashes. */
export function sidecarEnv(plain: string | undefined, json: string | undefined): EnvVar[] {
  const values = new Map<string, string>();
  for (const pair of (plain ?? '').split(',')) {
    if (pair.trim() === '') continue;
    const at = pair.indexOf('=');
    if (at <= 0) throw invalidAnnotation('sidecarEnv', `"${pair.trim()}" is not KEY=VALUE`);
    values.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
  }
  if (json !== undefined && json.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(json);
    } catch (cause) {
      throw invalidAnnotation('sidecarEnvJson', 'not valid JSON', cause);
    }
    if (!Array.isArray(parsed)) throw invalidAnnotation('sidecarEnvJson', 'must be a list of objects');
    for (const item of parsed) {
      if (typeof item !== 'object' || item === null || Array.isArray(item))
        throw invalidAnnotation('sidecarEnvJson', 'must be a list of objects');
      for (const [k, v] of Object.entries(item)) {
        if (typeof v !== 'string')
          throw invalidAnnotation('sidecarEnvJson', `value of ${k} must be a string`);
        values.set(k, v);
      }
    }
  }
  return [...values].map(([name, value]) => ({ name, value }));
}

/** `name:/path,…` pairs of `secretMounts`, `volumeMounts` and `xrayAgentConfigMount`. */
export function mountPairs(annotation: string, value: string | undefined): { name: string; path: string }[] {
  if (value === undefined || value.trim() === '') return [];
  return value.split(',').map((pair) => {
    const [name, path, ...rest] = pair.trim().split(':');
    if (!name || !path || rest.length > 0)
      throw invalidAnnotation(annotation, `"${pair.trim()}" is not name:/path`);
    return { name, path };
  });
}

/** X-Ray sampling rate: 0..1, rounded to two decimals as the controller does; anything else rejects the pod. */
export function samplingRate(value: string): string {
  const rate = Number(value);
  if (value.trim() === '' || !Number.isFinite(rate) || rate < 0 || rate > 1)
    throw invalidAnnotation('sidecarEnv', `XRAY_SAMPLING_RATE must be a number from 0 to 1, got "${value}"`);
  return String(Math.round(rate * 100) / 100);
}
