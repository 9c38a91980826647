# One image for every service of the hub; docker-compose.yml picks the entry point with
# `command` (node gateway/dist/main.js, node subgraphs/<name>/dist/main.js).
# No secret is baked in: INTERNAL_TOKEN_SECRET, SESSION_SECRET, <PREFIX>_DATABASE_URL... come
# from the environment at run time. No HUB_MODE either: a service not told its mode runs in
# production, and refuses to start without secrets of its own. The embedded PostgreSQL of
# `npm start` is a devDependency: not in the image.

# --- build: compile every workspace (tsc -b) and the web app (vite) ---------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Manifests first, so the npm ci layer is reused while only sources change.
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/people-territories/package.json subgraphs/people-territories/
COPY subgraphs/projects/package.json subgraphs/projects/
COPY subgraphs/funding/package.json subgraphs/funding/
COPY subgraphs/reporting/package.json subgraphs/reporting/
COPY schema/package.json schema/
COPY gateway/package.json gateway/
COPY web/package.json web/
COPY bench/package.json bench/
RUN npm ci
COPY . .
RUN npx tsc -b && npm run build -w web

# --- deps: production dependencies only (same manifests, no devDependencies) -------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY subgraphs/kit/package.json subgraphs/kit/
COPY subgraphs/people-territories/package.json subgraphs/people-territories/
COPY subgraphs/projects/package.json subgraphs/projects/
COPY subgraphs/funding/package.json subgraphs/funding/
COPY subgraphs/reporting/package.json subgraphs/reporting/
COPY schema/package.json schema/
COPY gateway/package.json gateway/
COPY web/package.json web/
COPY bench/package.json bench/
RUN npm ci --omit=dev && npm cache clean --force

# --- runtime: production node_modules + compiled output + the files read at run time ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0
WORKDIR /app
# node_modules (with the @hub/* workspace links) and every workspace's package.json.
COPY --from=deps /app ./
COPY --from=build /app/subgraphs/kit/dist subgraphs/kit/dist
# Reference data read through __dirname (kit/src/reference/cog.ts, funding stand-in).
COPY --from=build /app/subgraphs/kit/data subgraphs/kit/data
COPY --from=build /app/subgraphs/people-territories/dist subgraphs/people-territories/dist
COPY --from=build /app/subgraphs/projects/dist subgraphs/projects/dist
COPY --from=build /app/subgraphs/funding/dist subgraphs/funding/dist
COPY --from=build /app/subgraphs/funding/data subgraphs/funding/data
COPY --from=build /app/subgraphs/reporting/dist subgraphs/reporting/dist
COPY --from=build /app/gateway/dist gateway/dist
# The gateway reads the committed supergraph (gateway/src/server.ts) and serves web/dist.
COPY --from=build /app/schema/supergraph.graphql schema/supergraph.graphql
COPY --from=build /app/web/dist web/dist
# The documents volume takes this folder's owner on first mount.
RUN mkdir -p /var/lib/hub/documents && chown node:node /var/lib/hub/documents
USER node
EXPOSE 4000 4001 4002 4003 4004
CMD ["node", "gateway/dist/main.js"]
