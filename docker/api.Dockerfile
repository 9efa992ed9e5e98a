# syntax=docker/dockerfile:1
# The Keta api image. Build from the repository root: docker build -f docker/api.Dockerfile .
# .ci/run replays the prune, install, build and deploy steps below without Docker.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS base
RUN npm install --global pnpm@12.21.0 turbo@2.11.11
WORKDIR /repo

# Only the workspace packages @keta/api needs, lockfile included.
FROM base AS prune
COPY . .
RUN turbo prune @keta/api --docker --out-dir /pruned

# Manifests first, so the dependency layer is cached until a manifest or the lockfile changes.
FROM base AS build
COPY --from=prune /pruned/json/ .
RUN pnpm install --frozen-lockfile
COPY --from=prune /pruned/full/ .
COPY tsconfig.base.json ./
RUN pnpm turbo run build --filter=@keta/api \
 && pnpm --filter @keta/api deploy --prod /deploy

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /deploy ./
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
