# Tracer: `make run` starts the whole app on the embedded default; `make test` runs the whole suite.
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
RUN_STAMP := $(VENV)/.run-installed
DEV_STAMP := $(VENV)/.dev-installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test install install-dev lock audit chromium wrk alertmanager libmagic services lint typecheck pytest bench compose-check env-file duplicates clean

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the lock files (exact versions, verified by hash); the project itself goes in without deps.
$(RUN_STAMP): requirements/runtime.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/runtime.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@

$(DEV_STAMP): requirements/dev.txt pyproject.toml | $(VENV)/bin/python
	$(BIN)/pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/pip install --quiet --no-deps -e .
	@touch $@ $(RUN_STAMP)

## lock: re-resolve pyproject.toml into the hashed lock files (runtime and development sets).
lock: | $(VENV)/bin/python
	$(BIN)/pip install --quiet uv
	$(BIN)/uv pip compile pyproject.toml --generate-hashes --python-version 3.11 --upgrade -q -o requirements/runtime.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev --generate-hashes --python-version 3.11 --upgrade -q -o requirements/dev.txt

## audit: check the locked sets against the known-vulnerability databases (needs the advisory service online).
audit: | $(VENV)/bin/python
	$(BIN)/pip install --quiet pip-audit
	$(BIN)/pip-audit --strict --require-hashes -r requirements/runtime.txt
	$(BIN)/pip-audit --strict --require-hashes -r requirements/dev.txt

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

## make run: install, migrate SQLite, load the demo data, start web + worker + beat (Ctrl-C stops all).
run: $(RUN_STAMP) libmagic
	@bin/run-embedded

## make test: install (Python packages and Debian's chromium), lint, type-check, run every test.
test: $(DEV_STAMP) chromium alertmanager libmagic services
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy .
	$(BIN)/pytest

chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "Installing Debian's chromium for the browser tests..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium; }

## wrk: Debian's HTTP load generator, for the server benchmarks.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
		echo "Installing Debian's wrk for the benchmarks..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends wrk; }

## alertmanager: Debian's prometheus-alertmanager, a real alert source for the intake tests.
alertmanager:
	@command -v prometheus-alertmanager >/dev/null 2>&1 || { \
		echo "Installing Debian's prometheus-alertmanager for the alert intake tests..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends prometheus-alertmanager; }

## libmagic: Debian's libmagic1, which reads an upload's type from its content (python-magic).
libmagic:
	@ldconfig -p 2>/dev/null | grep -q 'libmagic\.so\.1' || { \
		echo "Installing Debian's libmagic1 for upload type detection..."; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends libmagic1; }

## services: check PostgreSQL and Redis answer (start them when they are installed locally but stopped).
services:
	@bin/ensure-services

lint:
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck:
	$(BIN)/mypy .

pytest: $(DEV_STAMP)
	$(BIN)/pytest $(ARGS)

## make bench: the benchmarks, each printed as a ratio against a baseline measured in the same run.
bench: $(DEV_STAMP) services wrk
	$(BIN)/python -m benchmarks

## env-file: write .env.production (random secret key and database passwords) for docker compose.
env-file:
	@bin/make-env-file .env.production

## compose-check: validate docker-compose.yml (the compose v2 plugin, else the standalone docker-compose).
compose-check: env-file
	@if docker compose version >/dev/null 2>&1; then docker compose config --quiet; \
	else command -v docker-compose >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends docker-compose; }; \
		docker-compose config --quiet; fi && echo "docker-compose.yml is valid"

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
