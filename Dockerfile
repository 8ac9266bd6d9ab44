# The one image of the API and the worker (docker-compose.yml picks the command).
# Node 20.19+ runs our CommonJS build against the ESM-only NestJS 12 (require(esm)); see stack-notes.md.
FROM node:20-bookworm AS build
WORKDIR /app
COPY . .
# `npm ci` builds every project through the root `prepare` script (tsc -b tsconfig.build.json).
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=node:node /app /app
# Uploads and record packs live on a volume shared by the API and the workers; a fresh named volume
# takes this folder's ownership, so the unprivileged user can write to it.
RUN mkdir -p /data/uploads /data/packs && chown -R node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
CMD ["node", "apps/api/dist/main.js"]
