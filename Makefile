# Coop Kuruko privacy policy site: every entry point staff, CI and developers use.
VENV   := .venv
PYTHON := $(VENV)/bin/python
POLICY := $(PYTHON) scripts/policy.py
export NO_MKDOCS_2_WARNING := 1
CATALOGS := policy_site/locale

.PHONY: site serve test check publish publish-urls revision undo-revision bench messages clean

## site: set up .venv and build the site into site/ (the last good site/ survives a failed build)
site: $(VENV)/.site-packages
	$(POLICY) build

## serve: live preview at http://127.0.0.1:8000/ while editing docs/; a mistake is shown at the top of its page,
##        and the preview goes on (make site refuses to build it)
serve: $(VENV)/.site-packages
	$(POLICY) serve

## test: install what the tests need, then run them all
test: $(VENV)/.test-packages node_modules/.installed
	scripts/install-system-packages.sh
	$(PYTHON) -m pytest

## check: build, then prove the site fit to publish; exits 1 naming each fault (report: site-report/index.html)
##        make check ONLINE=1 also checks that external links answer (needs a network)
check: $(VENV)/.test-packages node_modules/.installed
	scripts/install-system-packages.sh
	$(POLICY) check $(if $(ONLINE),--online)

## publish: copy the build make check passed to the web server's folder in one atomic swap, e.g.
##          make publish TARGET=/var/www/privacy.coop-kuruko.example (it refuses any other build)
publish: $(VENV)/.site-packages
	$(POLICY) publish "$(TARGET)"

## publish-urls: add every URL of the built site to published-urls.txt (do it when you publish; commit the file)
publish-urls: $(VENV)/.site-packages
	$(POLICY) build
	$(POLICY) publish_urls

## revision: freeze the current revision and open the next, e.g. make revision DATE=2027-04-01
revision: $(VENV)/.site-packages
	$(POLICY) revise "$(DATE)"

## undo-revision: take back the last make revision, if none of its pages was published (make undo-revision;
##                make undo-revision DISCARD_EDITS=1 also throws away what was edited since)
undo-revision: $(VENV)/.site-packages
	$(POLICY) undo_revision $(if $(DISCARD_EDITS),--discard-edits)

## bench: build plain Material and this site from the same content; print page weights, build times, scaling
bench: $(VENV)/.test-packages
	scripts/install-system-packages.sh
	$(PYTHON) scripts/bench.py

## messages: after changing a message in the code, extract them all again and update the catalogs, then translate
##           what policy_site/locale/ja/LC_MESSAGES/messages.po marks new or fuzzy (tests/test_messages.py checks)
messages: $(VENV)/.site-packages
	$(VENV)/bin/pybabel -q extract --mapping-file=babel.cfg --keywords=N_ --no-location --sort-output \
	  --omit-header --width=120 --output-file=$(CATALOGS)/messages.pot policy_site scripts
	$(VENV)/bin/pybabel -q update --init-missing --locale=ja --input-file=$(CATALOGS)/messages.pot --output-dir=$(CATALOGS) \
	  --domain=messages --width=120 --ignore-obsolete --ignore-pot-creation-date

clean:
	rm -rf site site-nginx site-report .venv .pytest_cache

$(VENV)/.site-packages: requirements.txt pyproject.toml scripts/install-system-packages.sh
	scripts/install-system-packages.sh build
	test -x $(PYTHON) || python3 -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $@

# The checkers come from the npm registry, pinned by package-lock.json; their install scripts
# would download from elsewhere, and none of them needs one (vnu.jar ships in its package).
node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	echo '{}' > node_modules/@mdn/mdn-http-observatory/conf/hsts-preload.json
	touch $@

$(VENV)/.test-packages: requirements-test.txt $(VENV)/.site-packages
	$(PYTHON) -m pip install --quiet --disable-pip-version-check -r requirements-test.txt
	touch $@
