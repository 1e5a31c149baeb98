"""The layering the design promises: store/ never pulls in the UI, and importing it stays cheap."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path


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


# What reads or writes the store: only the gateway (and the command line, which is not the app) may use them.
_STORE_ACCESS = {"store.queries", "store.db", "store.export", "store.ingest", "store.writer", "store.bulk"}
# the gateway, and the command line (tui/cli.py and its subcommand modules tui/cli_*.py), which runs no app
_MAY_CALL_THE_STORE = {
    "tui/gateway.py",
    "tui/cli.py",
    "tui/cli_output.py",
    "tui/cli_feeds.py",
    "tui/cli_watch.py",
}


def _runtime_imports(tree: ast.Module) -> set[str]:
    """The modules a file imports when it runs (imports under ``if TYPE_CHECKING:`` are only for type hints)."""
    skipped = {
        id(node)
        for branch in ast.walk(tree)
        if isinstance(branch, ast.If) and "TYPE_CHECKING" in ast.unparse(branch.test)
        for stmt in branch.body
        for node in ast.walk(stmt)
    }
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


def _store_calls(tree: ast.Module) -> list[str]:
    """Calls made on an object's ``store`` (``self.store.article(…)``, ``self.app.store.search(…)``)."""
    return [
        ast.unparse(node.func)
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and isinstance(node.func.value, ast.Attribute)
        and node.func.value.attr == "store"
    ]


def test_only_the_gateway_calls_the_store_from_the_app():
    """Screens and widgets are views: they ask the gateway, which runs every store call in a worker."""
    root = Path(__file__).resolve().parent.parent
    offenders = []
    for path in sorted((root / "tui").rglob("*.py")):
        name = path.relative_to(root).as_posix()
        if name in _MAY_CALL_THE_STORE:
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = _runtime_imports(tree) & _STORE_ACCESS
        offenders += [f"{name} imports {module}" for module in sorted(imported)]
        offenders += [f"{name} calls {call}" for call in _store_calls(tree)]
    assert offenders == []


def test_the_import_graph_test_sees_a_view_that_reads_the_store():
    view = ast.parse(
        "from typing import TYPE_CHECKING\n"
        "from store.queries import Store\n"
        "if TYPE_CHECKING:\n    from store.db import StoreError\n"
        "class V:\n    def load(self):\n        return self.app.store.article(1)\n"
    )
    assert _runtime_imports(view) & _STORE_ACCESS == {"store.queries"}
    assert _store_calls(view) == ["self.app.store.article"]
