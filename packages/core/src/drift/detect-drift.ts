import { type DetectLatticeDriftInput, detectLatticeDrift } from '../lattice/detect-lattice-drift.ts';
import { type DetectDriftResult, type DetectMeshDriftInput, detectMeshDrift } from './detect-mesh-drift.ts';

export type { DetectDriftResult } from './detect-mesh-drift.ts';

/**
 * The drift check of a target, on its provider: observe → classify → announce → record → self-heal through
 * the port the caller gives for it (`lattice` for a VPC Lattice target, `mesh` for App Mesh), so a new
 * provider adds a branch here and no export.
 */
export function detectDrift(input: DetectLatticeDriftInput): Promise<DetectDriftResult>;
export function detectDrift(input: DetectMeshDriftInput): Promise<DetectDriftResult>;
export function detectDrift(
  input: DetectMeshDriftInput | DetectLatticeDriftInput,
): Promise<DetectDriftResult> {
  return 'lattice' in input ? detectLatticeDrift(input) : detectMeshDrift(input);
}
