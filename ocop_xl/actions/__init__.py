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

__all__ = ["ACTIONS", "ActionSpec", "action", "load_actions", "run_action", *AREAS]


def __getattr__(name: str) -> Any:
    if name == "ACTIONS":
        return load_actions()
    if name in AREAS:
        return importlib.import_module(f"ocop_xl.actions.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
