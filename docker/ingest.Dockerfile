# The ingest service: API, connectors, evaluation. Build from the repository root:
#   docker build -f docker/ingest.Dockerfile -t baton-ingest .
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS base
# pnpm comes from corepack, pinned by package.json's packageManager (with its hash).
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.json tsconfig.base.json ./
COPY packages/cadence/package.json packages/cadence/
COPY apps/ingest/package.json apps/ingest/
COPY apps/dashboard/package.json apps/dashboard/

# Everything needed to compile (types and test helpers are compiled too).
FROM base AS build
RUN pnpm install --frozen-lockfile --ignore-scripts --filter @baton/ingest...
COPY packages/cadence packages/cadence
COPY apps/ingest apps/ingest
RUN pnpm --filter @baton/ingest... build

# Only what runs: production dependencies of the service and the engine.
FROM base AS prod-deps
RUN pnpm install --frozen-lockfile --ignore-scripts --prod --filter @baton/ingest...

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BATON_API_HOST=0.0.0.0 \
    BATON_API_PORT=8787 \
    BATON_DATA_DIR=/data
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/packages/cadence/node_modules packages/cadence/node_modules
COPY --from=prod-deps /app/apps/ingest/node_modules apps/ingest/node_modules
COPY --from=build /app/packages/cadence/package.json packages/cadence/package.json
COPY --from=build /app/packages/cadence/dist packages/cadence/dist
COPY --from=build /app/apps/ingest/package.json apps/ingest/package.json
COPY --from=build /app/apps/ingest/dist apps/ingest/dist
# The demo's score, played when no score is mounted.
COPY --from=build /app/apps/ingest/src/demo/demo.score.yaml apps/ingest/src/demo/demo.score.yaml
# PGlite's folder, when no DATABASE_URL is given; owned by the unprivileged user.
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# The same heap bound as `pnpm start` (see the README on memory).
CMD ["node", "--max-old-space-size=256", "apps/ingest/dist/src/main.js", "start"]
