# One image for every service of the control plane: the argument names the service (`gateway`, a
# subgraph such as `playback`, or `edge`), deploy/image/entrypoint.sh runs it. docs/deploy.md.
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
# Behind a proxy that intercepts TLS, `npm ci` needs the proxy's CA: mount a PEM file into the build
# and name it here (docs/deploy.md). A build argument of this stage only: the image never holds it.
ARG NODE_EXTRA_CA_CERTS
WORKDIR /app
# Dependencies first, so that a change of the sources alone reuses this layer. Dependencies' own
# install scripts stay off, as npm 11 has them (.npmrc).
COPY package.json package-lock.json .npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
# The explorer's and the reference player's bundles and every service compiled into dist/ (what
# `npm ci` builds through `prepare`), then only what runs: no development dependencies in the image.
RUN npm run --silent prepare && npm prune --omit=dev --no-audit --no-fund

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json /app/tsconfig.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/lib ./lib
COPY --from=build /app/gateway ./gateway
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/edge ./edge
COPY --from=build /app/clients ./clients
COPY --from=build /app/schema ./schema
COPY --from=build /app/data ./data
COPY --from=build /app/deploy/image ./deploy/image
# Not root, and nothing written to the image: the chart mounts /tmp and the journal.
USER 10001:10001
ENTRYPOINT ["/app/deploy/image/entrypoint.sh"]
