/**
 * Field numbers of the Kubernetes protobuf messages (k8s.io/api and apimachinery `generated.proto`)
 * for what kubectl's typed clients send: the objects `kubectl create namespace|configmap|secret|
 * serviceaccount|deployment` and `kubectl run` build. A field is [name, type]; a type is a message
 * name, 'string', 'bytes', 'int', 'bool', a map (`map:<value type>`) or a list (`[]<type>`). A Go
 * pointer field ends in `*`: only it keeps a zero value, since the encoder writes every plain scalar,
 * set or not, and the zero value of a plain one means unset.
 */
export type ProtoType = string;
export type ProtoMessage = Record<number, [name: string, type: ProtoType]>;

export const protoMessages: Record<string, ProtoMessage> = {
  Unknown: {
    1: ['typeMeta', 'TypeMeta'],
    2: ['raw', 'bytes'],
    3: ['contentEncoding', 'string'],
    4: ['contentType', 'string'],
  },
  TypeMeta: { 1: ['apiVersion', 'string'], 2: ['kind', 'string'] },
  ObjectMeta: {
    1: ['name', 'string'],
    2: ['generateName', 'string'],
    3: ['namespace', 'string'],
    5: ['uid', 'string'],
    6: ['resourceVersion', 'string'],
    7: ['generation', 'int'],
    8: ['creationTimestamp', 'Time'],
    11: ['labels', 'map:string'],
    12: ['annotations', 'map:string'],
    14: ['finalizers', '[]string'],
  },
  Time: { 1: ['seconds', 'int'], 2: ['nanos', 'int'] },
  Namespace: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'Empty'], 3: ['status', 'Empty'] },
  ConfigMap: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'map:string'],
    3: ['binaryData', 'map:bytes'],
    4: ['immutable', 'bool'],
  },
  Secret: {
    1: ['metadata', 'ObjectMeta'],
    2: ['data', 'map:bytes'],
    3: ['type', 'string'],
    4: ['stringData', 'map:string'],
    5: ['immutable', 'bool*'],
  },
  ServiceAccount: { 1: ['metadata', 'ObjectMeta'], 4: ['automountServiceAccountToken', 'bool*'] },
  Deployment: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'DeploymentSpec'], 3: ['status', 'Empty'] },
  DeploymentSpec: {
    1: ['replicas', 'int*'],
    2: ['selector', 'LabelSelector'],
    3: ['template', 'PodTemplateSpec'],
    4: ['strategy', 'Empty'],
    5: ['minReadySeconds', 'int'],
    6: ['revisionHistoryLimit', 'int*'],
    7: ['paused', 'bool'],
    9: ['progressDeadlineSeconds', 'int*'],
  },
  LabelSelector: { 1: ['matchLabels', 'map:string'] },
  PodTemplateSpec: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'] },
  Pod: { 1: ['metadata', 'ObjectMeta'], 2: ['spec', 'PodSpec'], 3: ['status', 'Empty'] },
  PodSpec: {
    2: ['containers', '[]Container'],
    3: ['restartPolicy', 'string'],
    6: ['dnsPolicy', 'string'],
    8: ['serviceAccountName', 'string'],
    20: ['initContainers', '[]Container'],
  },
  Container: {
    1: ['name', 'string'],
    2: ['image', 'string'],
    3: ['command', '[]string'],
    4: ['args', '[]string'],
    5: ['workingDir', 'string'],
    6: ['ports', '[]ContainerPort'],
    7: ['env', '[]EnvVar'],
    8: ['resources', 'Empty'],
    14: ['imagePullPolicy', 'string'],
    16: ['stdin', 'bool'],
    17: ['stdinOnce', 'bool'],
    18: ['tty', 'bool'],
  },
  ContainerPort: {
    1: ['name', 'string'],
    2: ['hostPort', 'int'],
    3: ['containerPort', 'int'],
    4: ['protocol', 'string'],
    5: ['hostIP', 'string'],
  },
  EnvVar: { 1: ['name', 'string'], 2: ['value', 'string'] },
  SelfSubjectAccessReview: {
    1: ['metadata', 'ObjectMeta'],
    2: ['spec', 'SelfSubjectAccessReviewSpec'],
    3: ['status', 'Empty'],
  },
  SelfSubjectAccessReviewSpec: {
    1: ['resourceAttributes', 'ResourceAttributes'],
    2: ['nonResourceAttributes', 'NonResourceAttributes'],
  },
  ResourceAttributes: {
    1: ['namespace', 'string'],
    2: ['verb', 'string'],
    3: ['group', 'string'],
    4: ['version', 'string'],
    5: ['resource', 'string'],
    6: ['subresource', 'string'],
    7: ['name', 'string'],
  },
  NonResourceAttributes: { 1: ['path', 'string'], 2: ['verb', 'string'] },
  SelfSubjectReview: { 1: ['metadata', 'ObjectMeta'], 2: ['status', 'Empty'] },
  /** A message meshcd only needs to skip: kubectl sends it empty (status, strategy, resources). */
  Empty: {},
};

/** The message of each kind kubectl may send as protobuf. */
export const protoKinds: Record<string, string> = {
  'v1/Namespace': 'Namespace',
  'v1/ConfigMap': 'ConfigMap',
  'v1/Secret': 'Secret',
  'v1/ServiceAccount': 'ServiceAccount',
  'v1/Pod': 'Pod',
  'apps/v1/Deployment': 'Deployment',
  'authorization.k8s.io/v1/SelfSubjectAccessReview': 'SelfSubjectAccessReview',
  'authentication.k8s.io/v1/SelfSubjectReview': 'SelfSubjectReview',
};
