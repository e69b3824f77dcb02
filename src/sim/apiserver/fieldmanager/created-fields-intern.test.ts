/**
 * createdFieldsV1 with interned nodes writes the text the plain writer (a fresh object per
 * node, the code before interning) wrote for the same objects: struct keys in the object's
 * order, maps and lists sorted, duplicate set items and list-map keys once. The expected texts
 * were made by that plain writer. Each object is written twice (the second time from the table).
 */
import { describe, expect, it } from "vitest";
import { createdFieldsV1 } from "./created-fields";

const objects: [string, Record<string, unknown>, "all" | "main" | "status"][] =
  [
    [
      "core/v1.Pod",
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: {
          name: "p",
          namespace: "d",
          labels: { b: "1", a: "2" },
          finalizers: ["x", "a", "x"],
          ownerReferences: [
            {
              apiVersion: "apps/v1",
              kind: "ReplicaSet",
              name: "rs",
              uid: "u",
              controller: true,
            },
          ],
        },
        spec: {
          containers: [
            {
              name: "c",
              image: "nginx",
              ports: [
                { containerPort: 80, protocol: "TCP" },
                { containerPort: 80, protocol: "UDP" },
                { containerPort: 80, protocol: "TCP" },
              ],
              env: [{ name: "A", value: "1" }],
              args: ["x", "x"],
            },
            { name: "b", image: "busybox" },
          ],
          tolerations: [{ key: "k", operator: "Exists" }],
          nodeSelector: { z: "1" },
        },
        status: {
          phase: "Pending",
          conditions: [{ type: "Ready", status: "False" }],
        },
      },
      "main",
    ],
    [
      "core/v1.Pod",
      {
        apiVersion: "v1",
        kind: "Pod",
        metadata: { name: "p" },
        status: {
          phase: "Running",
          conditions: [
            { type: "Ready", status: "True" },
            { type: "PodScheduled", status: "True" },
          ],
          podIPs: [{ ip: "1" }],
        },
      },
      "status",
    ],
    [
      "core/v1.Event",
      {
        apiVersion: "v1",
        kind: "Event",
        metadata: { name: "e", namespace: "d" },
        involvedObject: {
          kind: "Pod",
          name: "p",
          namespace: "d",
          uid: "u",
          apiVersion: "v1",
          resourceVersion: "1",
          fieldPath: "spec.containers{c}",
        },
        reason: "Pulled",
        message: "m",
        source: { component: "kubelet", host: "n" },
        firstTimestamp: "t",
        lastTimestamp: "t",
        count: 1,
        type: "Normal",
        eventTime: null,
        reportingComponent: "kubelet",
        reportingInstance: "n",
      },
      "all",
    ],
    [
      "apps/v1.Deployment",
      {
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name: "w", annotations: { q: "r" } },
        spec: {
          replicas: 3,
          selector: { matchLabels: { app: "w" } },
          template: {
            metadata: { labels: { app: "w" } },
            spec: {
              containers: [
                { name: "n", image: "i", resources: { limits: { cpu: "1" } } },
              ],
            },
          },
        },
      },
      "main",
    ],
    [
      "core/v1.ConfigMap",
      {
        apiVersion: "v1",
        kind: "ConfigMap",
        metadata: { name: "c" },
        data: { z: "1", a: "2" },
        binaryData: {},
      },
      "all",
    ],
  ];

const expected = [
  '{"f:metadata":{"f:labels":{".":{},"f:a":{},"f:b":{}},"f:finalizers":{".":{},"v:\\"a\\"":{},"v:\\"x\\"":{}},"f:ownerReferences":{".":{},"k:{\\"uid\\":\\"u\\"}":{".":{},"f:apiVersion":{},"f:kind":{},"f:name":{},"f:uid":{},"f:controller":{}}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"b\\"}":{".":{},"f:name":{},"f:image":{}},"k:{\\"name\\":\\"c\\"}":{".":{},"f:name":{},"f:image":{},"f:ports":{".":{},"k:{\\"containerPort\\":80,\\"protocol\\":\\"TCP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}},"k:{\\"containerPort\\":80,\\"protocol\\":\\"UDP\\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:env":{".":{},"k:{\\"name\\":\\"A\\"}":{".":{},"f:name":{},"f:value":{}}},"f:args":{}}},"f:tolerations":{},"f:nodeSelector":{".":{},"f:z":{}}}}',
  '{"f:status":{"f:phase":{},"f:conditions":{".":{},"k:{\\"type\\":\\"PodScheduled\\"}":{".":{},"f:type":{},"f:status":{}},"k:{\\"type\\":\\"Ready\\"}":{".":{},"f:type":{},"f:status":{}}},"f:podIPs":{".":{},"k:{\\"ip\\":\\"1\\"}":{".":{},"f:ip":{}}}}}',
  '{"f:involvedObject":{},"f:reason":{},"f:message":{},"f:source":{".":{},"f:component":{},"f:host":{}},"f:firstTimestamp":{},"f:lastTimestamp":{},"f:count":{},"f:type":{},"f:reportingComponent":{},"f:reportingInstance":{}}',
  '{"f:metadata":{"f:annotations":{".":{},"f:q":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\\"name\\":\\"n\\"}":{".":{},"f:name":{},"f:image":{},"f:resources":{".":{},"f:limits":{".":{},"f:cpu":{}}}}}}}}}',
  '{"f:data":{".":{},"f:a":{},"f:z":{}},"f:binaryData":{}}',
];

describe("createdFieldsV1 with interned nodes", () => {
  it("writes the plain writer's text", () => {
    for (let round = 0; round < 2; round++) {
      objects.forEach(([type, object, scope], i) => {
        expect(JSON.stringify(createdFieldsV1(object, type, scope))).toBe(
          expected[i],
        );
      });
    }
  });
});
