# coopdesk — every target creates .venv on first use.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench bundle screenshots i18n i18n-compile lint clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip==25.3"
	@# QtPdf came from pyside6-pdf (6.12 only) until PySide6 was pinned back to 6.11.3. It
	@# shares PySide6/__init__.py with pyside6-essentials, so it goes before the install.
	$(BIN)/python -m pip uninstall --quiet --yes pyside6-pdf 2>/dev/null || true
	$(BIN)/python -m pip install --quiet -e ".[test]"
	$(MAKE) --no-print-directory i18n-compile
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python -m coopdesk

# pytest exits 5 when it collects nothing; that is a failure for us too, so it is kept.
test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# ruff, then the import contracts of pyproject.toml (the layers of docs/architecture.md).
lint: $(STAMP)
	$(BIN)/ruff check coopdesk tests benchmarks packaging
	$(BIN)/lint-imports --no-cache

bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m benchmarks.run

screenshots: $(STAMP)
	xvfb-run -a -s "-screen 0 1366x768x24" $(BIN)/python -m coopdesk.gui.screenshots docs/screenshots

# The catalogs are compiled again first, so the bundle never ships a stale .mo.
bundle: $(STAMP)
	$(MAKE) --no-print-directory i18n-compile
	$(BIN)/python -m pip install --quiet "pyinstaller==6.22.3"
	$(BIN)/pyinstaller --noconfirm --clean packaging/coopdesk.spec
	tar -C dist -czf dist/coopdesk-linux.tar.gz coopdesk
	$(BIN)/python packaging/smoke_test.py dist/coopdesk/coopdesk

# Extract English source strings and update the catalogs; compile them.
i18n: $(STAMP)
	$(BIN)/pybabel extract -F resources/i18n/babel.cfg -k N_ -k ngettext:1,2 -o resources/i18n/coopdesk.pot coopdesk
	$(BIN)/pybabel update -i resources/i18n/coopdesk.pot -d resources/i18n -D coopdesk --no-fuzzy-matching
	$(MAKE) --no-print-directory i18n-compile

# Compiles the catalogs when there are any (the app also reads a .po directly).
i18n-compile:
	@if ls resources/i18n/*/LC_MESSAGES/coopdesk.po >/dev/null 2>&1; then \
	  $(BIN)/pybabel compile -d resources/i18n -D coopdesk --statistics; fi

clean:
	rm -rf $(VENV) build dist .pytest_cache
