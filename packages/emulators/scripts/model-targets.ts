/** Every emulator whose tables the generator makes: the shared/ service folder read and the file written. */
export interface ModelTarget {
  /** Folder below shared/ holding service-2.json. */
  readonly service: string;
  /** Output file, relative to packages/emulators. */
  readonly out: string;
  /** model-types.ts as the generated file imports it. */
  readonly typesImport: string;
}

export const modelTargets = {
  appmesh: {
    service: 'appmesh',
    out: 'src/appmesh/model.generated.ts',
    typesImport: '../aws-common/model-types.ts',
  },
  lattice: {
    service: 'lattice',
    out: 'src/lattice/model.generated.ts',
    typesImport: '../aws-common/model-types.ts',
  },
  cloudmap: {
    service: 'cloudmap',
    out: 'src/cloudmap/model.generated.ts',
    typesImport: '../aws-common/model-types.ts',
  },
} as const satisfies Record<string, ModelTarget>;
