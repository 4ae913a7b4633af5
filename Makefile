# twopointo — every target is a thin call into npm scripts or scripts/.
SHELL := /bin/bash
.DEFAULT_GOAL := help
NPM_STAMP := node_modules/.install-stamp
WEB_DIST := apps/web/dist/index.html

.PHONY: help dev test test-unit test-e2e test-soak lint typecheck install identity-keygen dev-up minio-init \
	dev-down dev-up-all run-identity run-official run-edge build-all gen-permissions migrate-up \
	dev-delete-user dev-reset-db web-install web-dev web-build bench

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  make %-18s %s\n", $$1, $$2}'

$(NPM_STAMP): package.json package-lock.json $(wildcard */*/package.json)
	npm ci --no-audit --no-fund
	@touch $@

install: $(NPM_STAMP) ## Install dependencies (npm ci) when package files changed

$(WEB_DIST): $(NPM_STAMP) $(shell find apps/web/src apps/web/index.html -type f 2>/dev/null)
	npm run -w @twopointo/web build

web-build: $(WEB_DIST) ## Build the web client into apps/web/dist

dev: $(NPM_STAMP) $(WEB_DIST) ## Run the whole system on the embedded default (http://localhost:60420)
	npm start

test: $(NPM_STAMP) ## Install what is needed and run every test
	bash scripts/test.sh

test-soak: $(NPM_STAMP) ## Longer fault soak (not part of make test)
	SOAK=1 npx vitest run test/faults

lint: $(NPM_STAMP) ## ESLint + Prettier check
	npm run lint

typecheck: $(NPM_STAMP) ## tsc --noEmit over the whole repo
	npm run typecheck

identity-keygen: $(NPM_STAMP) ## Generate RSA key for identity service (once, idempotent)
	npx tsx scripts/identity-keygen.ts

dev-up: $(NPM_STAMP) ## Start infra (Postgres + Redis + NATS + MinIO + migrations)
	bash scripts/dev-up.sh

minio-init: $(NPM_STAMP) ## Create MinIO bucket + CORS policy (run once after make dev-up)
	npx tsx scripts/minio-init.ts

dev-down: $(NPM_STAMP) ## Stop infra
	bash scripts/dev-down.sh

dev-up-all: $(NPM_STAMP) ## Start infra + app services via Docker build
	bash scripts/dev-up.sh --all

run-identity: $(NPM_STAMP) ## Run identity service locally (reads .env)
	npx tsx services/identity/src/main.ts

run-official: $(NPM_STAMP) ## Run official API locally
	npx tsx services/official/src/main.ts

run-edge: $(NPM_STAMP) $(WEB_DIST) ## Run edge proxy + WS hub locally
	npx tsx services/edge/src/main.ts

build-all: $(NPM_STAMP) ## Build all three services to bin/
	npx tsx scripts/build-all.ts

gen-permissions: $(NPM_STAMP) ## Regenerate TS permission constants from permissions.json
	npm run gen:permissions

migrate-up: $(NPM_STAMP) ## Apply database migrations
	npm run migrate

dev-delete-user: $(NPM_STAMP) ## Delete one user + all their data (EMAIL=x@y.z, irreversible)
	@test -n "$(EMAIL)" || { echo "usage: make dev-delete-user EMAIL=x@y.z" >&2; exit 2; }
	npx tsx scripts/delete-user.ts "$(EMAIL)"

dev-reset-db: $(NPM_STAMP) ## Truncate every app table (asks for RESET; schema untouched)
	npx tsx scripts/reset-db.ts

web-install: ## Install the web client's dependencies (first time)
	npm ci --no-audit --no-fund && touch $(NPM_STAMP)

web-dev: $(NPM_STAMP) ## Start Vite on http://localhost:5173
	npm run -w @twopointo/web dev

bench: $(NPM_STAMP) ## Run a benchmark scenario (SCENARIO=fanout|ceiling|idle|storm|rest)
	npm run bench -- $(SCENARIO)
