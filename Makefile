# Everything a fresh machine needs, from two commands: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
STUB_PORT ?= 9229
export PORT STUB_PORT

.DEFAULT_GOAL := help
.PHONY: help install css migrate run serve test unit e2e integration lint format chromium services bench screenshots clean

help:
	@echo "make run    - set up everything, start the Cognito stub and the site on :$(PORT)"
	@echo "make test   - lint, unit and stub contract tests, the browser suite, the multi-instance tests"
	@echo "make unit   - unit and stub contract tests only"
	@echo "make e2e    - the Playwright browser suite only (see README 'For QA')"
	@echo "make integration - two app instances (gunicorn) over Redis + PostgreSQL, and the stub"
	@echo "make serve  - the production server (gunicorn, collectstatic, migrate) on :$(PORT)"
	@echo "make lint   - ruff check and format check"
	@echo "make bench  - time each step against the local stub (a measurement, not a test)"
	@echo "make screenshots - every step and error state, light and dark, desktop and phone"

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: $(BIN)/python requirements.txt requirements-dev.txt
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(VENV)/.installed node_modules/.installed

# The CSS (Tailwind) and the scripts (minified by esbuild) from static/src/ into static/css/ and
# static/js/. crispy-tailwind's templates stay in site-packages; Tailwind is told where the ones
# our forms render are (templates/tailwind/ overrides the others we use; tests/unit/test_css.py
# checks that every class a page uses has its rule).
CRISPY_TEMPLATES := whole_uni_form uni_form display_form inputs layout/div layout/help_text_and_errors
css: install
	@dir=$$($(BIN)/python -c 'import crispy_tailwind, os; print(os.path.dirname(crispy_tailwind.__file__))'); \
	for name in $(CRISPY_TEMPLATES); do echo "@source \"$$dir/templates/tailwind/$$name.html\";"; done > static/src/crispy-source.css
	npm run --silent build:css
	npm run --silent build:js

migrate: install
	DEBUG=true $(BIN)/python manage.py migrate --verbosity 0

run: css migrate
	DEBUG=true $(BIN)/python scripts/run_dev.py

# Production settings under gunicorn, against the Cognito the environment names (else the stub).
serve: css
	$(BIN)/python scripts/serve.py

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

unit: css
	$(BIN)/pytest -q

chromium:
	@command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)

e2e: css chromium
	$(BIN)/pytest tests/e2e -q -p xdist -n 2 --tracing retain-on-failure --screenshot only-on-failure --output test-results

# Redis and PostgreSQL for the multi-instance tests (Debian packages; the tests start their own).
services:
	@command -v redis-server >/dev/null || (apt-get update -qq && apt-get install -y -qq redis-server)
	@ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq postgresql)

integration: css services
	$(BIN)/pytest tests/integration -q

test: lint unit e2e integration

bench: css
	$(BIN)/python scripts/benchmark.py

# Every step and error state at 1280x800 and 390x844, light and dark, in test-results/screenshots/
# (SCREENSHOTS_TO_DOCS=1 also refreshes the README's two in docs/screenshots/). Not in `make test`.
screenshots: css chromium
	$(BIN)/pytest tests/screens -m screenshots -q --output test-results/screenshot-traces

clean:
	rm -rf $(VENV) node_modules static/css/app.css static/src/crispy-source.css test-results
