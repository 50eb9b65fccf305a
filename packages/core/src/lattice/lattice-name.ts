import { createHash } from 'node:crypto';

export type NamedLatticeKind = 'ServiceNetwork' | 'Service' | 'Listener' | 'Rule' | 'TargetGroup';

/** Lattice name lengths and reserved prefixes per kind (spec §1.2, §4.9). */
const LIMITS: Record<NamedLatticeKind, { max: number; reserved?: string }> = {
  ServiceNetwork: { max: 63 },
  Service: { max: 40, reserved: 'svc-' },
  Listener: { max: 63, reserved: 'listener-' },
  Rule: { max: 63, reserved: 'rule-' },
  TargetGroup: { max: 128, reserved: 'tg-' },
};

const MIN_LENGTH = 3;

const shortHash = (source: string) => createHash('sha256').update(source).digest('hex').slice(0, 8);

const tidy = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');

/**
 * The deterministic Lattice name for an App Mesh name (spec §4.9): lowercase, every run of other characters a
 * single `-`, a service's `.svc.cluster.local` dropped, a reserved prefix avoided. A name that is too long, or
 * that `forceHash` asks to tell apart from a clash, keeps its start and ends in `-` + 8 hex characters of the
 * SHA-256 of the full source name, so the same source always gets the same name.
 */
export function latticeName(kind: NamedLatticeKind, source: string, forceHash = false): string {
  const { max, reserved } = LIMITS[kind];
  const trimmed = kind === 'Service' ? source.replace(/\.svc\.cluster\.local\.?$/i, '') : source;
  let name = tidy(trimmed);
  if (reserved && `${name}-`.startsWith(reserved)) name = `x-${name}`;
  if (forceHash || name.length > max || name.length === 0) {
    const head = name.slice(0, max - 9).replace(/-+$/, '');
    name = head ? `${head}-${shortHash(source)}` : `x-${shortHash(source)}`;
  }
  while (name.length < MIN_LENGTH) name = `${name}-x`;
  return name;
}

/** Whether a string is already a valid Lattice name of that kind. */
export function isLatticeName(kind: NamedLatticeKind, name: string): boolean {
  const { max, reserved } = LIMITS[kind];
  return (
    name.length >= MIN_LENGTH &&
    name.length <= max &&
    /^[a-z0-9]+(-[a-z0-9]+)*$/.test(name) &&
    !(reserved && name.startsWith(reserved))
  );
}
