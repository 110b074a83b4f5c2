{{/* Names: "<release>-<service>", cut to the 63 characters Kubernetes allows. */}}
{{- define "streaming.name" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "streaming.labels" -}}
app.kubernetes.io/name: streaming
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{- define "streaming.selector" -}}
app.kubernetes.io/name: streaming
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .service }}
{{- end -}}

{{/*
The services to deploy, as JSON {"items": [...]}: the gateway, then every subgraph of the registry
(files/services.json, written by `npm run chart`), each with its settings: `defaults` merged with
its own entry of `services`.
*/}}
{{- define "streaming.services" -}}
{{- $registry := .Files.Get "files/services.json" | fromJson -}}
{{- $items := list -}}
{{- $gateway := merge (dict "kind" "gateway") $registry.gateway -}}
{{- range prepend $registry.subgraphs $gateway -}}
{{- $own := index $.Values.services .name | default dict -}}
{{- $settings := mergeOverwrite (deepCopy $.Values.defaults) (deepCopy $own) -}}
{{- $items = append $items (merge (dict "settings" $settings "kind" (.kind | default "subgraph")) .) -}}
{{- end -}}
{{- toJson (dict "items" $items) -}}
{{- end -}}

{{/*
FIELD_USAGE_STORE, the same for every service that reads it (the gateway writes field usage there, the
usage subgraph answers analysts from it): `fieldUsageStore`, else the shared Redis, else MongoDB, else
`off`.
*/}}
{{- define "streaming.fieldUsageStore" -}}
{{- .Values.fieldUsageStore | default .Values.redisUrl | default .Values.mongodbUri | default "off" -}}
{{- end -}}

{{/*
DECISION_STORE, the same for the gateway (which records every play decision there) and the usage
subgraph (which answers analysts from it): `decisionStore`, else MongoDB, else `off`.
*/}}
{{- define "streaming.decisionStore" -}}
{{- .Values.decisionStore | default .Values.mongodbUri | default "off" -}}
{{- end -}}

{{/* The Secret holding a service's keys. */}}
{{- define "streaming.keysSecret" -}}
{{- index .root.Values.keys.secrets .service | default (printf "%s-keys" (include "streaming.name" .)) -}}
{{- end -}}

{{/* What production needs and development may do without: refused at render time, with the reason. */}}
{{- define "streaming.validate" -}}
{{- if .Values.production -}}
{{- if not .Values.identity.issuer -}}
{{- fail "production: set identity.issuer, the issuer of the tokens the gateway accepts" -}}
{{- end -}}
{{- if not .Values.identity.jwksUrl -}}
{{- fail "production: set identity.jwksUrl, the identity provider's JWK Set" -}}
{{- end -}}
{{- if and .Values.ingress.enabled (not .Values.ingress.tlsSecret) -}}
{{- fail "production: the ingress needs TLS: set ingress.tlsSecret" -}}
{{- end -}}
{{- range (include "streaming.services" . | fromJson).items -}}
{{- if not (index $.Values.keys.secrets .name) -}}
{{- fail (printf "production: name the Secret holding the %s keys in keys.secrets.%s (never development keys)" .name .name) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- range (include "streaming.services" . | fromJson).items -}}
{{- $known := .env -}}
{{- $service := .name -}}
{{- range $variable, $value := .settings.env -}}
{{- if not (has $variable $known) -}}
{{- fail (printf "services.%s.env.%s: %s does not read this variable (files/services.json)" $service $variable $service) -}}
{{- end -}}
{{- if hasSuffix "_JWKS" $variable -}}
{{- fail (printf "services.%s.env.%s: keys come from the service's Secret, never from values" $service $variable) -}}
{{- end -}}
{{- if eq $variable "FIELD_USAGE_STORE" -}}
{{- fail (printf "services.%s.env.%s: set fieldUsageStore instead, so that the gateway and the usage subgraph share one store" $service $variable) -}}
{{- end -}}
{{- if eq $variable "DECISION_STORE" -}}
{{- fail (printf "services.%s.env.%s: set decisionStore instead, so that the gateway and the usage subgraph share one store" $service $variable) -}}
{{- end -}}
{{- end -}}
{{- end -}}
{{- end -}}
