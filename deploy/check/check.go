package main

import (
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	kjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// typeKey names a kind the way a manifest does: apiVersion plus kind.
type typeKey struct{ apiVersion, kind string }

// checkers maps each kind this tool knows to a constructor for the Go type it is decoded into.
// Anything else is refused: a kind nobody checks is a kind nobody validated.
var checkers = map[typeKey]func() any{
	{"apps/v1", "Deployment"}:                      func() any { return &appsv1.Deployment{} },
	{"apps/v1", "StatefulSet"}:                     func() any { return &appsv1.StatefulSet{} },
	{"v1", "Service"}:                              func() any { return &corev1.Service{} },
	{"v1", "ConfigMap"}:                            func() any { return &corev1.ConfigMap{} },
	{"v1", "Secret"}:                               func() any { return &corev1.Secret{} },
	{"v1", "ServiceAccount"}:                       func() any { return &corev1.ServiceAccount{} },
	{"autoscaling/v2", "HorizontalPodAutoscaler"}:  func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	{"policy/v1", "PodDisruptionBudget"}:           func() any { return &policyv1.PodDisruptionBudget{} },
	{"networking.k8s.io/v1", "NetworkPolicy"}:      func() any { return &networkingv1.NetworkPolicy{} },
	{"networking.k8s.io/v1", "Ingress"}:            func() any { return &networkingv1.Ingress{} },
	{"monitoring.coreos.com/v1", "ServiceMonitor"}: func() any { return &ServiceMonitor{} },
}

// ServiceMonitor is the part of the Prometheus Operator's ServiceMonitor (monitoring.coreos.com/v1)
// that the chart uses. It is not in k8s.io/api and the operator's module is large, so this is a local
// subset: a field the chart starts using must be added here, or the strict decode refuses it.
type ServiceMonitor struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata,omitempty"`
	Spec              ServiceMonitorSpec `json:"spec"`
}

type ServiceMonitorSpec struct {
	Selector          metav1.LabelSelector `json:"selector"`
	NamespaceSelector *NamespaceSelector   `json:"namespaceSelector,omitempty"`
	Endpoints         []Endpoint           `json:"endpoints,omitempty"`
}

type NamespaceSelector struct {
	Any        bool     `json:"any,omitempty"`
	MatchNames []string `json:"matchNames,omitempty"`
}

type Endpoint struct {
	Port     string `json:"port,omitempty"`
	Path     string `json:"path,omitempty"`
	Interval string `json:"interval,omitempty"`
	Scheme   string `json:"scheme,omitempty"`
}

// result gathers what one run found, over all its inputs.
type result struct {
	counts   map[string]int // decoded objects per kind
	problems []string       // one formatted line per problem
}

func newResult() *result { return &result{counts: map[string]int{}} }

// docSeparator is a line holding `---`, optionally followed by a comment: how `helm template` and
// kubectl split a stream. A `---` inside a block scalar is indented, so it is not matched.
var docSeparator = regexp.MustCompile(`(?m)^---[ \t]*(?:#.*)?\r?$`)

// checkStream checks every document read from r, recording problems under source (a file name or
// "stdin"). The error is for reading only: what is wrong with the manifests goes into res.
func checkStream(source string, r io.Reader, res *result) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	text := string(data)
	// Each document with the line it starts on (its `---` line), which YAML errors need: theirs
	// count from the document's first line, not the input's.
	type document struct {
		text string
		line int
	}
	var docs []document
	start := 0
	for _, sep := range docSeparator.FindAllStringIndex(text, -1) {
		docs = append(docs, document{text[start:sep[0]], 1 + strings.Count(text[:start], "\n")})
		start = sep[1]
	}
	docs = append(docs, document{text[start:], 1 + strings.Count(text[:start], "\n")})
	// `helm template` output starts with `---`: what comes before it is not a document of its own,
	// so numbering starts at the first real one, as a reader counting separators would.
	if blank(docs[0].text) {
		docs = docs[1:]
	}
	for i, doc := range docs {
		checkDocument(source, i+1, doc.line, doc.text, res)
	}
	return nil
}

// blank reports whether text holds only whitespace and comments.
func blank(text string) bool {
	for line := range strings.Lines(text) {
		line = strings.TrimSpace(line)
		if line != "" && !strings.HasPrefix(line, "#") {
			return false
		}
	}
	return true
}

// yamlLine is how YAML errors give a position.
var yamlLine = regexp.MustCompile(`\bline [0-9]+\b`)

func checkDocument(source string, n, line int, doc string, res *result) {
	kind, name := "?", "?"
	report := func(format string, args ...any) {
		// One line per problem, so that each can be grepped: YAML errors come on several lines.
		msg := strings.Join(strings.Fields(fmt.Sprintf(format, args...)), " ")
		res.problems = append(res.problems, fmt.Sprintf("%s: document %d (%s/%s): %s", source, n, kind, name, msg))
	}

	// YAML to JSON with no target type, as kubectl and helm send it to the API server: a number where
	// a string belongs (an unquoted env value, say) stays a number and is refused below, as the server
	// refuses it. Duplicate keys are refused here.
	data, yamlErr := yaml.YAMLToJSONStrict([]byte(doc))
	if yamlErr != nil {
		// Still try to say which object it is: duplicate keys are the one error a lenient read forgives.
		data, _ = yaml.YAMLToJSON([]byte(doc))
	}
	if yamlErr == nil && string(data) == "null" {
		return // an empty document: a template that rendered nothing
	}

	// Read apiVersion, kind and name leniently first, so every problem below can say which object.
	var head map[string]any
	headErr := json.Unmarshal(data, &head)
	apiVersion, _ := head["apiVersion"].(string)
	if k, ok := head["kind"].(string); ok && k != "" {
		kind = k
	}
	if meta, ok := head["metadata"].(map[string]any); ok {
		if s, ok := meta["name"].(string); ok && s != "" {
			name = s
		}
	}
	switch {
	case yamlErr != nil:
		// Renumber "line N" to count from the top of the input, where an editor will look.
		msg := yamlLine.ReplaceAllStringFunc(yamlErr.Error(), func(m string) string {
			n, _ := strconv.Atoi(strings.TrimPrefix(m, "line "))
			return fmt.Sprintf("line %d", line+n-1)
		})
		report("invalid YAML: %s", msg)
		return
	case headErr != nil:
		report("not a YAML mapping")
		return
	case apiVersion == "" || kind == "?":
		report("apiVersion and kind must both be set")
		return
	}
	newObject, ok := checkers[typeKey{apiVersion, kind}]
	if !ok {
		report("no checker for kind %s (apiVersion %s)", kind, apiVersion)
		return
	}

	// The decoder the API server uses: field names match case-sensitively (encoding/json would take
	// `Replicas` for `replicas`), unknown and duplicate fields are reported, and a wrong type is an error.
	obj := newObject()
	strictErrs, err := kjson.UnmarshalStrict(data, obj)
	if err != nil {
		report("%v", err)
		return
	}
	for _, e := range strictErrs {
		report("%v", e)
	}
	res.counts[kind]++
	// Stop at decoding problems: a misspelt field would otherwise be reported again as missing.
	if len(strictErrs) > 0 {
		return
	}

	if name == "?" {
		report("metadata.name is empty")
	}
	var problems []string
	switch w := obj.(type) {
	case *appsv1.Deployment:
		problems = workloadProblems(w.Spec.Selector, w.Spec.Template)
	case *appsv1.StatefulSet:
		problems = workloadProblems(w.Spec.Selector, w.Spec.Template)
	}
	for _, p := range problems {
		report("%s", p)
	}
}

// workloadProblems checks, for a Deployment or a StatefulSet, what a decode cannot: what our pods must
// carry to be scheduled fairly, health-checked and locked down, and three mistakes the API server
// would reject on create (a selector that does not select the template, a request above its limit, a
// probe with no handler).
func workloadProblems(selector *metav1.LabelSelector, template corev1.PodTemplateSpec) []string {
	var problems []string
	add := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	// apps/v1 requires a selector, and refuses one that does not select the pods it creates.
	if selector == nil {
		add("spec.selector is missing")
	} else if sel, err := metav1.LabelSelectorAsSelector(selector); err != nil {
		add("spec.selector: %v", err)
	} else if sel.Empty() {
		add("spec.selector is empty")
	} else if !sel.Matches(labels.Set(template.Labels)) {
		add("spec.selector does not select spec.template.metadata.labels")
	}

	pod := template.Spec
	if len(pod.Containers) == 0 {
		add("spec.template.spec.containers is empty")
	}
	for _, c := range pod.Containers {
		// Every problem below is about this container: say which.
		bad := func(format string, args ...any) { add("container %q: "+format, append([]any{c.Name}, args...)...) }

		// Requests are what the scheduler places pods by; limits stop one pod starving its neighbours.
		if len(c.Resources.Requests) == 0 {
			bad("no resources.requests")
		}
		if len(c.Resources.Limits) == 0 {
			bad("no resources.limits")
		}
		// The API server refuses a request above its limit. Sorted, so the output is stable.
		for _, res := range slices.Sorted(maps.Keys(c.Resources.Requests)) {
			req := c.Resources.Requests[res]
			if limit, ok := c.Resources.Limits[res]; ok && req.Cmp(limit) > 0 {
				bad("resources.requests.%s %s is more than its limit %s", res, req.String(), limit.String())
			}
		}

		// Without probes a rollout sends traffic to pods that cannot serve, and a wedged one stays.
		for _, probe := range []struct {
			field string
			p     *corev1.Probe
		}{{"readinessProbe", c.ReadinessProbe}, {"livenessProbe", c.LivenessProbe}} {
			switch {
			case probe.p == nil:
				bad("no %s", probe.field)
			case probe.p.Exec == nil && probe.p.HTTPGet == nil && probe.p.TCPSocket == nil && probe.p.GRPC == nil:
				bad("%s has no exec, httpGet, tcpSocket or grpc", probe.field)
			}
		}

		sc := c.SecurityContext
		if sc == nil {
			sc = &corev1.SecurityContext{} // report each setting it lacks, as for a partial one
		}
		// runAsNonRoot alone may come from the pod's securityContext: the container inherits it.
		runAsNonRoot := sc.RunAsNonRoot
		if runAsNonRoot == nil && pod.SecurityContext != nil {
			runAsNonRoot = pod.SecurityContext.RunAsNonRoot
		}
		if runAsNonRoot == nil || !*runAsNonRoot {
			bad("securityContext.runAsNonRoot is not true")
		}
		if sc.ReadOnlyRootFilesystem == nil || !*sc.ReadOnlyRootFilesystem {
			bad("securityContext.readOnlyRootFilesystem is not true")
		}
		// Unset means allowed: it has to be false explicitly.
		if sc.AllowPrivilegeEscalation == nil || *sc.AllowPrivilegeEscalation {
			bad("securityContext.allowPrivilegeEscalation is not false")
		}
		if sc.Capabilities == nil || !slices.Contains(sc.Capabilities.Drop, "ALL") {
			bad("securityContext.capabilities.drop does not contain ALL")
		}
	}
	return problems
}
