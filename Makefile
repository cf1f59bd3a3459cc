# Living Lab: the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000
PYTEST_ARGS ?=
MANAGE := $(BIN)/python manage.py

LOCK := requirements.lock
AUDIT_SERVICE ?= pypi

.PHONY: run test install lock audit e2e-deps lint format check messages demo-data services-up services-down clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall whenever pyproject.toml or the lock changes: every package from
# requirements.lock, each checked against its hash, then the project itself
# (no dependencies of its own: they are all in the lock).
$(VENV)/.installed: pyproject.toml $(LOCK) | $(BIN)/python
	@$(BIN)/python scripts/check_lock.py
	$(BIN)/python -m pip install --quiet --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

install: $(VENV)/.installed

## Re-resolve requirements.lock from pyproject.toml (after adding or bumping a
## dependency there), with hashes for every platform; then `make install`.
lock: | $(BIN)/python
	$(BIN)/python -m pip install --quiet "$$($(BIN)/python scripts/check_lock.py --pin uv)"
	$(BIN)/python -m uv pip compile pyproject.toml --extra dev --generate-hashes \
		--universal --python-version 3.11 --no-header --quiet --output-file $(LOCK)
	@$(BIN)/python scripts/check_lock.py && echo "$(LOCK) matches pyproject.toml"

## Known vulnerabilities in the locked packages (pip-audit; needs a network
## that reaches the vulnerability database: AUDIT_SERVICE=pypi or osv).
audit: install
	@$(BIN)/python scripts/vulndb_probe.py $(AUDIT_SERVICE)
	$(BIN)/pip-audit --requirement $(LOCK) --require-hashes --disable-pip --strict \
		--progress-spinner off --vulnerability-service $(AUDIT_SERVICE)

## Serve the site on http://127.0.0.1:$(PORT) with SQLite and the database search fallback,
## and a background-job worker beside it (stopped when the server stops).
run: install
	$(MANAGE) migrate --no-input
	$(MANAGE) load_initial_data
	@echo "Living Lab: http://127.0.0.1:$(PORT)/  (admin: http://127.0.0.1:$(PORT)/admin/)"
	@$(MANAGE) db_worker --no-reload --interval 2 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver 127.0.0.1:$(PORT)

## The browser tests' accessibility engine (axe-core from the npm registry).
AXE := tests/e2e/node_modules/axe-core/axe.min.js
$(AXE): tests/e2e/package.json tests/e2e/package-lock.json
	@if command -v npm >/dev/null; then \
		npm ci --prefix tests/e2e --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the accessibility checks cannot run"; fi

e2e-deps: $(AXE)
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "installing Debian's chromium for the browser tests"; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null \
			|| { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null; }; \
		else echo "chromium not installed: the browser journeys will be skipped (apt-get install chromium chromium-driver)"; fi; \
	fi

## The whole test suite (DATABASE_URL / ELASTICSEARCH_URL pick the services).
## Browser journeys run when DATABASE_URL is PostgreSQL and Chromium is installed.
test: install e2e-deps
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Every directory of Django templates (djhtml indents them; make lint checks).
TEMPLATE_DIRS = templates $(wildcard livinglab/*/templates)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python scripts/check_layers.py
	$(BIN)/djhtml --check $(TEMPLATE_DIRS)

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .
	$(BIN)/djhtml $(TEMPLATE_DIRS)

check: install
	$(MANAGE) check
	$(MANAGE) makemigrations --check --dry-run

## Refresh and compile the Indonesian translations (needs GNU gettext).
messages: install
	$(MANAGE) makemessages -l id --ignore=.venv --ignore=static --ignore=bench --ignore=tests
	$(MANAGE) compilemessages --ignore=.venv

demo-data: install
	$(MANAGE) load_initial_data

## Local PostgreSQL and Elasticsearch for running tests as CI does.
services-up:
	@scripts/postgres.sh start
	@scripts/elasticsearch.sh start

services-down:
	-scripts/elasticsearch.sh stop
	-scripts/postgres.sh stop

clean:
	rm -rf $(VENV) db.sqlite3 static media
