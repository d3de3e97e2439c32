# Scaling Laws, Reproduced: set-up, build and tests.
#
#   make book    set up .venv and MathJax, build the book into _build/html
#   make test    everything CI runs: unit tests, every notebook executed fresh,
#                the book built with warnings as errors, the site checked in Chromium
#                (its steps: make test-python, make book-strict, make test-site)
#   make lint    ruff check and ruff format --check (part of make test)
#   make lab     JupyterLab on notebooks/
#   make sweeps  re-run the small-model sweeps whose results the chapters load
#   make student write the student edition of every chapter into _build/student/
#   make assignment  otter-grader assignments of every chapter in _build/assignment/
#   make bench   run every benchmark script in benchmarks/
#   make clean   remove build outputs and caches (keeps .venv and node_modules)
#   make distclean   also remove .venv and node_modules
#
# GNU make on Linux or macOS, with Python 3.10+ as python3.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
JUPYTER_BOOK := $(VENV)/bin/jupyter-book
# Written after a successful install; newer than requirements.txt means nothing to do.
INSTALLED := $(VENV)/.requirements-installed

MATHJAX_VERSION := 3.2.2
# Written after MathJax is installed; naming the version reinstalls it when that changes.
MATHJAX := node_modules/.mathjax-$(MATHJAX_VERSION)-installed

SITE := _build/html
export SCALINGLAWS_CHROMIUM ?= /usr/bin/chromium

# The library reads the datasets from a local mirror when this is set (see README.md).
# CI clones the repository beside shared/, whose data/github/ is such a mirror.
DATA_MIRROR := $(abspath $(CURDIR)/../shared/data/github)
ifneq ($(wildcard $(DATA_MIRROR)),)
export SCALINGLAWS_DATA_MIRROR ?= $(DATA_MIRROR)
endif

# Notebooks and tests run one BLAS thread per process: on a small shared machine (CI has 2
# cores) OpenBLAS's thread pool makes the small matrices of the book's fits and trainer
# several times slower, and the trainer's results depend on the BLAS set-up.
test-python book book-strict lab: export OPENBLAS_NUM_THREADS ?= 1

# apt-get needs root: use sudo when we are not root.
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
APT_INSTALL := DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y

.PHONY: help setup npm chromium system-deps book test test-python book-strict test-site \
        lint lab sweeps student assignment bench clean distclean

help:  # print the header of this file
	@sed -n '3,16s/^# \{0,1\}//p' Makefile

# ---------------------------------------------------------------- set-up

$(PY):
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 10))' || \
	  { echo "error: $(PYTHON) is $$($(PYTHON) --version 2>&1); Python 3.10 or newer is needed." >&2; exit 1; }
	$(PYTHON) -m venv $(VENV) || \
	  { echo "error: could not create $(VENV); on Debian/Ubuntu install python3-venv." >&2; exit 1; }

$(INSTALLED): requirements.txt pyproject.toml | $(PY)
	$(PY) -m pip install --progress-bar off -r requirements.txt
	touch $@

# npm comes from apt when it is missing (Debian/Ubuntu); elsewhere we say what to install.
$(MATHJAX):
	@command -v npm >/dev/null || $(MAKE) --no-print-directory npm
	npm install --no-save --no-package-lock --no-audit --no-fund --prefix . mathjax@$(MATHJAX_VERSION)
	@test -f node_modules/mathjax/es5/tex-chtml.js || \
	  { echo "error: npm did not install MathJax into node_modules/mathjax" >&2; exit 1; }
	touch $@

setup: $(INSTALLED) $(MATHJAX)

npm:
	@command -v apt-get >/dev/null || \
	  { echo "error: npm is missing; install Node.js (macOS: brew install node)." >&2; exit 1; }
	$(SUDO) apt-get update && $(APT_INSTALL) nodejs npm

chromium:
	@if [ ! -x "$(SCALINGLAWS_CHROMIUM)" ]; then \
	  command -v apt-get >/dev/null || \
	    { echo "error: no Chromium at $(SCALINGLAWS_CHROMIUM); install it (macOS: brew install --cask chromium) and set SCALINGLAWS_CHROMIUM to its binary." >&2; exit 1; }; \
	  echo "Installing Chromium with apt-get"; \
	  $(SUDO) apt-get update && $(APT_INSTALL) chromium; \
	fi

system-deps: chromium
	@command -v npm >/dev/null || $(MAKE) --no-print-directory npm

# ---------------------------------------------------------------- the book

book: setup
	$(JUPYTER_BOOK) build .
	@echo
	@echo "The book is built. Open it in a browser:"
	@echo "  $(CURDIR)/$(SITE)/index.html"

# ---------------------------------------------------------------- tests
#
# Each notebook is executed once, fresh: `make test` removes _build (and with it the
# execution cache); pytest executes every notebook and stores its outputs in that cache;
# the strict build then renders those outputs (and would itself execute, and fail on,
# any notebook pytest had not run). See README.md, "How the tests work".

test: system-deps setup
	rm -rf _build
	$(MAKE) --no-print-directory test-python
	$(MAKE) --no-print-directory book-strict
	$(MAKE) --no-print-directory test-site
	@echo "make test: all passed."

# lint and format check, unit tests, notebooks stored clean, every notebook executed
test-python: setup lint
	$(PY) -m pytest -m "not site"

# ruff over the library, tests, benchmarks and chapters (settings in pyproject.toml)
lint: $(INSTALLED)
	$(VENV)/bin/ruff check lib tests benchmarks notebooks
	$(VENV)/bin/ruff format --check lib tests benchmarks notebooks

# the book with warnings as errors and execution errors raised; a chapter the build
# executes itself checks its text's claims strictly, as under pytest
book-strict: export SCALINGLAWS_CHECKS_STRICT = 1
book-strict: setup
	$(JUPYTER_BOOK) build . --all -W --keep-going

# the built site in headless Chromium (needs book-strict or book first)
test-site: setup chromium
	$(PY) -m pytest -m site

# ---------------------------------------------------------------- working with it

lab: $(INSTALLED)
	$(VENV)/bin/jupyter lab notebooks/

sweeps: $(INSTALLED)
	$(PY) -m scalinglaws.train.sweeps

# the chapters with every solution replaced by a stub and the checks kept (see
# book/instructor_guide.md); outputs stripped, ready to hand out
student: $(INSTALLED)
	rm -rf _build/student
	$(PY) -m scalinglaws.book.student --out _build/student notebooks/[0-9][0-9]_*.ipynb

# otter-grader master notebooks, split by otter assign into a student notebook and an
# autograder per chapter (see book/instructor_guide.md, "Grading with otter-grader")
assignment: $(INSTALLED)
	rm -rf _build/assignment
	$(PY) -m scalinglaws.book.assignment --assign --out _build/assignment notebooks/[0-9][0-9]_*.ipynb

bench: $(INSTALLED)
	@scripts=$$(ls benchmarks/*.py 2>/dev/null || true); \
	if [ -z "$$scripts" ]; then echo "error: no benchmark scripts in benchmarks/" >&2; exit 1; fi; \
	for script in $$scripts; do echo "== $$script"; $(PY) "$$script" || exit 1; done

clean:
	rm -rf _build .pytest_cache
	find . -path ./$(VENV) -prune -o -path ./node_modules -prune -o \
	  \( -name __pycache__ -o -name .ipynb_checkpoints \) -type d -print0 | xargs -0 rm -rf

distclean: clean
	rm -rf $(VENV) node_modules
