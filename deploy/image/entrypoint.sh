#!/bin/sh
# The image's one entrypoint (Dockerfile): runs the service its argument names, `gateway`, `edge` or a
# subgraph (a folder of subgraphs/), with `exec`, so that the service is PID 1 and SIGTERM reaches its
# own drain: in-flight requests finish within SHUTDOWN_GRACE_MS, then it exits.
set -eu
service="${1:-}"
case "$service" in
  gateway) entry=gateway/src/index.ts ;;
  edge) entry=edge/src/index.ts ;;
  '' | */* | .*) entry='' ;;
  *) entry="subgraphs/$service/src/index.ts" ;;
esac
if [ -z "$entry" ] || [ ! -f "$entry" ]; then
  echo "usage: <gateway | edge | $(ls subgraphs | tr '\n' ' ' | sed 's/ $//; s/ / | /g')>" >&2
  exit 64
fi
exec node --import tsx "$entry"
