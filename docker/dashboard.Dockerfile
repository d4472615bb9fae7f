# The dashboard: SvelteKit on adapter-node. Build from the repository root:
#   docker build -f docker/dashboard.Dockerfile -t baton-dashboard .
ARG NODE_IMAGE=node:20.20-bookworm-slim

FROM ${NODE_IMAGE} AS base
ENV COREPACK_ENABLE_DOWNLOAD_PROMPT=0
RUN corepack enable
WORKDIR /app
COPY package.json pnpm-lock.yaml pnpm-workspace.yaml tsconfig.json tsconfig.base.json ./
COPY packages/cadence/package.json packages/cadence/
COPY apps/ingest/package.json apps/ingest/
COPY apps/dashboard/package.json apps/dashboard/

# The dashboard takes the service's API types from its build.
FROM base AS build
RUN pnpm install --frozen-lockfile --ignore-scripts --filter @baton/dashboard...
COPY packages/cadence packages/cadence
COPY apps/ingest apps/ingest
COPY apps/dashboard apps/dashboard
RUN pnpm --filter @baton/dashboard... build

FROM base AS prod-deps
RUN pnpm install --frozen-lockfile --ignore-scripts --prod --filter @baton/dashboard...

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production \
    BATON_WEB_HOST=0.0.0.0 \
    BATON_WEB_PORT=3000
WORKDIR /app
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/packages/cadence/node_modules packages/cadence/node_modules
COPY --from=prod-deps /app/apps/dashboard/node_modules apps/dashboard/node_modules
COPY --from=build /app/packages/cadence/package.json packages/cadence/package.json
COPY --from=build /app/packages/cadence/dist packages/cadence/dist
COPY --from=build /app/apps/dashboard/package.json apps/dashboard/package.json
COPY --from=build /app/apps/dashboard/build apps/dashboard/build
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:3000/login').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "apps/dashboard/build/index.js"]
