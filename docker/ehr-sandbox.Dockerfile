# syntax=docker/dockerfile:1
# The Keta EHR sandbox image. Build from the repository root: docker build -f docker/ehr-sandbox.Dockerfile .
# .ci/run replays the prune, install, build and deploy steps below without Docker.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
RUN npm install --global pnpm@12.21.0 turbo@2.11.11
WORKDIR /repo

# Only the workspace packages @keta/ehr-sandbox needs, lockfile included.
FROM base AS prune
COPY . .
RUN turbo prune @keta/ehr-sandbox --docker --out-dir /pruned

# Manifests first, so the dependency layer is cached until a manifest or the lockfile changes.
FROM base AS build
COPY --from=prune /pruned/json/ .
RUN pnpm install --frozen-lockfile
COPY --from=prune /pruned/full/ .
COPY tsconfig.base.json ./
RUN pnpm turbo run build --filter=@keta/ehr-sandbox \
 && pnpm --filter @keta/ehr-sandbox deploy --prod /deploy

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /deploy ./
USER node
EXPOSE 8103
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8103/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
