"""Ribbon tag = action name = CLI command, and the paths the ribbon hands each action use
the fixed keyword names of the actions."""

import inspect
from types import SimpleNamespace

import pytest
from typer.main import get_command

from ocop_xl.actions import ACTIONS
from ocop_xl.cli import app
from ocop_xl.excel.dispatch import ROUTES
from ocop_xl.workbook.xlsm import custom_ui
from ocop_xl.workbook.xlsm.ribbon import ribbon_buttons

# The keyword names each action takes (fixed for every area of the program).
SIGNATURES = {
    "template": {"out", "commune"},
    "consolidate": {"sources"},
    "returns": {"out"},
    "score-sheets": {"out"},
    "score": {"sources"},
    "registry": set(),
    "budget": {"prefill"},
    "tasks": {"out"},
    "progress": set(),
    "report": {"out", "pdf"},
    "check-config": set(),
    "check-install": set(),
    "help": set(),
}

TAGS = [b.tag for b in ribbon_buttons(custom_ui())]


def test_every_button_has_a_known_signature():
    assert set(TAGS) == set(SIGNATURES)


@pytest.mark.parametrize("tag", TAGS)
def test_routes_pass_only_keywords_the_action_takes(tag):
    route = ROUTES.get(tag)
    passed = set(route.outputs) | set(route.inputs) if route else set()
    if route is not None and route.extra is not None:
        passed |= set(route.extra(SimpleNamespace(name="ocop_master.xlsm", folder=None)))
    assert passed <= SIGNATURES[tag]
    parameters = inspect.signature(ACTIONS[tag].run).parameters
    assert passed <= set(parameters) - {"wb"}


def test_every_ribbon_tag_is_a_registered_action_and_a_cli_command():
    commands = set(get_command(app).commands)  # type: ignore[attr-defined]
    assert [tag for tag in TAGS if tag not in ACTIONS] == []
    assert [tag for tag in TAGS if tag not in commands] == []


def test_supertips_name_the_folders_the_ribbon_uses():
    tips = {b.tag: b.supertip for b in ribbon_buttons(custom_ui())}
    for tag, route in ROUTES.items():
        for folder in [*route.outputs.values(), *route.inputs.values()]:
            assert folder in tips[tag], (tag, folder)
