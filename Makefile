# Fengqiao: `make demo` sets up and serves the demo county; `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
HTMX_VERSION := 2.0.4
ECHARTS_VERSION := 5.6.0
VENDOR := fengqiao/static/vendor

.PHONY: install vendor demo test test-sqlite test-postgres lint messages bench clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

install: $(VENV)/.installed vendor

# Front-end libraries come from the npm registry at set-up time; they are not committed.
vendor: $(VENDOR)/htmx.min.js $(VENDOR)/echarts.min.js

$(VENDOR)/htmx.min.js:
	mkdir -p $(VENDOR)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent htmx.org@$(HTMX_VERSION) >/dev/null && \
	  tar -xzf htmx.org-$(HTMX_VERSION).tgz package/dist/htmx.min.js && \
	  cp package/dist/htmx.min.js $(CURDIR)/$(VENDOR)/htmx.min.js && rm -rf $$tmp

$(VENDOR)/echarts.min.js:
	mkdir -p $(VENDOR)
	tmp=$$(mktemp -d) && cd $$tmp && npm pack --silent echarts@$(ECHARTS_VERSION) >/dev/null && \
	  tar -xzf echarts-$(ECHARTS_VERSION).tgz package/dist/echarts.min.js && \
	  cp package/dist/echarts.min.js $(CURDIR)/$(VENDOR)/echarts.min.js && rm -rf $$tmp

demo: install
	FENGQIAO_DEMO=1 $(BIN)/fengqiao demo --port $(PORT)

lint: install
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports --no-cache
	$(BIN)/python manage.py makemigrations --check --dry-run

test: install lint
	bash scripts/run-tests.sh

messages:
	$(BIN)/python manage.py makemessages -l en --ignore '.venv/*' --ignore 'bench/*'
	$(BIN)/python manage.py compilemessages -l en

bench: install
	$(BIN)/python bench/intake.py

clean:
	rm -rf $(VENV) var $(VENDOR)
