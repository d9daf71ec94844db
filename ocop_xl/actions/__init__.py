"""Actions: one function per ribbon button and CLI command, written against the Workbook
port. The areas' modules register their actions when first needed (``run_action``, or any
name of this package), so a command's start-up loads only the registry."""

from __future__ import annotations

import importlib
from typing import Any

from ocop_xl.actions.registry import ActionSpec, action, load_actions, run_action

AREAS = (
    "budget",
    "config_check",
    "council",
    "plan",
    "product_register",
    "submissions",
    "system",
)

# The area module of each action: running one loads its own module only, not every area's
# (their documents, readers and writers); a test checks this against the registry.
AREA_OF = {
    "budget": "budget",
    "check-config": "config_check",
    "score-sheets": "council",
    "score": "council",
    "tasks": "plan",
    "progress": "plan",
    "report": "plan",
    "registry": "product_register",
    "registry-import": "product_register",
    "template": "submissions",
    "consolidate": "submissions",
    "returns": "submissions",
    "check-install": "system",
    "help": "system",
}

__all__ = ["ACTIONS", "ActionSpec", "action", "load_actions", "run_action", *AREAS]


def __getattr__(name: str) -> Any:
    if name == "ACTIONS":
        return load_actions()
    if name in AREAS:
        return importlib.import_module(f"ocop_xl.actions.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
