"""The user's settings: ``config.toml`` in the platformdirs config folder (``~/.config/newsdesk/`` on Linux), or
the file ``$NEWSDESK_CONFIG`` names. A theme, a keymap that rebinds keys by their ids (``?`` lists them), and
where and how ``e`` exports (``~/newsdesk-exports``, Markdown, unless set)::

    theme = "nord"

    [keymap]
    next-link = "right_square_bracket,l"   # ] or l
    copy-quote = "c"

    [export]
    folder = "~/notes/exports"
    format = "csv"                          # or "jsonl", "md"

A file that is missing is no settings; one that cannot be read, or a value that makes no sense, is left out with
a line saying why (the app shows it), never a crash.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

EXPORT_FORMATS = (
    "md",
    "csv",
    "jsonl",
)  # as store.export writes them (not imported: settings load at start-up)


def settings_path() -> Path:
    """Where the user's settings are read from."""
    if named := os.environ.get("NEWSDESK_CONFIG"):
        return Path(named)
    from platformdirs import user_config_path

    return user_config_path("newsdesk") / "config.toml"


@dataclass(frozen=True)
class Settings:
    """What the user asked for, and what of it could not be used."""

    path: Path | None = None
    theme: str | None = None
    keymap: dict[str, str] = field(default_factory=dict)
    export_folder: Path = field(default_factory=lambda: Path("~/newsdesk-exports").expanduser())
    export_format: str = "md"
    problems: list[str] = field(default_factory=list)


def load_settings(path: Path | None = None) -> Settings:
    """The settings in ``path`` (the user's file when None)."""
    path = path or settings_path()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return Settings(path)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return Settings(path, problems=[f"{path}: not read ({exc})"])
    problems = []
    theme = data.get("theme")
    if theme is not None and not isinstance(theme, str):
        problems.append(f"{path}: theme must be a name in quotes")
        theme = None
    keymap = data.get("keymap", {})
    if not isinstance(keymap, dict):
        problems.append(f"{path}: [keymap] must be a table of binding ids and keys")
        keymap = {}
    good = {str(k): v for k, v in keymap.items() if isinstance(v, str) and v.strip()}
    if len(good) < len(keymap):
        problems.append(f'{path}: keymap values must be keys in quotes, such as "ctrl+l" or "l,right"')
    export = data.get("export", {})
    if not isinstance(export, dict):
        problems.append(f"{path}: [export] must be a table (folder, format)")
        export = {}
    defaults = Settings()
    folder, fmt = defaults.export_folder, defaults.export_format
    if "folder" in export:
        if isinstance(export["folder"], str) and export["folder"].strip():
            folder = Path(export["folder"]).expanduser()
        else:
            problems.append(f"{path}: [export] folder must be a path in quotes")
    if "format" in export:
        if export["format"] in EXPORT_FORMATS:
            fmt = export["format"]
        else:
            problems.append(f"{path}: [export] format must be one of {', '.join(EXPORT_FORMATS)}")
    unknown = set(data) - {"theme", "keymap", "export"}
    if unknown:
        problems.append(f"{path}: unknown settings: {', '.join(sorted(unknown))}")
    return Settings(path, theme, good, folder, fmt, problems)
