"""The layering the design promises: store/ never pulls in the UI, and importing it stays cheap."""

from __future__ import annotations

import subprocess
import sys


def _modules_after(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def test_importing_store_does_not_import_textual():
    mods = _modules_after("import store, store.queries, store.ingest, store.readers, store.db")
    assert "textual" not in mods


def test_the_read_api_does_not_load_spacy():
    mods = _modules_after("import store.queries")
    assert "spacy" not in mods
