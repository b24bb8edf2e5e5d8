{{- define "refund-service.fullname" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "refund-service.selectorLabels" -}}
app.kubernetes.io/name: {{ include "refund-service.fullname" . }}
{{- end -}}

{{- define "refund-service.labels" -}}
{{ include "refund-service.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- with .Values.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "refund-service.image" -}}
{{- $ref := .Values.image.repository -}}
{{- with .Values.image.tag }}{{ $ref = printf "%s:%s" $ref . }}{{ end -}}
{{- with .Values.image.digest }}{{ $ref = printf "%s@%s" $ref . }}{{ end -}}
{{- $ref -}}
{{- end -}}
