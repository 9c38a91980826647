# One image for every service of the hub; docker-compose.yml picks the entry point with
# `command` (node gateway/dist/main.js, node subgraphs/<name>/dist/main.js).
# What is not a service stays out of the runtime image: the web app's sources and their
# dependencies (only web/dist is copied), the test harness (testing/), the benchmarks, and
# packages/local-postgres (the embedded PostgreSQL of local runs and tests).
# No secret is baked in: INTERNAL_TOKEN_SECRET, SESSION_SECRET, <PREFIX>_DATABASE_URL... come
# from the environment at run time. No HUB_MODE either: a service not told its mode runs in
# production, and refuses to start without secrets of its own. The embedded PostgreSQL of
# `npm start` (packages/local-postgres) is not installed in the image.

# --- build: compile every workspace (tsc -b) and the web app (vite) ---------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the npm ci layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY packages/kit/package.json packages/kit/
COPY packages/reference/package.json packages/reference/
COPY packages/local-postgres/package.json packages/local-postgres/
COPY subgraphs/people-territories/package.json subgraphs/people-territories/
COPY subgraphs/projects/package.json subgraphs/projects/
COPY subgraphs/funding/package.json subgraphs/funding/
COPY subgraphs/reporting/package.json subgraphs/reporting/
COPY schema/package.json schema/
COPY gateway/package.json gateway/
COPY web/package.json web/
COPY testing/package.json testing/
COPY bench/package.json bench/
RUN npm ci
COPY . .
RUN npx tsc -b && npm run build -w web

# --- deps: the services' production dependencies only (no devDependencies, and only the
# workspaces the services run: not web, testing, bench, schema or local-postgres) ----------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY packages/kit/package.json packages/kit/
COPY packages/reference/package.json packages/reference/
COPY packages/local-postgres/package.json packages/local-postgres/
COPY subgraphs/people-territories/package.json subgraphs/people-territories/
COPY subgraphs/projects/package.json subgraphs/projects/
COPY subgraphs/funding/package.json subgraphs/funding/
COPY subgraphs/reporting/package.json subgraphs/reporting/
COPY schema/package.json schema/
COPY gateway/package.json gateway/
COPY web/package.json web/
COPY testing/package.json testing/
COPY bench/package.json bench/
RUN npm ci --omit=dev -w packages/kit -w packages/reference -w subgraphs/people-territories -w subgraphs/projects \
      -w subgraphs/funding -w subgraphs/reporting -w gateway \
    && npm cache clean --force

# --- runtime: production node_modules + compiled output + the files read at run time ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# node_modules (with the @hub/* workspace links) and every workspace's package.json.
COPY --from=deps /app ./
COPY --from=build /app/packages/kit/dist packages/kit/dist
COPY --from=build /app/packages/reference/dist packages/reference/dist
# Reference data read through __dirname (packages/reference/src/cog.ts, funding stand-in).
COPY --from=build /app/packages/reference/data packages/reference/data
COPY --from=build /app/subgraphs/people-territories/dist subgraphs/people-territories/dist
COPY --from=build /app/subgraphs/projects/dist subgraphs/projects/dist
COPY --from=build /app/subgraphs/funding/dist subgraphs/funding/dist
COPY --from=build /app/subgraphs/funding/data subgraphs/funding/data
COPY --from=build /app/subgraphs/reporting/dist subgraphs/reporting/dist
COPY --from=build /app/gateway/dist gateway/dist
# The programmes' registered operations (trusted documents), read through __dirname.
COPY --from=build /app/gateway/trusted-documents gateway/trusted-documents
# The gateway reads the committed supergraph and serves the built web app: said explicitly, as
# the schema and web workspaces are not installed here.
COPY --from=build /app/schema/supergraph.graphql schema/supergraph.graphql
COPY --from=build /app/web/dist web/dist
ENV SUPERGRAPH_PATH=/app/schema/supergraph.graphql \
    WEB_DIST=/app/web/dist
# The documents volume takes this folder's owner on first mount.
RUN mkdir -p /var/lib/hub/documents && chown node:node /var/lib/hub/documents
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "gateway/dist/main.js"]
