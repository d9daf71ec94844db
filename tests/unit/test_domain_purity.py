"""The domain core stays pure: no adapter library, no file system."""

import ast
from pathlib import Path

import ocop_xl.domain

FORBIDDEN_MODULES = {
    "openpyxl",
    "xlwings",
    "python_calamine",
    "typer",
    "rich",
    "xlsxwriter",
    "os",
    "pathlib",
    "shutil",
    "io",
    "tempfile",
    "glob",
    "subprocess",
}
FORBIDDEN_CALLS = {"open"}


def _sources():
    root = Path(ocop_xl.domain.__file__).parent
    return sorted(root.rglob("*.py"))


def test_domain_imports_no_adapter_or_file_module():
    found = []
    for path in _sources():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                if name.split(".")[0] in FORBIDDEN_MODULES:
                    found.append(f"{path.name}: {name}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id in FORBIDDEN_CALLS
            ):
                found.append(f"{path.name}:{node.lineno} calls {node.func.id}()")
    assert found == []
    assert len(_sources()) >= 8
