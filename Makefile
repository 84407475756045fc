# The project's commands. Every target installs what it needs first, from the lock file.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
UV_VERSION := 0.13.8
UV := .tools/bin/uv
HOST ?= 127.0.0.1
PORT ?= 8000
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
export UV_LINK_MODE := copy

.PHONY: install run test worker lint bench audit screenshots clean

install: $(VENV)/.installed

$(UV):
	python3 -m venv .tools
	.tools/bin/pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)

$(VENV)/.installed: pyproject.toml uv.lock | $(UV)
	$(UV) sync --frozen --python python3
	touch $@

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo_content
	$(PY) manage.py ensure_local_admin
	$(PY) manage.py runserver $(HOST):$(PORT)

test: install
	scripts/ensure-test-deps
	$(PY) -m pytest $(PYTEST_ARGS)

worker: install
	$(PY) -m celery -A posttrain worker --beat --loglevel=info

lint: install
	$(PY) -m ruff check .
	$(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/lint-imports

bench: install
	scripts/ensure-bench-deps
	$(PY) -m bench.run $(if $(QUICK),--quick,)

audit: install
	$(UV) export --frozen --no-hashes --format requirements-txt > .tools/requirements-audit.txt
	$(PY) -m pip_audit --strict --requirement .tools/requirements-audit.txt --disable-pip

screenshots: install
	scripts/ensure-test-deps
	SCREENSHOTS_DIR=docs/screenshots $(PY) -m pytest tests/browser -k screenshots_for_readme

clean:
	rm -rf $(VENV) .tools staticfiles artifacts
