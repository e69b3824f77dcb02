import { describe, expect, it } from 'vitest';
import { goFloat, goTemplate, GoTemplateError } from './go-template';

const pod = {
  kind: 'Pod',
  metadata: { name: 'web', labels: { app: 'web', tier: 'fe' } },
  spec: { replicas: 3, containers: [{ name: 'a', image: 'nginx', ports: [{ containerPort: 80 }] }, { name: 'b', image: 'redis' }] },
  data: { token: 'aGVsbG8=' },
  status: { phase: null },
};

describe('kubectl -o go-template (text/template)', () => {
  it.each([
    ['{{.metadata.name}}', 'web'],
    ['{{.spec.replicas}}', '3'],
    ['{{range .spec.containers}}{{.name}}={{.image}};{{end}}', 'a=nginx;b=redis;'],
    ['{{range $i, $c := .spec.containers}}{{$i}}:{{$c.name}} {{end}}', '0:a 1:b '],
    ['{{range $k, $v := .metadata.labels}}{{$k}}={{$v}},{{end}}', 'app=web,tier=fe,'],
    ['{{len .spec.containers}} {{len .metadata.labels}} {{len "abc"}}', '2 2 3'],
    ['{{index .metadata.labels "app"}} {{(index .spec.containers 1).image}}', 'web redis'],
    ['{{if eq .metadata.name "web"}}yes{{else}}no{{end}}', 'yes'],
    ['{{if ne .metadata.name "web"}}a{{else if eq .kind "Pod"}}b{{else}}c{{end}}', 'b'],
    ['{{with .metadata.labels}}{{.tier}}{{end}}{{with .nothing}}x{{else}}none{{end}}', 'fenone'],
    ['{{$n := .metadata.name}}{{range .spec.containers}}{{$n}}/{{.name}} {{end}}', 'web/a web/b '],
    ['{{.data.token | base64decode}}', 'hello'],
    ['{{printf "%s has %d" .metadata.name (len .spec.containers)}}', 'web has 2'],
    ['{{printf "%q %v" "x" .spec.replicas}}', '"x" 3'],
    ['{{.metadata.labels}}', 'map[app:web tier:fe]'],
    ['{{(index .spec.containers 0).ports}}', '[map[containerPort:80]]'],
    ['{{.nothing}}', '<no value>'],
    ['{{.status.phase}}', '<nil>'],
    ['{{- " a " -}}  {{- "b"}}', ' a b'],
    ['x{{/* a comment */}}y', 'xy'],
    ['{{if and .metadata (not .nothing)}}ok{{end}}', 'ok'],
    ['{{or .nothing "fallback"}}', 'fallback'],
    ['{{range .nothing}}x{{else}}empty{{end}}', 'empty'],
    ['{{$}}', 'map[data:map[token:aGVsbG8=] kind:Pod metadata:map[labels:map[app:web tier:fe] name:web] spec:map[containers:[map[image:nginx name:a ports:[map[containerPort:80]]] map[image:redis name:b]] replicas:3] status:map[phase:<nil>]]'],
  ])('%s', (template, expected) => {
    expect(goTemplate(template, pod)).toBe(expected);
  });

  it('formats float64 as %v does', () => {
    expect([goFloat(3), goFloat(100000), goFloat(1000000), goFloat(0.5), goFloat(0.00001), goFloat(123456789)]).toEqual(['3', '100000', '1e+06', '0.5', '1e-05', '1.23456789e+08']);
  });

  it('with missing keys not allowed, a missing key is an error (missingkey=error)', () => {
    expect(() => goTemplate('{{.metadata.nope}}', pod, false)).toThrow('map has no entry for key "nope"');
  });

  it.each([
    ['{{.metadata.name}', 'unclosed action'],
    ['{{if .a}}x', 'unexpected EOF'],
    ['{{end}}', 'unexpected {{end}}'],
    ['{{frobnicate .a}}', 'function "frobnicate" not defined'],
  ])('refuses %s at parse time', (template, message) => {
    expect(() => goTemplate(template, pod)).toThrow(message);
  });

  it.each([
    ['{{eq .spec.replicas 3}}', 'error calling eq: incompatible types for comparison'],
    ['{{index .spec.containers 5}}', 'error calling index: index out of range: 5'],
    ['{{.status.phase.x}}', 'nil pointer evaluating interface {}.x'],
    ['{{len .spec.replicas}}', 'error calling len: len of type float64'],
  ])('fails %s at execution as Go does', (template, message) => {
    expect(() => goTemplate(template, pod)).toThrow(GoTemplateError);
    expect(() => goTemplate(template, pod)).toThrow(message);
  });
});
