package main

import (
	"bytes"
	"strings"
	"testing"
)

// deployment is a Deployment that passes every check; cases below break it one way at a time.
const deployment = `---
# Source: streaming/templates/deployment.yaml
apiVersion: apps/v1
kind: Deployment
metadata:
  name: gateway
spec:
  replicas: 2
  selector:
    matchLabels: {app: gateway}
  template:
    metadata:
      labels: {app: gateway}
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
        - name: gateway
          image: streaming/gateway:1.0.0
          env:
            - {name: PORT, value: "8080"}
          ports:
            - {name: http, containerPort: 8080}
          resources:
            requests: {cpu: 100m, memory: 128Mi}
            limits: {memory: 256Mi}
          readinessProbe:
            httpGet: {path: /ready, port: http}
          livenessProbe:
            httpGet: {path: /live, port: http}
          securityContext:
            readOnlyRootFilesystem: true
            allowPrivilegeEscalation: false
            capabilities: {drop: [ALL]}
`

const service = `---
# Source: streaming/templates/service.yaml
apiVersion: v1
kind: Service
metadata:
  name: gateway
spec:
  selector: {app: gateway}
  ports:
    - {name: http, port: 80, targetPort: http}
`

const serviceMonitor = `---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: gateway
spec:
  selector:
    matchLabels: {app: gateway}
  namespaceSelector: {matchNames: [streaming]}
  endpoints:
    - {port: http, path: /metrics, interval: 30s, scheme: http}
`

func TestCheckStream(t *testing.T) {
	tests := []struct {
		name     string
		input    string
		summary  string   // expected success line, when no problems are expected
		problems []string // expected substrings, one per problem line, in order
	}{
		{
			name:    "valid deployment and service",
			input:   deployment + service,
			summary: "ok: 2 objects (Deployment: 1, Service: 1)",
		},
		{
			name:    "empty stream",
			input:   "",
			summary: "ok: 0 objects",
		},
		{
			name:    "only separators, comments and empty documents",
			input:   "---\n# Source: streaming/templates/hpa.yaml\n---\n\n---\n",
			summary: "ok: 0 objects",
		},
		{
			name:    "service monitor",
			input:   serviceMonitor,
			summary: "ok: 1 objects (ServiceMonitor: 1)",
		},
		{
			name:     "unknown field",
			input:    strings.Replace(deployment, "  replicas: 2", "  replica: 2", 1),
			problems: []string{`stdin: document 1 (Deployment/gateway): unknown field "spec.replica"`},
		},
		{
			name:     "unknown field in a service monitor",
			input:    strings.Replace(serviceMonitor, "scheme: http", "schema: http", 1),
			problems: []string{`document 1 (ServiceMonitor/gateway): unknown field "spec.endpoints[0].schema"`},
		},
		{
			// encoding/json would match this to "replicas"; the API server does not.
			name:     "field name in the wrong case",
			input:    strings.Replace(deployment, "  replicas: 2", "  Replicas: 2", 1),
			problems: []string{`unknown field "spec.Replicas"`},
		},
		{
			name:     "wrong type",
			input:    strings.Replace(deployment, "replicas: 2", `replicas: "two"`, 1),
			problems: []string{"cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32"},
		},
		{
			// The classic chart bug: an unquoted number where the API wants a string.
			name:     "number for a string",
			input:    strings.Replace(deployment, `value: "8080"`, "value: 8080", 1),
			problems: []string{"cannot unmarshal number into Go struct field EnvVar.spec.template.spec.containers.env.value of type string"},
		},
		{
			name:     "duplicate key",
			input:    service + "  type: ClusterIP\n  type: NodePort\n",
			problems: []string{`document 1 (Service/gateway): invalid YAML: yaml: unmarshal errors: line 12: key "type" already set in map`},
		},
		{
			name:     "unknown kind",
			input:    service + "---\napiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n",
			problems: []string{"document 2 (Widget/w): no checker for kind Widget (apiVersion example.com/v1)"},
		},
		{
			name:     "known kind, removed apiVersion",
			input:    "apiVersion: policy/v1beta1\nkind: PodDisruptionBudget\nmetadata: {name: p}\n",
			problems: []string{"no checker for kind PodDisruptionBudget (apiVersion policy/v1beta1)"},
		},
		{
			name:     "no kind",
			input:    "apiVersion: v1\nmetadata: {name: x}\n",
			problems: []string{"(?/x): apiVersion and kind must both be set"},
		},
		{
			name:     "no name",
			input:    "apiVersion: v1\nkind: ConfigMap\ndata: {a: b}\n",
			problems: []string{"(ConfigMap/?): metadata.name is empty"},
		},
		{
			name: "container without resources",
			input: service + strings.Replace(deployment,
				"            requests: {cpu: 100m, memory: 128Mi}\n            limits: {memory: 256Mi}\n", "            {}\n", 1),
			problems: []string{
				`document 2 (Deployment/gateway): container "gateway": no resources.requests`,
				`document 2 (Deployment/gateway): container "gateway": no resources.limits`,
			},
		},
		{
			name: "statefulset with a claim per pod",
			input: strings.Replace(strings.Replace(deployment, "kind: Deployment", "kind: StatefulSet", 1),
				"  replicas: 2\n", "  replicas: 2\n  serviceName: gateway\n  volumeClaimTemplates:\n"+
					"    - metadata: {name: journal}\n      spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n", 1),
			summary: "ok: 1 objects (StatefulSet: 1)",
		},
		{
			name: "statefulset container without probes",
			input: strings.Replace(strings.Replace(deployment, "kind: Deployment", "kind: StatefulSet", 1),
				"          readinessProbe:\n            httpGet: {path: /ready, port: http}\n", "", 1),
			problems: []string{`(StatefulSet/gateway): container "gateway": no readinessProbe`},
		},
		{
			name:     "request above limit",
			input:    strings.Replace(deployment, "memory: 128Mi", "memory: 512Mi", 1),
			problems: []string{`container "gateway": resources.requests.memory 512Mi is more than its limit 256Mi`},
		},
		{
			name:     "selector does not select the pods",
			input:    strings.Replace(deployment, "labels: {app: gateway}", "labels: {app: web}", 1),
			problems: []string{"spec.selector does not select spec.template.metadata.labels"},
		},
		{
			name: "no readinessProbe, empty livenessProbe, no securityContext",
			input: strings.NewReplacer(
				"          readinessProbe:\n            httpGet: {path: /ready, port: http}\n", "",
				"          livenessProbe:\n            httpGet: {path: /live, port: http}\n", "          livenessProbe: {}\n",
				"      securityContext:\n        runAsNonRoot: true\n", "",
				"          securityContext:\n            readOnlyRootFilesystem: true\n            allowPrivilegeEscalation: false\n            capabilities: {drop: [ALL]}\n", "",
			).Replace(deployment),
			problems: []string{
				`container "gateway": no readinessProbe`,
				`container "gateway": livenessProbe has no exec, httpGet, tcpSocket or grpc`,
				`container "gateway": securityContext.runAsNonRoot is not true`,
				`container "gateway": securityContext.readOnlyRootFilesystem is not true`,
				`container "gateway": securityContext.allowPrivilegeEscalation is not false`,
				`container "gateway": securityContext.capabilities.drop does not contain ALL`,
			},
		},
		{
			name:     "not a mapping",
			input:    "- a\n- b\n",
			problems: []string{"document 1 (?/?): not a YAML mapping"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(nil, strings.NewReader(tt.input), &stdout, &stderr)
			lines := strings.FieldsFunc(stderr.String(), func(r rune) bool { return r == '\n' })

			if tt.problems == nil {
				if code != 0 || stdout.String() != tt.summary+"\n" || len(lines) != 0 {
					t.Fatalf("want exit 0 and %q; got exit %d, stdout %q, stderr:\n%s", tt.summary, code, stdout.String(), stderr.String())
				}
				return
			}
			if code != 1 || stdout.Len() != 0 {
				t.Fatalf("want exit 1 and no stdout; got exit %d, stdout %q", code, stdout.String())
			}
			if len(lines) != len(tt.problems) {
				t.Fatalf("want %d problems, got %d:\n%s", len(tt.problems), len(lines), stderr.String())
			}
			for i, want := range tt.problems {
				if !strings.Contains(lines[i], want) {
					t.Errorf("problem %d: want it to contain %q, got %q", i+1, want, lines[i])
				}
			}
		})
	}
}

func TestUsageAndIOErrors(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run([]string{"-x"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("unknown flag: want exit 2, got %d", code)
	}
	stderr.Reset()
	if code := run([]string{"/nonexistent/manifest.yaml"}, strings.NewReader(""), &stdout, &stderr); code != 2 {
		t.Errorf("missing file: want exit 2, got %d (stderr %q)", code, stderr.String())
	}
}
