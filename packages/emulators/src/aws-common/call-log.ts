/** One handled request, as tests assert on it. */
export interface CallRecord<Op extends string = string> {
  operation: Op | 'Unknown';
  account: string;
  /** The addressing part of the input: path and query members, the new resource's name and the clientToken. */
  input: Record<string, unknown>;
  /** HTTP status; 0 when the connection was dropped. */
  status: number;
  errorType?: string;
  /** Epoch milliseconds when the request arrived. */
  at: number;
}

/** Keeps the members whose names match `summaryMembers`: they identify a call without repeating its spec. */
export function summarizeInput(
  input: Record<string, unknown>,
  summaryMembers: RegExp,
): Record<string, unknown> {
  return Object.fromEntries(Object.entries(input).filter(([k]) => summaryMembers.test(k)));
}
