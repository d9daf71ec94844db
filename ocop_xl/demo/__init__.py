"""``ocop-xl demo``: the whole program on built-in sample data.

Each area of the program adds its steps to ``STEPS`` (in the order the office works:
configuration, commune submissions, council, budget, plan, documents). A step receives the
``DemoContext`` and returns the ``ActionResult`` it produced. Every sample producer, person
and amount is fictional and marked as sample data.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from rich.console import Console

from ocop_xl.actions.new_master import create_master
from ocop_xl.demo import budget, council, plan, register, submissions, system
from ocop_xl.demo.context import DEMO_PROFILE, MASTER_FILE, DemoContext
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.report import ActionResult
from ocop_xl.profiles import load_profile


def office_settings(profile: Profile) -> Profile:
    """What an office types on Cấu hình before its first round (sample people): who signs,
    the communes' deadline and the person they call."""
    return profile.model_copy(
        update={
            "preparer_name": "Ngô Thị Quỳnh (mẫu)",
            "head_name": "Trần Thị Hoa (mẫu)",
            "chair_name": "Nguyễn Văn Thành (mẫu)",
            "submission_deadline": date(profile.year, 3, 31),
            "contact": "Ngô Thị Quỳnh (mẫu), Phòng Nông nghiệp và PTNT, 0220 3712 000",
        }
    )


def _new_master(ctx: DemoContext) -> ActionResult:
    profile = office_settings(load_profile(DEMO_PROFILE))
    return create_master(profile, ctx.out / MASTER_FILE, force=True)


def _check_config(ctx: DemoContext) -> ActionResult:
    return ctx.run("check-config")


STEPS: list[tuple[str, Callable[[DemoContext], ActionResult]]] = [
    ("new-master", _new_master),
    ("check-config", _check_config),
    *system.STEPS,
    *submissions.STEPS,
    *register.IMPORT_STEPS,
    *council.STEPS,
    *register.STEPS,
    *budget.STEPS,
    *plan.STEPS,
]


def run_demo(out: Path, console: Console | None = None) -> list[tuple[str, ActionResult]]:
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    ctx = DemoContext(out, console)
    outcomes = []
    for name, step in STEPS:
        if console is not None:
            console.print(f"[bold]›[/] {name}")
        outcomes.append((name, step(ctx)))
    return outcomes
