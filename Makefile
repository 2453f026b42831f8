# Coop Kuruko privacy policy site: every entry point staff, CI and developers use.
VENV   := .venv
PYTHON := $(VENV)/bin/python
POLICY := $(PYTHON) scripts/policy.py
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve test check revision bench clean

## site: set up .venv and build the site into site/ (the last good site/ survives a failed build)
site: $(VENV)/.site-packages
	$(POLICY) build

## serve: live preview at http://127.0.0.1:8000/ while editing docs/
serve: $(VENV)/.site-packages
	$(VENV)/bin/mkdocs serve --strict

## test: install what the tests need, then run them all
test: $(VENV)/.test-packages
	scripts/install-system-packages.sh
	$(PYTHON) -m pytest

## revision: freeze the current revision and open the next, e.g. make revision DATE=2027-04-01
revision: $(VENV)/.site-packages
	$(POLICY) revise "$(DATE)"

clean:
	rm -rf site .venv .pytest_cache

$(VENV)/.site-packages: requirements.txt
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.test-packages: requirements-test.txt $(VENV)/.site-packages
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@
