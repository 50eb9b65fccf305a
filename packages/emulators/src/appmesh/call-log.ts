import type { OperationName } from './model.generated.ts';

/** One handled request, as tests assert on it. */
export interface CallRecord {
  operation: OperationName | 'Unknown';
  account: string;
  /** The addressing part of the input: path and query members, the new resource's name and the clientToken. */
  input: Record<string, unknown>;
  /** HTTP status; 0 when the connection was dropped. */
  status: number;
  errorType?: string;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

/** Body members that identify a call without repeating its spec. */
const summaryMembers = /Name$|^meshOwner$|^resourceArn$|^clientToken$|^limit$|^nextToken$|^tagKeys$/;

export function summarizeInput(input: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k]) => summaryMembers.test(k)));
}
