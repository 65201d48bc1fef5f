# resdiff's one entry point: `make serve` installs everything and starts the service,
# `make check` runs every check. Everything Python lives in the project's own
# environment (.venv), built by uv from uv.lock with Debian's python3: nothing is
# ever installed into the system Python.

HOST ?= 127.0.0.1
PORT ?= 8000

# Debian's own Python (PEP 668): only used to make environments, never installed into.
PYTHON ?= $(firstword $(wildcard /usr/bin/python3) python3)
UV_VERSION = 0.13.9
TOOLS = .tools
UV = $(TOOLS)/bin/uv
VENV = .venv
VPY = $(VENV)/bin/python
export UV_PYTHON_DOWNLOADS = never
export UV_LINK_MODE = copy
# the machine's own certificate store (Debian's ca-certificates), as apt and pip use it
export UV_SYSTEM_CERTS = 1

# Debian packages: python3-venv for the environments, PDF tools for tests, Noto fonts
# for the PDF reports (Latin, Arabic, Chinese...), WeasyPrint's Pango, chromium for
# the browser tests, LibreOffice (writer only) to check that the Word report opens, and
# PostgreSQL, whose initdb and pg_ctl the store's tests run in a temporary folder.
APT_PACKAGES = python3-venv poppler-utils fonts-noto-core fonts-noto-cjk fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium
APT_LEAN_PACKAGES = libreoffice-writer-nogui postgresql

.PHONY: deps apt env check lint format type test bench serve lock messages wheel-check clean

deps: apt env

apt:
	@if command -v apt-get >/dev/null; then \
		missing=$$(for p in $(APT_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		lean=$$(for p in $(APT_LEAN_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
		if [ -n "$$missing$$lean" ]; then apt-get update -qq; fi; \
		if [ -n "$$missing" ]; then \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		fi; \
		if [ -n "$$lean" ]; then \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$lean; \
		fi; \
	fi

# uv itself, pinned, in a small environment of its own (it must not live in .venv,
# which `uv sync` keeps exactly as the lock file says).
$(UV):
	$(PYTHON) -m venv $(TOOLS)
	$(TOOLS)/bin/pip install -q --disable-pip-version-check "uv==$(UV_VERSION)"

# The project environment, exactly as uv.lock says (fails if uv.lock is stale).
$(VENV)/.synced: $(UV) uv.lock pyproject.toml
	$(UV) sync --locked --extra dev --python $(PYTHON)
	@touch $@

env: $(VENV)/.synced

# Rewrite uv.lock after a change of the dependencies in pyproject.toml.
lock: $(UV)
	$(UV) lock --python $(PYTHON)

# The INTERPOL series of ../shared/corpus, when present, is offered as a local mirror.
MIRROR ?= $(wildcard $(CURDIR)/../shared/corpus/interpol)

serve: deps
	RESDIFF_MIRROR="$${RESDIFF_MIRROR:-$(MIRROR)}" $(VENV)/bin/resdiff serve --host $(HOST) --port $(PORT)

lint: env
	$(VPY) -m ruff check .

format: env
	$(VPY) -m ruff format --check .

type: env
	$(VPY) -m mypy

test: deps
	$(VPY) -m pytest -n 2

check: lint format type test

bench: env
	$(VPY) benchmarks/run.py

# resdiff's own words: extract them from the code and templates (babel.cfg) into
# service/locales/messages.pot, then bring every language's messages.po up to date
# (new messages empty, to translate; a test refuses an incomplete catalog).
BABEL_KEYWORDS = -k N_ -k NN_:1,2 -k gettext -k ngettext:1,2 -k pgettext:1c,2
messages: env
	$(VENV)/bin/pybabel extract -F babel.cfg $(BABEL_KEYWORDS) --no-location --sort-output \
		--omit-header -o service/locales/messages.pot .
	$(VENV)/bin/pybabel update --ignore-obsolete --ignore-pot-creation-date --no-fuzzy-matching \
		-i service/locales/messages.pot -d service/locales

# The package as a user installs it: a wheel, in a new environment made from Debian's
# python3 with plain pip, renders a real comparison in every format; `pip check` is clean.
wheel-check: $(UV)
	.ci/wheel-check $(PYTHON) $(UV)

clean:
	rm -rf $(VENV) $(TOOLS) build dist *.egg-info
