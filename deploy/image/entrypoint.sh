#!/bin/sh
# The image's one entrypoint (Dockerfile): runs the service its argument names, `gateway`, `edge` or a
# subgraph (a folder of subgraphs/), from its bundle (dist/, `npm run build:services`), with `exec`, so
# that the service is PID 1 and SIGTERM reaches its own drain: in-flight requests finish within
# SHUTDOWN_GRACE_MS, then it exits.
set -eu
service="${1:-}"
case "$service" in
  gateway | edge) ;;
  '' | */* | .*) service='' ;;
  *) [ -d "subgraphs/$service" ] || service='' ;;
esac
if [ -z "$service" ]; then
  echo "usage: <gateway | edge | $(ls subgraphs | tr '\n' ' ' | sed 's/ $//; s/ / | /g')>" >&2
  exit 64
fi
bundle="dist/$service.js"
if [ ! -f "$bundle" ]; then
  echo "$bundle is missing: the image's build runs npm run build:services" >&2
  exit 70
fi

# V8 sizes its heap by the host's memory, not the container's: on a large node it lets the heap grow
# far past a 512 MiB limit before collecting, and the kernel kills the pod. Under a cgroup v2 memory
# limit, the old generation gets half of it (the rest: the young generation, code, buffers, the
# binary), unless NODE_OPTIONS already says. docs/deploy.md.
limit=$(cat "${CGROUP_DIR:-/sys/fs/cgroup}/memory.max" 2>/dev/null || echo max)
case "${NODE_OPTIONS:-}" in
  *max-old-space-size* | *max_old_space_size*) ;;
  *)
    if [ "$limit" != max ] && [ "$limit" -gt 0 ] 2>/dev/null; then
      NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--max-old-space-size=$((limit / 1048576 / 2))"
      export NODE_OPTIONS
    fi
    ;;
esac
exec node "$bundle"
