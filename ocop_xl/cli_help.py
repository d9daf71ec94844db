"""``ocop-xl --help`` (and ``ocop-xl`` alone) as plain text, without rich.

typer renders its help through rich (Markdown, panels): about 0.1 s of CPU, more than the
rest of the start-up, for a list that needs none of it. This writes the same content: the
usage line, the program's description, the global options and every command (and command
group) with its whole description, wrapped to the terminal, in the Vietnamese words of
``cli_words``. A command's own help (``ocop-xl budget --help``) stays typer's.
"""

from __future__ import annotations

import inspect
import shutil
import sys
import textwrap
import typing
from typing import Any

from ocop_xl.cli_words import HELP_OPTION_TEXT, gettext, translate


def _paragraphs(text: str | None) -> list[str]:
    """The help text's paragraphs, each on one line (the docstring's line breaks are
    where the source wrapped it)."""
    if not text:
        return []
    text = inspect.cleandoc(text).replace("\b", "")
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _options(app: Any) -> list[tuple[str, str]]:
    """The global options: those of the app's callback, then --help."""
    found: list[tuple[str, str]] = []
    callback = app.registered_callback.callback if app.registered_callback else None
    if callback is not None:
        hints = typing.get_type_hints(callback, include_extras=True)
        for hint in hints.values():
            for info in getattr(hint, "__metadata__", ()):
                if getattr(info, "hidden", False) or not hasattr(info, "param_decls"):
                    continue
                decls = [info.default] if str(info.default).startswith("-") else []
                decls += [d for d in info.param_decls if d not in decls]
                found.append((", ".join(decls), info.help or ""))
    found.append(("--help", gettext(HELP_OPTION_TEXT)))
    return found


def _commands(app: Any) -> list[tuple[str, str]]:
    """Every visible command and command group, in the order they were registered (the
    order of the year's work), with its whole description."""
    found = []
    for info in app.registered_commands:
        if info.hidden or info.callback is None:
            continue
        name = info.name or info.callback.__name__.replace("_", "-")
        text = info.help if isinstance(info.help, str) else inspect.getdoc(info.callback)
        found.append((name, " ".join(_paragraphs(text))))
    for group in app.registered_groups:
        sub = group.typer_instance
        if group.hidden or sub is None:
            continue
        text = group.help if isinstance(group.help, str) else sub.info.help
        if not isinstance(text, str) and sub.registered_callback is not None:
            text = inspect.getdoc(sub.registered_callback.callback)
        found.append((group.name or sub.info.name, " ".join(_paragraphs(text))))
    return found


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    left = max(len(name) for name, _ in rows) + 4
    out = []
    for name, text in rows:
        lines = textwrap.wrap(text, max(width - left, 20)) or [""]
        out.append(f"  {name:<{left - 2}}{lines[0]}".rstrip())
        out += [" " * left + line for line in lines[1:]]
    return out


def render(app: Any, prog: str, width: int | None = None) -> str:
    """The whole help of the program as text."""
    width = width or min(shutil.get_terminal_size((100, 24)).columns, 100)
    lines = [translate(f"Usage: {prog} [OPTIONS] COMMAND [ARGS]..."), ""]
    for paragraph in _paragraphs(app.info.help if isinstance(app.info.help, str) else None):
        lines += [*textwrap.wrap(paragraph, width), ""]
    lines += [gettext("Options") + ":", *_table(_options(app), width), ""]
    lines += [gettext("Commands") + ":", *_table(_commands(app), width)]
    return "\n".join(lines) + "\n"


def print_help(app: Any, prog: str = "ocop-xl") -> None:
    sys.stdout.write(render(app, prog))
    sys.stdout.flush()
