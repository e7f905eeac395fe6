# Every target sets up .venv from pyproject.toml on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Material 9.7+ prints a notice about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build corpus test lint split browser omegat clean bench messages

# $(call system,COMMAND,PACKAGE): stop unless COMMAND (a name or a path) exists. As root, apt-get
# installs Debian's PACKAGE; as anyone else, make prints the command that installs it, and fails.
define system
@command -v $(1) >/dev/null || { \
  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $(2); \
  else echo "make: $(1) is missing; install it with: sudo apt-get install -y $(2)" >&2; exit 1; fi; }
endef

# A TM file with errors is reported and its article published (what stands in for each defect
# is in the report); STRICT=1 makes such a file fail `make build` and `make corpus` (a CI gate).
STRICT_FLAG := $(if $(STRICT),--strict)
export SXS_STRICT_TM := $(if $(STRICT),true,false)

$(STAMP): pyproject.toml
	@python3 -c 'import ensurepip, venv' 2>/dev/null || { \
	  echo "make: Python's venv is missing; install it with: sudo apt-get install -y python3-venv" >&2; exit 1; }
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

split: $(STAMP)
	$(VENV)/bin/sxs split

build: $(STAMP)
	$(VENV)/bin/sxs split $(STRICT_FLAG)
	$(VENV)/bin/mkdocs build --strict

# Interface texts: the template tools/sxs/catalogs/sxs.pot from the code's texts and sections.yml's
# titles, merged into every <language>.po (new texts untranslated, changed ones fuzzy) for translators.
messages: $(STAMP)
	$(VENV)/bin/sxs messages

# --dirty: a save rebuilds only the pages it changed (seconds, not a minute, on 3,000 articles);
# --no-strict: MkDocs warns about every dirty build. `make build` stays full and strict.
serve: $(STAMP)
	$(VENV)/bin/sxs split
	$(VENV)/bin/mkdocs serve --dirty --no-strict

# The shared corpus as a bilingual site, with this project's mkdocs.yml.
CORPUS ?= ../shared/corpus/fr-FR/AlchemyInsights
CORPUS_OUT ?= build/corpus
corpus: $(STAMP)
	mkdir -p $(CORPUS_OUT)
	$(VENV)/bin/sxs split $(STRICT_FLAG) --tm $(CORPUS) --docs $(CORPUS_OUT)/docs > $(CORPUS_OUT)/split.log 2>&1 || { cat $(CORPUS_OUT)/split.log; exit 1; }
	tail -n 1 $(CORPUS_OUT)/split.log
	SXS_TM=$(CORPUS) SXS_DOCS=$(CORPUS_OUT)/docs SXS_SITE=$(CORPUS_OUT)/site $(VENV)/bin/mkdocs build --strict

# Issues 6 and 12's benchmarks as one table: split, site (ours, naive and floor references), preview, languages.
# About 20 minutes; BENCH_ARGS=--skip-naive leaves out the naive build (6 minutes, 5 GB of output).
bench: $(STAMP)
	$(call system,/usr/bin/time,time)
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check tools tests

# Browser tests drive Debian's Chromium (Playwright cannot download a browser here).
browser:
	$(call system,chromium,chromium)

# axe-core for the browser tests' accessibility checks, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	$(call system,npm,npm)
	npm ci --no-audit --no-fund

# OmegaT (round-trip tests; its jar holds the TMX 1.4 DTD) and gettext (msgfmt -c) from Debian.
omegat:
	$(call system,omegat,omegat)
	$(call system,msgfmt,gettext)

test: lint browser node_modules/.package-lock.json omegat
	$(VENV)/bin/pytest

clean:
	rm -rf site build
