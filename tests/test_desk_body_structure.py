"""The app's structure an engineer relies on: no import circle among tui's modules (counting the imports made
inside functions), help that imports no screen, and the body's layout testable without Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

TUI = Path(__file__).resolve().parent.parent / "tui"


def _imports() -> dict[str, set[str]]:
    """Each tui module → the tui modules it imports, anywhere in it (``TYPE_CHECKING`` blocks left out)."""
    graph: dict[str, set[str]] = {}
    for path in TUI.rglob("*.py"):
        name = ".".join(path.relative_to(TUI.parent).with_suffix("").parts).removesuffix(".__init__")
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        typing_only = {
            id(n)
            for node in ast.walk(tree)
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test)
            for n in ast.walk(node)
        }
        found = set()
        for node in ast.walk(tree):
            if id(node) in typing_only or not isinstance(node, ast.ImportFrom):
                continue
            base = package
            for _ in range(max(0, node.level - 1)):
                base = base.rpartition(".")[0]
            target = f"{base}.{node.module}" if node.level and node.module else (node.module or base)
            for alias in node.names:
                for candidate in (f"{target}.{alias.name}", target):
                    if candidate.startswith("tui") and candidate != name:
                        found.add(candidate)
                        break
        graph[name] = found
    return {m: {t for t in ts if t in graph} for m, ts in graph.items()}


def test_no_import_circle_in_the_app():
    graph = _imports()
    circles = []

    def visit(module: str, path: list[str]) -> None:
        for target in graph[module]:
            if target in path:
                circles.append([*path[path.index(target) :], target])
            elif len(path) < 12:
                visit(target, [*path, target])

    for module in graph:
        visit(module, [module])
    assert not circles, sorted({" → ".join(c) for c in circles})[:5]


def test_help_imports_no_screen():
    assert not {m for m in _imports()["tui.screens.help"] if m.startswith(("tui.screens", "tui.app"))}


def test_the_body_layout_needs_no_textual():
    code = "import sys, tui.widgets.body_layout; print('textual' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
