import type { RestJsonService } from '../aws-common/rest-json-handler.ts';
import { createRouter } from '../aws-common/route-request.ts';
import { type LatticeErrorType, latticeErrorOf, throttled, validation } from './errors.ts';
import { isWriteOperation, type LatticeService } from './lattice-service.ts';
import { type OperationName, operations, shapes } from './model.generated.ts';

const route = createRouter(operations, { emptyLabels: true });

/** Members that identify a call without repeating its body. */
const summaryMembers = /Identifier$|^name$|^resourceArn$|^clientToken$|^maxResults$|^nextToken$|^tagKeys$/;

/** The Lattice service as the shared REST-JSON HTTP face sees it. */
export function latticeRestService(
  service: LatticeService,
  retryAfter: () => number = () => 1,
): RestJsonService<OperationName, LatticeErrorType> {
  return {
    operations,
    shapes,
    route,
    execute: (operation, input, account) => service.execute(operation, input, account),
    isWrite: isWriteOperation,
    summaryMembers,
    errors: {
      unknownOperation: (method, path) =>
        validation(`No operation at ${method} ${path}`, [], 'unknownOperation'),
      malformedBody: (message) => validation(message, [], 'cannotParse'),
      throttled: (operation) => throttled(`Rate exceeded for ${operation}`, retryAfter()),
      injected: latticeErrorOf,
      internal: (message) => latticeErrorOf('InternalServerException', message),
    },
  };
}
