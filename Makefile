# Every target sets up .venv from pyproject.toml on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: serve build test lint split clean

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

test: lint
	$(VENV)/bin/pytest

clean:
	rm -rf site build
