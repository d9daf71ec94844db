"""The command line's own words in Vietnamese: click's and typer's help and error texts.

click and typer write their texts through ``gettext`` ("Usage:", "Show this message and
exit.", "Missing option", "No such option"…), and typer keeps its panel titles ("Options",
"Commands", "Error") in module constants. ``apply()`` gives each of their modules a
translation that looks the text up here (a text not listed stays as it is) and sets the
constants, so ``ocop-xl --help``, a usage error and a prompt read in Vietnamese like the
rest of the program. Called once, by ``ocop_xl.cli.main`` (not for ``--version``).
"""

from __future__ import annotations

import importlib.util
import re
import sys
from typing import Any

VI: dict[str, str] = {
    # help
    "Usage:": "Cách dùng:",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Show the version and exit.": "In phiên bản rồi thoát.",
    "Options": "Tùy chọn",
    "Arguments": "Tham số",
    "Commands": "Lệnh",
    "Positional arguments": "Tham số",
    "[default: {}]": "[mặc định: {}]",
    "default: {default}": "mặc định: {default}",
    "[required]": "[bắt buộc]",
    "required": "bắt buộc",
    "[env var: {}]": "[biến môi trường: {}]",
    "env var: {var}": "biến môi trường: {var}",
    "(deprecated) ": "(không còn dùng) ",
    "deprecated": "không còn dùng",
    "(dynamic)": "(tùy lúc chạy)",
    "%(prog)s, version %(version)s": "%(prog)s, phiên bản %(version)s",
    # errors
    "Error": "Lỗi",
    "Error: {message}": "Lỗi: {message}",
    "Try '{command} {option}' for help.": "Xem hướng dẫn: '{command} {option}'.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Xem hướng dẫn: [blue]'{command_path} {help_option}'[/]."
    ),
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Option {name!r} requires {nargs} arguments.": "Tùy chọn {name!r} cần {nargs} giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Got unexpected extra argument ({args})": "Thừa tham số ({args})",
    "Got unexpected extra arguments ({args})": "Thừa các tham số ({args})",
    "Did you mean {possibility}?": "Có phải ý bạn là {possibility}?",
    "(Did you mean one of: {possibilities}?)": "(Có phải một trong: {possibilities}?)",
    "{value!r} is not {choice}.": "{value!r} không phải {choice}.",
    "{value!r} is not one of {choices}.": "{value!r} không thuộc các giá trị {choices}.",
    "{value!r} is not a valid {number_type}.": "{value!r} không phải số hợp lệ.",
    "{value} is not in the range {range}.": "{value} nằm ngoài khoảng {range}.",
    "{value!r} does not match the format {format}.": "{value!r} không đúng dạng {format}.",
    "{value!r} does not match the formats {formats}.": "{value!r} không đúng các dạng {formats}.",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "{name} {filename!r} is a file.": "{name} {filename!r} là một tệp.",
    "{name} {filename!r} is a directory.": "{name} {filename!r} là một thư mục.",
    "{name} {filename!r} is not readable.": "Không đọc được {name} {filename!r}.",
    "{name} {filename!r} is not writable.": "Không ghi được vào {name} {filename!r}.",
    "Could not open file {filename!r}: {message}": "Không mở được tệp {filename!r}: {message}",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
    "unknown error": "lỗi không rõ",
    # prompts
    "Aborted!": "Đã dừng.",
    "Aborted.": "Đã dừng.",
    "Do you want to continue?": "Tiếp tục?",
    "Confirm the action without prompting.": "Đồng ý luôn, không hỏi lại.",
    "Repeat for confirmation": "Nhập lại để xác nhận",
    "Error: The two entered values do not match.": "Lỗi: hai lần nhập không khớp nhau.",
    "Error: invalid input": "Lỗi: giá trị nhập không hợp lệ",
    "Press any key to continue...": "Nhấn một phím bất kỳ để tiếp tục…",
}

# typer's constants, set from its English words above
_TYPER_CONSTANTS = {
    "OPTIONS_PANEL_TITLE": "Options",
    "ARGUMENTS_PANEL_TITLE": "Arguments",
    "COMMANDS_PANEL_TITLE": "Commands",
    "ERRORS_PANEL_TITLE": "Error",
    "ABORTED_TEXT": "Aborted.",
    "RICH_HELP": "Try [blue]'{command_path} {help_option}'[/] for help.",
    "DEFAULT_STRING": "[default: {}]",
    "REQUIRED_LONG_STRING": "[required]",
    "ENVVAR_STRING": "[env var: {}]",
    "DEPRECATED_STRING": "(deprecated) ",
}
_MODULES = (
    "click.core",
    "click.exceptions",
    "click.parser",
    "click.types",
    "click.decorators",
    "click.formatting",
    "click.termui",
    "click.utils",
    "typer.core",
    "typer.main",
    "typer.rich_utils",
)


# typer's own copy of click (typer._click) writes its texts as f-strings, not through
# gettext: they are translated where typer prints them (usage lines, error panels).
PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), replacement)
    for pattern, replacement in (
        (r"^Usage: ", "Cách dùng: "),
        (r"\[OPTIONS\]", "[TÙY CHỌN]"),
        (r"COMMAND \[ARGS\]\.\.\.", "LỆNH [THAM SỐ]..."),
        (r"^No such option: (.+)$", r"Không có tùy chọn: \1"),
        (r"^Missing option (.+)\.", r"Thiếu tùy chọn \1 (bắt buộc)."),
        (r"^Missing argument (.+)\.", r"Thiếu tham số \1."),
        (r"^Missing parameter: (.+)$", r"Thiếu tham số: \1"),
        (r"^Invalid value for (.+?): ", r"Giá trị không hợp lệ cho \1: "),
        (r"^Invalid value: ", "Giá trị không hợp lệ: "),
        (r"^Got unexpected extra argument\(s\) \((.+)\)$", r"Thừa tham số (\1)"),
        (r"^Option (.+) does not take a value\.$", r"Tùy chọn \1 không nhận giá trị."),
        (r"^Option (.+) requires an argument\.?$", r"Tùy chọn \1 cần một giá trị."),
        (r"^Option (.+) requires (\d+) arguments\.?$", r"Tùy chọn \1 cần \2 giá trị."),
        (r"^Could not open file (.+?): ", r"Không mở được tệp \1: "),
        (r"(.+) is not one of (.+)\.$", r"\1 không thuộc các giá trị \2."),
        (r"Did you mean (.+)\?", r"Có phải ý bạn là \1?"),
    )
)
HELP_OPTION_TEXT = "Show this message and exit."


def translate(text: str) -> str:
    """A text click or typer prints, in Vietnamese where it is one of theirs."""
    if text in VI:
        return VI[text]
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text


def gettext(message: str) -> str:
    return VI.get(message, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return gettext(singular if n == 1 else plural)


def apply() -> None:
    """Put the Vietnamese words into click and typer (idempotent).

    Only the modules already loaded are the ones typer uses (typer 0.29 carries its own
    click, without gettext; an older typer loads click's): nothing is imported for this.
    typer's rich help and error panels (typer.rich_utils, which loads rich's Markdown) get
    their words when typer first loads them, for a command's help or an error."""
    for name in _MODULES:
        module: Any = sys.modules.get(name)
        if module is None:
            continue
        if hasattr(module, "_"):
            module._ = gettext
        if hasattr(module, "ngettext"):
            module.ngettext = ngettext
    if "typer.rich_utils" in sys.modules:
        _apply_rich(sys.modules["typer.rich_utils"])
    elif not any(isinstance(f, _AfterImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterImport("typer.rich_utils", _apply_rich))
    for name in ("typer._click.core", "click.core"):
        core: Any = sys.modules.get(name)
        if core is None:
            continue
        command = core.Command
        if not getattr(command.get_help_option, "_ocop_vi", False):
            command.get_help_option = _help_option_in_vietnamese(command.get_help_option)


def _apply_rich(rich_utils: Any) -> None:
    for attribute, words in (("_", gettext), ("ngettext", ngettext)):
        if hasattr(rich_utils, attribute):
            setattr(rich_utils, attribute, words)
    for constant, english in _TYPER_CONSTANTS.items():
        if hasattr(rich_utils, constant):
            setattr(rich_utils, constant, gettext(english))
    highlighter = rich_utils.highlighter
    if not getattr(highlighter, "_ocop_vi", False):
        rich_utils.highlighter = _Translating(highlighter)


class _AfterImport:
    """An import hook: runs ``then(module)`` once the module ``name`` has been loaded."""

    def __init__(self, name: str, then: Any) -> None:
        self.name, self.then = name, then

    def find_spec(self, fullname: str, path: Any = None, target: Any = None) -> Any:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(fullname)
        if spec is None or spec.loader is None:
            return spec
        load, then = spec.loader.exec_module, self.then

        def exec_module(module: Any) -> None:
            load(module)
            then(module)

        spec.loader.exec_module = exec_module  # type: ignore[method-assign]
        return spec


class _Translating:
    """typer's highlighter (it styles every usage line and error message typer prints),
    translating the text first."""

    _ocop_vi = True

    def __init__(self, inner: Any) -> None:
        self.inner = inner

    def __call__(self, text: Any) -> Any:
        if isinstance(text, str):
            text = "\n".join(translate(line) for line in text.split("\n"))
        return self.inner(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def _help_option_in_vietnamese(get_help_option: Any) -> Any:
    def wrapped(self: Any, ctx: Any) -> Any:
        option = get_help_option(self, ctx)
        if option is not None and option.help == HELP_OPTION_TEXT:
            option.help = gettext(HELP_OPTION_TEXT)
        return option

    wrapped._ocop_vi = True  # type: ignore[attr-defined]  # a mark on the function
    return wrapped
