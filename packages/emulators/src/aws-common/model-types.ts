/** The shapes of the tables generated from an AWS service model (service-2.json, no docs). */
export type ShapeType =
  | 'structure'
  | 'string'
  | 'list'
  | 'map'
  | 'integer'
  | 'long'
  | 'boolean'
  | 'timestamp';

/** Where a structure member travels on the wire. Absent means the JSON body. */
export type MemberLocation = 'uri' | 'querystring' | 'header';

export interface MemberDef {
  readonly shape: string;
  readonly location?: MemberLocation;
  readonly locationName?: string;
  readonly idempotencyToken?: true;
}

export interface ShapeDef {
  readonly type: ShapeType;
  readonly members?: Readonly<Record<string, MemberDef>>;
  readonly required?: readonly string[];
  /** Item shape of a list. */
  readonly member?: string;
  /** Key and value shapes of a map. */
  readonly key?: string;
  readonly value?: string;
  /** Length for strings, item count for lists, value for numbers. */
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
  /** Exactly one member must be set. */
  readonly union?: true;
  /** The member that is the whole HTTP body. */
  readonly payload?: string;
  /** Error shapes: status code. */
  readonly httpStatus?: number;
  /** Timestamps: `iso8601` on the wire when set, epoch seconds otherwise. */
  readonly timestampFormat?: string;
}

export interface OperationDef {
  readonly name: string;
  readonly method: 'GET' | 'PUT' | 'DELETE' | 'POST' | 'PATCH';
  readonly uri: string;
  readonly responseCode: number;
  readonly input: string;
  /** Absent for operations that answer with an empty body. */
  readonly output?: string;
  readonly errors: readonly string[];
}
