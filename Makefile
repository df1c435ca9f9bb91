# Operator Desk — the two commands: `make run` and `make test`.
# Everything else the project needs is installed from here into .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum < pyproject.toml | cut -d' ' -f1)
TS     := resources/i18n/operator_desk_zh_CN.ts
QM     := $(TS:.ts=.qm)
# Qt's own dialog strings its zh_CN catalogue lacks (hand-written, see the file).
QT_TS  := resources/i18n/qt_gaps_zh_CN.ts
QT_QM  := $(QT_TS:.ts=.qm)

.PHONY: run test bench lint translations screenshots start-check package package-check installer clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Reinstall whenever pyproject.toml changes (the stamp carries its checksum).
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

$(QM): $(TS) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(TS) -qm $(QM)

$(QT_QM): $(QT_TS) $(STAMP)
	$(BIN)/pyside6-lrelease -silent $(QT_TS) -qm $(QT_QM)

run: $(STAMP) $(QM) $(QT_QM)
	$(BIN)/operator-app

test: $(STAMP) $(QM) $(QT_QM)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The real app started on a fresh data folder 20 times under Xvfb (installs
# Xvfb/xdotool with apt-get when missing): each window must appear and quit on Ctrl+Q.
start-check: $(STAMP) $(QM) $(QT_QM)
	$(BIN)/python scripts/start_check.py --starts 20

# The frozen onedir bundle (build/dist/OperatorDesk: OperatorDesk windowed,
# operator-app console) and, on Debian-like systems, the .deb beside it.
# PyInstaller is an extra of its own so `make run`/`make test` never install it.
PKG_STAMP := $(VENV)/.package-$(shell cksum < pyproject.toml | cut -d' ' -f1)
DIST      := build/dist/OperatorDesk

$(PKG_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e ".[dev,package]"
	rm -f $(VENV)/.package-*
	touch $@

package: $(PKG_STAMP) $(QM) $(QT_QM)
	$(BIN)/pyinstaller --noconfirm --log-level WARN --distpath build/dist \
	  --workpath build/pyinstaller build.spec
	$(BIN)/python scripts/package_deb.py --dist $(DIST) --out build/dist

# Smoke test of what `make package` built (a few minutes; not part of `make test`).
package-check: $(STAMP)
	$(BIN)/python scripts/package_check.py --dist $(DIST) \
	  $$(ls build/dist/operator-desk_*_amd64.deb 2>/dev/null | sed 's/^/--deb /' | tail -1) \
	  $$(ls build/dist/OperatorDesk-setup-*.exe 2>/dev/null | sed 's/^/--installer /' | tail -1)

# The Windows installer (NSIS, per-user) wrapped around a bundle folder:
# `make installer BUNDLE=<Windows bundle>` on a Windows runner; here it wraps
# the Linux bundle, which checks the script but installs nothing runnable.
BUNDLE    ?= $(DIST)
VERSION   := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' operator_app/__init__.py)
installer:
	@command -v makensis >/dev/null || { echo "makensis not found: apt-get install nsis"; exit 2; }
	@test -d "$(BUNDLE)" || { echo "no bundle at $(BUNDLE): run make package"; exit 2; }
	makensis -V2 -DBUNDLE=$(abspath $(BUNDLE)) -DVERSION=$(VERSION) \
	  -DOUTFILE=$(abspath build/dist)/OperatorDesk-setup-$(VERSION).exe packaging/windows/operator-desk.nsi
	@ls -l build/dist/OperatorDesk-setup-$(VERSION).exe

bench: $(STAMP)
	$(BIN)/python -m bench.run

lint: $(STAMP)
	$(BIN)/ruff check operator_app tests bench
	$(BIN)/mypy operator_app

# Refresh the translation source from the code (then translate the new entries).
# `translatable(...)` marks KnownError templates outside Qt; i18n_tool files
# them under the "KnownError" context the UI translates them in.
translations: $(STAMP)
	$(BIN)/pyside6-lupdate $$(find operator_app -name '*.py' | sort) \
	  -tr-function-alias QT_TR_NOOP+=translatable -ts $(TS)
	$(BIN)/python -m operator_app.ui.i18n_tool $(TS)

# Screenshots need CJK fonts to show Chinese: apt-get install fonts-noto-cjk.
screenshots: $(STAMP) $(QM) $(QT_QM)
	mkdir -p build/screenshots
	for page in today leads scripts performance import; do \
	  QT_QPA_PLATFORM=offscreen $(BIN)/operator-app --data-dir build/screenshot-data \
	    --screenshot build/screenshots/$$page.png --page $$page || exit 1; \
	done

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache $(QM) $(QT_QM)
