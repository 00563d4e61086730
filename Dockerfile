# syntax=docker/dockerfile:1
# Build stage: install everything, compile TypeScript to dist/ and bundle it into dist/app/.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
# The build's own steps (the start-up bundle).
COPY scripts ./scripts
# Only the app's own code: bench/ and tests/ are compiled separately and never ship (.dockerignore too).
COPY src ./src
COPY adapters ./adapters
# The build snapshots the validated knowledge files, so start-up can skip parsing YAML.
COPY knowledge ./knowledge
# The classifier the build trains learns from the evaluation's dev split too; the file stays in this stage.
COPY tests/knowledge/eval/dev.yaml ./tests/knowledge/eval/dev.yaml
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies, compiled code and the knowledge files only.
FROM node:20-bookworm-slim
ENV NODE_ENV=production STORE_URL=sqlite:///data/rustgo.sqlite PORT=3000
WORKDIR /app
COPY --from=build --chown=node:node /app/package.json ./
COPY --from=build --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node knowledge ./knowledge
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))"
# A smaller young generation than V8's 16 MB default keeps resident memory near 110 MB with both adapters (see the README).
CMD ["node", "--max-semi-space-size=8", "dist/app/main.js"]
