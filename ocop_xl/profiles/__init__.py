"""Packaged plan profiles and criteria sets (TOML data files under ``data/``)."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from pathlib import Path

from pydantic import ValidationError

from ocop_xl.domain.criteria import CriteriaSet, check_no_overlap
from ocop_xl.domain.issues import OcopError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.routes import Route

DEFAULT_ROUTE = "tu-ky-2023"  # a profile naming no route follows the Tứ Kỳ 2023 plan's

_DATA = resources.files(__package__) / "data"


def _read_toml(path: Path | resources.abc.Traversable) -> dict:
    with path.open("rb") as handle:
        return tomllib.load(handle)


def profile_ids() -> list[str]:
    return sorted(p.name.removesuffix(".toml") for p in _DATA.iterdir() if p.name.endswith(".toml"))


def load_profile(name_or_path: str | Path) -> Profile:
    """A packaged profile by id ('tu-ky-2023') or any profile TOML file by path."""
    candidate = Path(name_or_path)
    if candidate.suffix == ".toml" and candidate.exists():
        source: Path | resources.abc.Traversable = candidate
    else:
        source = _DATA / f"{name_or_path}.toml"
        if not source.is_file():
            raise OcopError(
                "PROFILE_UNKNOWN", value=str(name_or_path), known=", ".join(profile_ids())
            )
    try:
        data = _read_toml(source)
        named = data.get("route", DEFAULT_ROUTE)
        if isinstance(named, str):
            data["route"] = route(named).model_dump()
        profile = Profile.model_validate(data)
    except (ValidationError, tomllib.TOMLDecodeError) as exc:
        raise OcopError("PROFILE_INVALID", file=str(name_or_path), detail=str(exc)) from exc
    criteria_set(profile.criteria_set)  # fails early on an unknown set
    return profile


@cache
def criteria_sets() -> dict[str, CriteriaSet]:
    sets = {}
    for entry in (_DATA / "criteria").iterdir():
        if entry.name.endswith(".toml"):
            cs = CriteriaSet.model_validate(_read_toml(entry))
            sets[cs.code] = cs
    check_no_overlap(sets.values())
    return dict(sorted(sets.items()))


def criteria_set(code: str) -> CriteriaSet:
    sets = criteria_sets()
    if code not in sets:
        raise OcopError(
            "PROFILE_INVALID", file=code, detail=f"unknown criteria set; known: {', '.join(sets)}"
        )
    return sets[code]


@cache
def routes() -> dict[str, Route]:
    """The built-in evaluation routes (data/routes/*.toml), by code."""
    found = {}
    for entry in (_DATA / "routes").iterdir():
        if entry.name.endswith(".toml"):
            r = Route.model_validate(_read_toml(entry))
            found[r.code] = r
    return dict(sorted(found.items()))


def route(code: str) -> Route:
    known = routes()
    if code not in known:
        raise OcopError(
            "PROFILE_INVALID", file=code, detail=f"unknown route; known: {', '.join(known)}"
        )
    return known[code]
