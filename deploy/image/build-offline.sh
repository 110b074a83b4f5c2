#!/usr/bin/env bash
# Builds the image (Dockerfile) where no image registry can be reached, as on this project's CI
# machine: buildah instead of a Docker daemon, and in place of node:20-bookworm-slim a base made here
# from Debian bookworm (debootstrap) and this machine's own Node.js 20 and npm. docs/deploy.md.
#
#   deploy/image/build-offline.sh [tag]        # default streaming-control-plane:0.1.0
#
# Needs root, debootstrap and buildah (Debian packages). The base's root filesystem is cached in
# ~/.cache/streaming-ci/ per Node.js version; images go to buildah's vfs storage. Behind a proxy that
# intercepts TLS, NODE_EXTRA_CA_CERTS (a PEM file) is mounted into the build for `npm ci`, never
# copied into the image.
set -euo pipefail
cd "$(dirname "$0")/../.."

TAG="${1:-streaming-control-plane:0.1.0}"
NODE_VERSION=$(node --version)
BASE="localhost/node:${NODE_VERSION#v}-bookworm-slim"
ROOTFS="${XDG_CACHE_HOME:-$HOME/.cache}/streaming-ci/node-${NODE_VERSION}-bookworm-rootfs"
BUILDAH=(buildah --storage-driver vfs)

log() { printf '[image] %s\n' "$*"; }

for tool in debootstrap buildah; do
  command -v "$tool" >/dev/null || { log "$tool is needed (apt-get install $tool)"; exit 1; }
done
case "$NODE_VERSION" in v20.*) ;; *) log "this machine's Node.js is $NODE_VERSION; the image runs 20"; exit 1 ;; esac

if [ ! -x "$ROOTFS/usr/bin/node" ]; then
  log "making the base's root filesystem in $ROOTFS (Debian bookworm + Node.js $NODE_VERSION)"
  rm -rf "$ROOTFS.tmp"
  debootstrap --variant=minbase bookworm "$ROOTFS.tmp" http://deb.debian.org/debian >/dev/null
  chroot "$ROOTFS.tmp" apt-get install -y --no-install-recommends libstdc++6 ca-certificates >/dev/null
  chroot "$ROOTFS.tmp" sh -c 'apt-get clean && rm -rf /var/lib/apt/lists/*'
  cp "$(command -v node)" "$ROOTFS.tmp/usr/bin/node"
  mkdir -p "$ROOTFS.tmp/usr/lib/node_modules"
  cp -a "$(npm root -g)/npm" "$ROOTFS.tmp/usr/lib/node_modules/npm"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$ROOTFS.tmp/usr/bin/npm"
  ln -sf ../lib/node_modules/npm/bin/npx-cli.js "$ROOTFS.tmp/usr/bin/npx"
  mv "$ROOTFS.tmp" "$ROOTFS"
fi

if ! "${BUILDAH[@]}" inspect --type image "$BASE" >/dev/null 2>&1; then
  log "making the base image $BASE"
  container=$("${BUILDAH[@]}" from scratch)
  cp -a "$ROOTFS/." "$("${BUILDAH[@]}" mount "$container")/"
  "${BUILDAH[@]}" config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin --cmd node "$container"
  "${BUILDAH[@]}" commit --rm "$container" "$BASE" >/dev/null
fi

ca=()
if [ -n "${NODE_EXTRA_CA_CERTS:-}" ] && [ -f "$NODE_EXTRA_CA_CERTS" ]; then
  ca=(--volume "$(dirname "$NODE_EXTRA_CA_CERTS"):/etc/build-ca:ro"
    --build-arg "NODE_EXTRA_CA_CERTS=/etc/build-ca/$(basename "$NODE_EXTRA_CA_CERTS")")
fi
log "building $TAG from the Dockerfile on $BASE"
"${BUILDAH[@]}" bud --isolation chroot --network host "${ca[@]}" --build-arg "NODE_IMAGE=$BASE" -t "$TAG" . >/dev/null
log "built $TAG: $("${BUILDAH[@]}" images --format '{{.Size}}' "$TAG")"
