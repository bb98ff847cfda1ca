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

.PHONY: run test lint format bench screenshots atspi-check demo-server bundle clean

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
