"""Actions: one function per ribbon button and CLI command, written against the Workbook
port. Importing this package registers them all."""

from ocop_xl.actions import (
    budget,
    config_check,
    council,
    plan,
    product_register,
    submissions,
    system,
)
from ocop_xl.actions.registry import ACTIONS, ActionSpec, action, run_action

__all__ = [
    "ACTIONS",
    "ActionSpec",
    "action",
    "budget",
    "config_check",
    "council",
    "plan",
    "product_register",
    "run_action",
    "submissions",
    "system",
]
