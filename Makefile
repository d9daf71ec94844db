# ocop_xl: the two commands of the README, and a few helpers.
#   make demo   set everything up, run the whole program on the built-in sample data
#   make test   set everything up (system packages too) and run the whole test suite

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
SYSTEM_PACKAGES := libreoffice-calc libreoffice-script-provider-python python3-uno \
	poppler-utils fonts-liberation fonts-crosextra-carlito

.PHONY: demo test lint system-deps install bench clean workbook standalone pictures soak

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/ocop-xl demo --out demo/

# Every sheet and document of the demo as PNG, printed by LibreOffice (demo/hinh-anh/, not
# committed): what the office sees, for anyone to look at.
pictures: $(STAMP) system-deps
	$(BIN)/ocop-xl demo --out demo/ --pictures demo/hinh-anh/

# LibreOffice (headless PDF conversion, a second reader of the workbooks) and poppler
# (pdftotext, pdfinfo) are what the tests need beyond Python; Liberation Serif and Carlito
# are Times New Roman's and Calibri's metric twins, so LibreOffice lays out the printed
# documents as Excel does (column widths are counted in the default font's digits).
system-deps:
	@if command -v soffice >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1 \
		&& [ -e /usr/lib/python3/dist-packages/uno.py ] \
		&& fc-list 2>/dev/null | grep -qi carlito; then \
		echo "system packages present"; \
	else \
		$(SUDO) apt-get update && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y \
			--no-install-recommends $(SYSTEM_PACKAGES); \
	fi

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

test: $(STAMP) system-deps lint
	OCOP_REQUIRE_LIBREOFFICE=1 $(BIN)/python -m pytest

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
	rm -rf $(VENV) demo build *.egg-info .pytest_cache .ruff_cache
