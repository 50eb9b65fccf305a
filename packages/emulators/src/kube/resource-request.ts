import { badRequest } from './kube-status-error.ts';
import type { FieldValidation } from './object-validation.ts';
import type { ResourceType } from './resource-types.ts';

export type Verb = 'get' | 'list' | 'create' | 'update' | 'patch' | 'delete';

/** One request on a resource, as the router decoded it from the URL, headers and body. */
export interface ResourceRequest {
  verb: Verb;
  type: ResourceType;
  namespace?: string;
  name?: string;
  query: URLSearchParams;
  contentType: string;
  userAgent: string;
  /** The raw request body. */
  body: string;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

export const fieldValidationOf = ({ query }: ResourceRequest): FieldValidation => {
  const value = query.get('fieldValidation') ?? 'Warn';
  if (value === 'Strict' || value === 'Warn' || value === 'Ignore') return value;
  throw badRequest(`fieldValidation parameter unsupported: ${value}`);
};

export const isDryRun = ({ query }: ResourceRequest): boolean => query.getAll('dryRun').includes('All');

/** The real server's default field manager: the User-Agent up to its first `/`. */
export const fieldManagerOf = ({ query, userAgent }: ResourceRequest): string =>
  query.get('fieldManager') ?? (userAgent.split('/')[0]?.slice(0, 128) || 'unknown');
