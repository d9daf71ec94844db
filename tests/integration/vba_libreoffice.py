"""VBA made ready for LibreOffice Basic, the test suite's VBA compiler: the code Excel's
compiler sees on 64-bit Windows, with the lines LibreOffice cannot take adapted.

- Conditional compilation (``#If``/``#ElseIf``/``#Else``/``#End If``, ``#Const``) is
  resolved here for Excel on 64-bit Windows (``VBA7`` and ``Win64`` true, ``Mac`` false,
  ``App`` as the module's ``#Const`` says): LibreOffice's own preprocessor does not take a
  procedure header written twice in two branches, as xlwings' module does.
- ``Declare PtrSafe … LongPtr`` (64-bit Office) becomes a plain ``Declare … Long``:
  LibreOffice has neither keyword.
- ``VBA.vbBinaryCompare`` / ``vbTextCompare`` / ``vbDatabaseCompare`` become their values
  (0, 1, 2): LibreOffice does not take them as ``Enum`` values (xlwings' Dictionary class).

Nothing else is changed.
"""

from __future__ import annotations

import re

WINDOWS_64 = {"vba7": True, "vba6": True, "win64": True, "win32": True, "mac": False}
_DIRECTIVE = re.compile(r"^\s*#(If|ElseIf|Else|End If|Const)\b(.*)$", re.IGNORECASE)


def _evaluate(condition: str, names: dict[str, object]) -> bool:
    condition = re.sub(r"\s+Then\s*$", "", condition.split("'")[0], flags=re.IGNORECASE)
    tokens = re.findall(r'"[^"]*"|<>|[=()]|\w+', condition)
    words = {"not": " not ", "and": " and ", "or": " or ", "=": "==", "<>": "!="}
    python = []
    for token in tokens:
        lower = token.lower()
        if lower in words:
            python.append(words[lower])
        elif token.startswith('"') or token in "()" or re.fullmatch(r"\d+", token):
            python.append(token)
        else:
            python.append(repr(names.get(lower, False)))
    return bool(eval("".join(python), {"__builtins__": {}}))


def windows_branch(code: str) -> str:
    """``code`` with its conditional compilation resolved for Excel on 64-bit Windows."""
    names: dict[str, object] = dict(WINDOWS_64)
    out: list[str] = []
    stack: list[tuple[bool, bool]] = []  # (this branch active, a branch already taken)
    for line in code.split("\r\n"):
        found = _DIRECTIVE.match(line)
        active = all(a for a, _ in stack)
        if not found:
            if active:
                out.append(line)
            continue
        keyword, rest = found.group(1).lower(), found.group(2)
        if keyword == "const":
            if active:
                name, value = rest.split("=", 1)
                names[name.strip().lower()] = eval(
                    value.split("'")[0].strip(), {"__builtins__": {}}
                )
        elif keyword == "if":
            taken = _evaluate(rest, names)
            stack.append((taken, taken))
        elif keyword == "elseif":
            _, done = stack.pop()
            taken = not done and _evaluate(rest, names)
            stack.append((taken, done or taken))
        elif keyword == "else":
            _, done = stack.pop()
            stack.append((not done, True))
        else:
            stack.pop()
    return "\r\n".join(out)


def adapt_declares(code: str) -> str:
    return "\r\n".join(
        line.replace("PtrSafe ", "").replace("LongPtr", "Long") if "Declare " in line else line
        for line in code.split("\r\n")
    )


_CONSTANTS = {"VBA.vbBinaryCompare": "0", "VBA.vbTextCompare": "1", "VBA.vbDatabaseCompare": "2"}


def for_libreoffice(code: str) -> str:
    code = adapt_declares(windows_branch(code))
    for name, value in _CONSTANTS.items():
        code = code.replace(name, value)
    return code
