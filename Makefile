# ocop_xl: the two commands of the README, and a few helpers.
#   make demo   set everything up, run the whole program on the built-in sample data
#   make test   set everything up (system packages too) and run the whole test suite
#   make check  the quick loop while working: lint and the unit tests, in seconds

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := libreoffice-calc libreoffice-writer libreoffice-script-provider-python \
	python3-uno poppler-utils fonts-liberation fonts-crosextra-carlito osslsigncode wine64
# Downloads of the Windows bundle (wheels, the Python runtime): kept between runs, never
# committed.
BUNDLE_CACHE ?= .cache/bundle
VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' ocop_xl/_version.py)
BUNDLE := dist/ocop_xl-$(VERSION)-windows-x64.zip
# pytest-xdist workers of make test: one per core (make test WORKERS=1 runs them in one process)
WORKERS ?= auto

.PHONY: demo test test-plain lint check system-deps install constraints bench clean workbook \
	standalone pictures soak guide bundle

install: $(STAMP)

# The versions of constraints.txt: every install (and so make test and CI) gets the same
# packages; make constraints refreshes them.
$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -c constraints.txt -e '.[dev]'
	touch $(STAMP)

# constraints.txt from a fresh install of pyproject.toml's dependencies at their newest
# allowed versions (the project itself left out); commit it, then make install uses it.
CONSTRAINTS_VENV := build/constraints-venv
constraints:
	rm -rf $(CONSTRAINTS_VENV)
	$(PYTHON) -m venv $(CONSTRAINTS_VENV)
	$(CONSTRAINTS_VENV)/bin/python -m pip install --upgrade pip
	$(CONSTRAINTS_VENV)/bin/python -m pip install -e '.[dev]'
	{ echo "# pip install -c constraints.txt -e '.[dev]' (make install). Made by make constraints:"; \
	  echo "# a fresh install's pip freeze, without ocop-xl itself. Python $$($(CONSTRAINTS_VENV)/bin/python -c 'import platform; print(platform.python_version())')."; \
	  $(CONSTRAINTS_VENV)/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf $(CONSTRAINTS_VENV)

demo: $(STAMP)
	$(BIN)/ocop-xl demo --out demo/

# Every sheet and document of the demo as PNG, printed by LibreOffice (demo/hinh-anh/, not
# committed): what the office sees, for anyone to look at.
pictures: $(STAMP) system-deps
	$(BIN)/ocop-xl demo --out demo/ --pictures demo/hinh-anh/

# LibreOffice (headless PDF conversion, a second reader of the workbooks; Writer prints the
# guide) and poppler (pdftotext, pdfinfo) are what the tests need beyond Python; the bundle
# needs osslsigncode (the Windows runtime's signatures) and its test wine64 (the installer
# run as on Windows). Liberation Serif and Carlito are Times New Roman's and Calibri's metric
# twins, so LibreOffice lays out the printed documents as Excel does (column widths are
# counted in the default font's digits).
system-deps:
	@if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
		&& [ -e /usr/lib/python3/dist-packages/uno.py ] && command -v osslsigncode >/dev/null 2>&1 \
		&& [ -e /usr/lib/wine/wine64 ] && [ -n "$$(ls /usr/lib/libreoffice/program/libswlo.so 2>/dev/null)" ] \
		&& fc-list 2>/dev/null | grep -qi carlito; then \
		echo "system packages present"; \
	else \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
			--no-install-recommends $(SYSTEM_PACKAGES); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/mypy --platform win32 release/windows/*.py

# The unit tests (tests/unit: no LibreOffice, no real process) after the lint.
check: lint
	$(BIN)/python -m pytest tests/unit -q -p no:cacheprovider

# The whole suite on WORKERS processes (pytest-xdist); the tests of one xdist_group share a
# worker (docs/development.md).
test: $(STAMP) system-deps lint bundle
	OCOP_REQUIRE_LIBREOFFICE=1 OCOP_BUNDLE=$(BUNDLE) $(BIN)/python -m pytest \
		-n $(WORKERS) --dist loadgroup

# The integration tests once more with the fast paths off (OCOP_XL_FAST=0: plain public
# openpyxl; docs/master-workbook.md): same files, same values, only slower. CI (.ci/run) runs
# it after make test; make test itself stays the quick whole-suite loop.
test-plain: $(STAMP) system-deps
	OCOP_XL_FAST=0 OCOP_REQUIRE_LIBREOFFICE=1 $(BIN)/python -m pytest tests/integration -q \
		-n $(WORKERS) --dist loadgroup

# "Hướng dẫn sử dụng ocop_xl": the generated parts of docs/huong-dan/ (button table, messages,
# the OCOP tab drawn from customUI.xml), the demo's pictures in docs/huong-dan/hinh/ (not
# committed) and build/guide/HuongDan.pdf.
guide: $(STAMP) system-deps
	$(BIN)/python -m release.guide --out build/guide

# dist/ocop_xl-<version>-windows-x64.zip: the office's installer, built here (release/bundle.py).
bundle: $(STAMP) system-deps guide
	$(BIN)/python -m release.bundle --out dist --cache $(BUNDLE_CACHE) \
		--guide build/guide/HuongDan.pdf

# The master workbook with the OCOP ribbon and its VBA (only VBA written for ocop_xl):
# committed in workbooks/, rebuilt here whenever macros/ or the layout change (a test checks).
workbook: $(STAMP)
	rm -f workbooks/ocop_master.xlsm  # a build, not a master to back up into sao-luu/
	$(BIN)/ocop-xl build-workbook --addin --out workbooks/ocop_master.xlsm

# The standalone variant carries xlwings' own VBA module, taken from the installed xlwings
# package: built on demand, never committed.
standalone: $(STAMP)
	rm -f build/ocop_master_standalone.xlsm
	$(BIN)/ocop-xl build-workbook --standalone --out build/ocop_master_standalone.xlsm

# The randomised test of staff edits and actions (tests/integration/test_staff_random.py),
# long: new random examples each run (make test runs a few fixed ones).
soak: $(STAMP)
	OCOP_STAFF_RANDOM=1 OCOP_STAFF_EXAMPLES=$${EXAMPLES:-60} OCOP_STAFF_STEPS=$${STEPS:-15} \
		$(BIN)/python -m pytest tests/integration/test_staff_random.py -q -p no:cacheprovider

bench: $(STAMP)
	@ls bench/*.py

clean:
	rm -rf $(VENV) demo build dist docs/huong-dan/hinh *.egg-info .pytest_cache .ruff_cache
