# Every target sets up .venv from pyproject.toml on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Material 9.7+ prints a notice about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test lint split browser clean

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

split: $(STAMP)
	$(VENV)/bin/sxs split

build: $(STAMP)
	$(VENV)/bin/sxs split
	$(VENV)/bin/mkdocs build --strict

serve: $(STAMP)
	$(VENV)/bin/sxs split
	$(VENV)/bin/mkdocs serve

lint: $(STAMP)
	$(VENV)/bin/ruff check tools tests

# Browser tests drive Debian's Chromium (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

test: lint browser
	$(VENV)/bin/pytest

clean:
	rm -rf site build
