# Every target sets up .venv from pyproject.toml on first use.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Material 9.7+ prints a notice about MkDocs 2.0 on every run; it is noise here.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build corpus test lint split browser clean bench

# A TM file with errors is reported and its article published (what stands in for each defect
# is in the report); STRICT=1 makes such a file fail `make build` and `make corpus` (a CI gate).
STRICT_FLAG := $(if $(STRICT),--strict)
export SXS_STRICT_TM := $(if $(STRICT),true,false)

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

split: $(STAMP)
	$(VENV)/bin/sxs split

build: $(STAMP)
	$(VENV)/bin/sxs split $(STRICT_FLAG)
	$(VENV)/bin/mkdocs build --strict

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

# Issue 6's benchmarks as one table: split, site (ours, naive and floor references) and preview.
# About 10 minutes; BENCH_ARGS=--skip-naive leaves out the naive build (6 minutes, 5 GB of output).
bench: $(STAMP)
	@test -x /usr/bin/time || { apt-get update -qq && apt-get install -y -qq time; }
	$(PY) benchmarks/bench.py $(BENCH_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check tools tests

# Browser tests drive Debian's Chromium (Playwright cannot download a browser here).
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# axe-core for the browser tests' accessibility checks, exactly as package-lock.json pins it.
node_modules/.package-lock.json: package.json package-lock.json
	@command -v npm >/dev/null || { apt-get update -qq && apt-get install -y -qq npm; }
	npm ci --no-audit --no-fund

# The TMX 1.4 DTD for the exchange tests ships inside Debian's omegat (only the jar is needed).
OMEGAT_JAR := build/deps/omegat/usr/share/omegat/OmegaT.jar
$(OMEGAT_JAR):
	mkdir -p build/deps
	cd build/deps && { apt-get download omegat 2>/dev/null || { apt-get update -qq && apt-get download omegat; }; }
	dpkg-deb -x build/deps/omegat_*.deb build/deps/omegat

test: lint browser node_modules/.package-lock.json $(OMEGAT_JAR)
	SXS_OMEGAT_JAR=$(OMEGAT_JAR) $(VENV)/bin/pytest

clean:
	rm -rf site build
