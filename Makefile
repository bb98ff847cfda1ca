# Every target creates .venv from nothing when it is missing or pyproject.toml changed.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUNDLE_TOOLS := $(VENV)/.bundle-tools

# Headless runs use a real X server (Xvfb) when there is no display: closer to a desktop than
# QT_QPA_PLATFORM=offscreen, and the media backend behaves the same.
HAVE_XVFB := $(shell command -v xvfb-run 2>/dev/null)
XVFB := $(if $(DISPLAY),,$(if $(HAVE_XVFB),xvfb-run -a -s "-screen 0 1920x1080x24",QT_QPA_PLATFORM=offscreen))

.PHONY: run test lint format bench screenshots atspi-check demo-server bundle clean translations

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/aurion-review

demo-server: $(STAMP)
	$(BIN)/aurion-review demo-server

lint: $(STAMP)
	$(BIN)/ruff check app ui tests resources packaging
	$(BIN)/ruff format --check app ui tests resources packaging
	$(BIN)/mypy app ui
	$(BIN)/lint-imports

format: $(STAMP)
	$(BIN)/ruff format app ui tests resources packaging
	$(BIN)/ruff check --fix app ui tests resources packaging

test: lint
	$(XVFB) $(BIN)/python -m pytest

# The window's languages (README, "Adding a language"): lupdate gathers every marked string of
# ui/ and app/ into the .ts files (new ones unfinished, vanished ones dropped), lrelease builds
# the .qm files the app loads (committed, so the wheel and the bundle ship them), and the
# last step lists what is left to translate. Translate the .ts (pyside6-linguist or an
# editor), then run it again.
I18N := resources/i18n
LUPDATE := $(BIN)/pyside6-lupdate -silent -extensions py -locations none -no-obsolete app ui
translations: $(STAMP)
	$(LUPDATE) -ts $(I18N)/aurion_fr.ts
	$(LUPDATE) -pluralonly -ts $(I18N)/aurion_en.ts
	$(BIN)/pyside6-lrelease -silent $(I18N)/aurion_fr.ts $(I18N)/aurion_en.ts
	$(BIN)/python -m tests.i18n_status $(I18N) || echo "Translate these in the .ts files, then run make translations again."

screenshots: $(STAMP)
	$(XVFB) $(BIN)/python -m tests.screenshots docs/screenshots
	$(XVFB) $(BIN)/python -m tests.screenshots_review docs/screenshots

# What a Linux screen reader reads, through a real AT-SPI bus (needs dbus, at-spi2-core and
# gir1.2-atspi-2.0 from the system); not part of `make test`.
atspi-check: $(STAMP)
	dbus-run-session -- $(XVFB) $(BIN)/python -m tests.atspi_check

bench: $(STAMP)
	$(XVFB) $(BIN)/python -m tests.benchmarks

# PyInstaller comes from the `bundle` extra; not part of `make test`.
$(BUNDLE_TOOLS): $(STAMP)
	$(BIN)/python -m pip install -q -e '.[dev,bundle]'
	touch $(BUNDLE_TOOLS)

# One-folder desktop bundle in bundle/aurion-review/, then checked and measured as a user runs it.
bundle: $(BUNDLE_TOOLS)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath bundle --workpath build/pyinstaller \
		packaging/pyinstaller/aurion-review.spec
	$(XVFB) $(BIN)/python -m tests.bundle_check bundle/aurion-review

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build bundle
