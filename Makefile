PY ?= python3
HOST ?= 127.0.0.1
PORT ?= 8000

# Debian packages: PDF tools for tests, Noto fonts for the PDF reports (Latin,
# Arabic, Chinese...), WeasyPrint's Pango, chromium for the browser tests and
# LibreOffice (writer only) to check that the tracked-changes Word file opens.
APT_PACKAGES = poppler-utils fonts-noto-core fonts-noto-cjk fonts-dejavu-core \
	libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 chromium
APT_LEAN_PACKAGES = libreoffice-writer-nogui

.PHONY: deps check lint type test bench serve

deps:
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
	$(PY) -m pip install -q -e '.[dev]'

# The INTERPOL series of ../shared/corpus, when present, is offered as a local mirror.
MIRROR ?= $(wildcard $(CURDIR)/../shared/corpus/interpol)

serve: deps
	RESDIFF_MIRROR="$${RESDIFF_MIRROR:-$(MIRROR)}" resdiff serve --host $(HOST) --port $(PORT)

lint:
	$(PY) -m ruff check .

type:
	$(PY) -m mypy

test:
	$(PY) -m pytest -n 2

check: lint type test

bench:
	$(PY) benchmarks/run.py
