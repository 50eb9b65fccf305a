export { createLatticeApi, type LatticeApiOptions } from './create-lattice-api.ts';
export { createLatticeQuotaLimits } from './lattice-quota-limits.ts';
