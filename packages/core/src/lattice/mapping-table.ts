import type { MappingRowBody } from './mapping-row.ts';
import { GATEWAY_ROWS } from './mapping-table-gateway.ts';
import { MESH_ROWS } from './mapping-table-mesh.ts';
import { NODE_ROWS } from './mapping-table-node.ts';
import { ROUTER_ROWS } from './mapping-table-router.ts';

const ROWS = { ...MESH_ROWS, ...ROUTER_ROWS, ...NODE_ROWS, ...GATEWAY_ROWS } as const;

export type MappingRowId = keyof typeof ROWS;

export type MappingRow = MappingRowBody & { id: MappingRowId };

/**
 * The one table saying, for each App Mesh field, whether Lattice carries it exactly, approximately or not at
 * all, why, and what the user must do instead. The translator's findings point at its rows; the migration
 * report and the documentation are rendered from it.
 */
export const MAPPING_TABLE: readonly MappingRow[] = (Object.keys(ROWS) as MappingRowId[]).map((id) => ({
  id,
  ...ROWS[id],
}));

export const mappingRow = (id: MappingRowId): MappingRow => ({ id, ...ROWS[id] });
