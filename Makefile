# The front door: `make run` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
HOST ?= 127.0.0.1
PORT ?= 8000
PYTEST_ARGS ?= -n 2

.PHONY: install run test lint audit format bench migrate seed worker beat clean messages

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

# compiled catalogues are build products: each .mo is rebuilt when its .po changes
# (pure Python through Babel, so no GNU gettext is needed; scripts/messages.py)
MO_FILES := $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/*.po))

%.mo: %.po | $(STAMP)
	$(PY) scripts/messages.py compile $<

install: $(STAMP) $(MO_FILES)

## messages: re-extract every marked string into locale/*/django.po (keeps translations), compile, check
messages: install
	$(PY) scripts/messages.py extract
	$(PY) scripts/messages.py compile
	$(PY) scripts/messages.py check

migrate: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py setup_periodic_tasks

seed: migrate
	$(PY) manage.py seed_demo

## run: fresh clone -> venv, install, migrate, demo data, serve on http://$(HOST):$(PORT)
run: seed
	$(PY) manage.py runserver $(HOST):$(PORT)

## test: install (Chromium too, when root with apt), then pytest (PostgreSQL and Redis
## when reachable; HUB_REQUIRE_SERVICES=1 makes them and the browser mandatory)
test: install
	$(PY) scripts/ensure_test_tools.py
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) manage.py makemigrations --check --dry-run

## audit: bandit on our code; pip-audit on the pinned dependencies (needs PyPI's JSON API)
audit: install
	$(VENV)/bin/bandit -q -c pyproject.toml -r hub core emails audit tickets faq campaigns onboarding insights inbound webhooks marketing programmes -ll
	@if $(PY) -c "import urllib.request; urllib.request.urlopen('https://pypi.org/pypi/django/5.2.19/json', timeout=10)" 2>/dev/null; then \
		$(VENV)/bin/pip-audit --strict --skip-editable; \
	else \
		echo "WARNING: pip-audit SKIPPED: PyPI's vulnerability API is not reachable from this machine"; \
	fi

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

worker: install
	$(VENV)/bin/celery -A hub worker --loglevel=info

beat: install
	$(VENV)/bin/celery -A hub beat --loglevel=info

clean:
	rm -rf $(VENV) db.sqlite3 test.sqlite3 var staticfiles

## bench: seed 100k tickets on PostgreSQL, boot gunicorn, measure (see benchmarks/README.md)
bench: install
	$(PY) benchmarks/run.py $(BENCH_ARGS)
	$(PY) benchmarks/recurring.py

## chaos: fault drills (PostgreSQL stop, Redis outage, worker kill, 50-user load); writes chaos/RESULTS.md
chaos: install
	$(PY) chaos/run.py $(CHAOS_ARGS)
