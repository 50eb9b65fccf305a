import type { RestJsonService } from '../aws-common/rest-json-handler.ts';
import { createRouter } from '../aws-common/route-request.ts';
import { type AppMeshService, isWriteOperation } from './app-mesh-service.ts';
import { AppMeshError, type AppMeshErrorType, badRequest, notFound } from './errors.ts';
import { type OperationName, operations, shapes } from './model.generated.ts';

const route = createRouter(operations);

/** Body members that identify a call without repeating its spec. */
const summaryMembers = /Name$|^meshOwner$|^resourceArn$|^clientToken$|^limit$|^nextToken$|^tagKeys$/;

/** The App Mesh service as the shared REST-JSON HTTP face sees it. */
export function appMeshRestService(
  service: AppMeshService,
): RestJsonService<OperationName, AppMeshErrorType> {
  return {
    operations,
    shapes,
    route,
    execute: (operation, input, account) => service.execute(operation, input, account),
    isWrite: isWriteOperation,
    summaryMembers,
    errors: {
      unknownOperation: (method, path) => notFound(`No operation at ${method} ${path}`),
      malformedBody: badRequest,
      throttled: (operation) =>
        new AppMeshError('TooManyRequestsException', `Rate exceeded for ${operation}`),
      injected: (type, message) => new AppMeshError(type, message),
      internal: (message) => new AppMeshError('InternalServerErrorException', message),
    },
  };
}
