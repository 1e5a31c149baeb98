# The two commands a new user needs: `make run` and `make test`.
# Everything installs into .venv from requirements.lock, pinned by version and sha256.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.newsdesk-installed

.PHONY: run test setup demo lint bench eval lock clean

run: setup ## set up, build the demo store if missing, open the app on it
	@$(BIN)/python -m compileall -q store tui  # bytecode even where PYTHONDONTWRITEBYTECODE is set: -60 ms at start
	$(BIN)/newsdesk demo

test: setup ## set up, then run the whole test suite
	$(BIN)/python -m pytest -q

setup: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $(STAMP)

demo: setup ## rebuild the demo store from fixtures/ without opening the app
	$(BIN)/newsdesk demo --rebuild --no-open

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

eval: setup ## extraction on the shared development data beside the baseline; fails below the floors
	$(BIN)/python -m bench.eval_devdata --floors $(EVAL_ARGS)

bench: setup
	@$(BIN)/python -m compileall -q store tui bench
	$(BIN)/python -m bench

# Dependencies asked for with extras (weasel: smart-open[http], textual: markdown-it-py[linkify]) are pinned with
# those extras: pip's --require-hashes takes an extras requirement for unpinned once a newer release exists.
lock: ## re-resolve requirements.in into requirements.lock (needs uv on PATH)
	uv pip compile requirements.in --python-version 3.11 --generate-hashes -o requirements.lock
	sed -i -e 's/^smart-open==/smart-open[http]==/' -e 's/^markdown-it-py==/markdown-it-py[linkify]==/' requirements.lock

clean:
	rm -rf $(VENV) build *.egg-info
