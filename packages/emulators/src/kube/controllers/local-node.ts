import type { KubeObject } from '../kube-object.ts';
import type { ControllerWriter } from './controller-writer.ts';
import { nodeIP, nodeName } from './pod-status.ts';

/** The emulated cluster's one Ready node, which every pod is scheduled on. */
export function ensureLocalNode(existing: KubeObject | undefined, writer: ControllerWriter): void {
  if (existing) return;
  const time = writer.now();
  writer.create({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      labels: {
        'kubernetes.io/hostname': nodeName,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'arm64',
        'node.kubernetes.io/instance-type': 'local',
      },
    },
    spec: { podCIDR: '10.244.0.0/16', podCIDRs: ['10.244.0.0/16'] },
    status: {
      addresses: [
        { type: 'InternalIP', address: nodeIP },
        { type: 'Hostname', address: nodeName },
      ],
      conditions: [
        {
          type: 'Ready',
          status: 'True',
          lastHeartbeatTime: time,
          lastTransitionTime: time,
          reason: 'KubeletReady',
          message: 'kubelet is posting ready status',
        },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.32.0',
        kubeProxyVersion: 'v1.32.0',
        containerRuntimeVersion: 'containerd://1.7.0',
        operatingSystem: 'linux',
        architecture: 'arm64',
        osImage: 'meshcd local cluster',
        kernelVersion: '6.1.0',
        machineID: '',
        systemUUID: '',
        bootID: '',
      },
    },
  });
}
