"""The plan profile on the configuration sheets of the master, both ways.

``profile_frames`` lays a profile out as the tables of the configuration sheets;
``read_profile`` reads them back through any Workbook port, checking every cell, so a
broken sheet is reported with its sheet name and cell.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

import pandas as pd
from pydantic import PrivateAttr, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from ocop_xl.domain.issues import ConfigError, Issue, Location, MasterError
from ocop_xl.domain.profile import Profile
from ocop_xl.domain.routes import LEVEL_VI
from ocop_xl.domain.targets import rule_code, rule_label
from ocop_xl.domain.tasks import Assignment, assignment_issues
from ocop_xl.domain.text import clean, fold, is_blank
from ocop_xl.domain.values import (
    ValueProblem,
    parse_amount,
    parse_bool,
    parse_date,
    parse_int,
    split_codes,
    yes_no,
)
from ocop_xl.profiles import DEFAULT_ROUTE, criteria_sets, routes
from ocop_xl.workbook.layout import MASTER
from ocop_xl.workbook.layout.config import ROUNDING_LABELS, SETTINGS, SETTINGS_TABLE
from ocop_xl.workbook.port import Workbook, location, records


def _join(codes: tuple[str, ...]) -> str:
    return ", ".join(codes)


def _setting_values(profile: Profile) -> dict[str, Any]:
    council = profile.council
    return {
        "profile_id": profile.id,
        "title": profile.title,
        "year": profile.year,
        "unit_name": profile.unit.name,
        "province": profile.unit.province,
        "issuing_body": profile.unit.issuing_body,
        "standing_office": profile.unit.standing_office,
        "place": profile.unit.place,
        "criteria_set": _criteria_label(profile.criteria_set),
        "communes_as_of": profile.communes_as_of,
        "communes_source": profile.communes_source,
        "number_words": profile.number_words,
        "certificate_validity_months": profile.certificate_validity_months,
        "certificate_pattern": profile.certificate_pattern,
        "expiry_window_days": profile.expiry_window_days,
        "expiry_urgent_days": profile.expiry_urgent_days,
        "province_code": profile.province_code,
        "unit_code": profile.unit_code,
        "quorum": council.quorum,
        "chair_required": yes_no(council.chair_required),
        "presiders": ", ".join(council.presiders),
        "secretary_scores": yes_no(council.secretary_scores),
        "spread_limit": council.spread_limit,
        "route": profile.route.code,
        "route_name": profile.route.name,
        "route_decision": profile.route.decision,
        "display_decimals": council.display_decimals,
        "rounding": ROUNDING_LABELS[council.rounding],
        "sample_note": profile.sample_note,
        "as_of": profile.as_of,
        "document_date": profile.document_date,
        "submission_deadline": profile.submission_deadline,
        "contact": profile.contact,
        "preparer_name": profile.preparer_name,
        "head_name": profile.head_name,
        "chair_name": profile.chair_name,
    }


def _criteria_label(code: str) -> str:
    """What Cấu hình shows for a criteria set: "QĐ 148/QĐ-TTg", not its code."""
    known = criteria_sets()
    return known[code].label if code in known else code


def _criteria_code(value: Any, known: dict) -> str:
    """The criteria set a Cấu hình cell names, by its label or its code."""
    wanted = fold(value)
    for code, cs in known.items():
        if wanted in (fold(code), fold(cs.label)):
            return code
    return clean(value)


def profile_frames(profile: Profile) -> dict[str, pd.DataFrame]:
    """The configuration tables of a new master, keyed by layout name."""
    values = _setting_values(profile)
    settings = pd.DataFrame(
        [
            {
                "key": s.key,
                "label": s.label,
                "value": values[s.key],
                "note": s.note
                or (
                    "Chọn một trong: " + "; ".join(c.label for c in criteria_sets().values())
                    if s.key == "criteria_set"
                    else ""
                ),
            }
            for s in SETTINGS
        ]
    )
    frames = {
        "settings": settings,
        "communes": pd.DataFrame(
            [{"code": c.code, "name": c.name, "kind": c.kind, "note": ""} for c in profile.communes]
        ),
        "departments": pd.DataFrame([d.model_dump() for d in profile.departments]),
        "tasks": pd.DataFrame(
            [{**t.model_dump(), "coordinators": _join(t.coordinators)} for t in profile.tasks]
        ),
        "targets": pd.DataFrame(
            [
                {**t.model_dump(), "rule": rule_label(t.rule), "params": _join(t.params)}
                for t in profile.targets
            ]
        ),
        "funding_sources": pd.DataFrame(
            [{**s.model_dump(), "sample": yes_no(s.sample)} for s in profile.funding_sources]
        ),
        "support_items": pd.DataFrame(
            [
                {
                    **i.model_dump(),
                    "eligible_sources": _join(i.eligible_sources),
                    "per_product": yes_no(i.per_product),
                    "sample": yes_no(i.sample),
                }
                for i in profile.support_items
            ]
        ),
        "council": pd.DataFrame(
            [
                {
                    **m.model_dump(),
                    "present": yes_no(m.present),
                    "conflicts": _join(m.conflicts),
                }
                for m in profile.council_members
            ]
        ),
        "route": pd.DataFrame(
            [
                {
                    "level": LEVEL_VI[lv.level],
                    "name": lv.name,
                    "body": lv.body,
                    "pre_check": yes_no(lv.pre_check),
                    "scores": yes_no(lv.scores),
                    "recognise_from": lv.recognise_from,
                    "recognise_to": lv.recognise_to,
                    "forward_from": lv.forward_from,
                    "office": yes_no(lv.level == profile.route.office_level),
                }
                for lv in profile.route.levels
            ]
        ),
        "requirements": pd.DataFrame(
            [{**r.model_dump(), "sample": yes_no(r.sample)} for r in profile.requirements]
        ),
    }
    for name, frame in frames.items():
        keys = list(MASTER.table(name).keys)
        frames[name] = frame.reindex(columns=keys)
    return frames


class _Reader:
    """Collects every problem of the configuration sheets instead of stopping at the first."""

    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def problem(self, code: str, where: Location, **params: Any) -> None:
        self.issues.append(Issue.error(code, where, **params))

    def value(
        self,
        frame: pd.DataFrame,
        row: int,
        key: str,
        raw: Any,
        parse: Callable[[Any], Any],
        *,
        required: bool = False,
        default: Any = None,
    ) -> Any:
        where = location(frame, row, key)
        if is_blank(raw):
            if required:
                table = _table_of(frame)
                label = MASTER.table(table).column(key).header if table else key
                self.problem("CONFIG_VALUE_REQUIRED", where, label=label)
            return default
        try:
            return parse(raw)
        except ValueProblem as exc:
            self.problem(
                "CONFIG_VALUE_INVALID",
                where,
                value=clean(raw),
                expected_vi=exc.expected_vi,
                expected_en=exc.expected_en,
            )
            return default

    def unique(self, frame: pd.DataFrame, key: str) -> None:
        seen: dict[str, int] = {}
        for row, rec in records(frame):
            code = clean(rec.get(key))
            if not code:
                continue
            if code in seen:
                self.problem(
                    "CONFIG_DUPLICATE_CODE",
                    location(frame, row, key),
                    value=code,
                    other_cell=location(frame, seen[code], key).cell,
                )
            else:
                seen[code] = row


def _table_of(frame: pd.DataFrame) -> str | None:
    sheet = frame.attrs.get("sheet")
    for spec in MASTER.tables("config"):
        if spec.sheet == sheet:
            return spec.name
    return None


def _text(value: Any) -> str:
    return clean(value)


def _codes(value: Any) -> tuple[str, ...]:
    return split_codes(value)


# Settings and tables added after the first masters were made: a master without them gets
# the defaults of the Tứ Kỳ 2023 plan (its route, the chair presiding, no scoring secretary).
LATER_SETTINGS = {
    "presiders",
    "secretary_scores",
    "route",
    "route_name",
    "route_decision",
    "certificate_pattern",
    "province_code",
    "unit_code",
}
LATER_TABLES = {"route", "requirements"}


def _read_config(wb: Workbook, name: str) -> pd.DataFrame:
    if name in LATER_TABLES:
        try:
            if not wb.has_sheet(name):
                return pd.DataFrame(columns=list(MASTER.table(name).keys))
            return wb.read_table(name)
        except MasterError as exc:
            if exc.code in {"TABLE_MISSING", "SHEET_MISSING"}:
                return pd.DataFrame(columns=list(MASTER.table(name).keys))
            raise
    return wb.read_table(name)


class _Frames(dict):
    """The configuration tables, each read from its sheet when first wanted."""

    def __init__(self, wb: Workbook) -> None:
        super().__init__()
        self.wb = wb

    def __missing__(self, name: str) -> pd.DataFrame:
        frame = self[name] = _read_config(self.wb, name)
        return frame


# The sections of a profile read from their own sheet, as Profile names them, in the order
# check-config reports them; a section named here reads the other first (its codes are
# checked against it).
SECTIONS = (
    "communes",
    "departments",
    "tasks",
    "targets",
    "funding_sources",
    "support_items",
    "council_members",
    "requirements",
    "route",
)
_DEPENDS = {"tasks": ("departments",), "support_items": ("funding_sources",)}


class _Sections:
    """The configuration sheets read and checked one section at a time: Cấu hình (the
    settings) first, any other section when it is first wanted, each once."""

    def __init__(self, wb: Workbook) -> None:
        self.wb = wb
        self.reader = _Reader()
        self.frames = _Frames(wb)
        self.by_key: dict[str, tuple[int, Any]] = {}
        self.values: dict[str, Any] = {}
        self.issues_of: dict[str, list[Issue]] = {}
        self.setting: dict[str, Any] = self.get("settings")

    def get(self, section: str) -> Any:
        """A section's rows as data for Profile (its problems in ``issues_of``)."""
        if section not in self.values:
            for other in _DEPENDS.get(section, ()):
                self.get(other)
            start = len(self.reader.issues)
            self.values[section] = getattr(self, f"_read_{section}")()
            self.issues_of[section] = self.reader.issues[start:]
        return self.values[section]

    def errors(self, *sections: str) -> list[Issue]:
        return [i for s in sections for i in self.issues_of.get(s, ()) if i.is_error]

    def _rows(
        self, name: str, build: Callable[[int, dict[str, Any]], dict[str, Any] | None]
    ) -> list[dict]:
        frame = self.frames[name]
        spec = MASTER.table(name)
        if isinstance(spec.key, str):  # every settings table is keyed by one column
            self.reader.unique(frame, spec.key)
        out = []
        for row, rec in records(frame):
            item = build(row, rec)
            if item is not None:
                out.append(item)
        return out

    def _text(self, name: str, row: int, rec: dict, key: str, required: bool = False) -> str:
        return self.reader.value(
            self.frames[name], row, key, rec.get(key), _text, required=required, default=""
        )

    def _read_settings(self) -> dict[str, Any]:
        reader, frames, wb = self.reader, self.frames, self.wb
        by_key = self.by_key

        settings_frame = frames["settings"]
        for row, rec in records(settings_frame):
            key = clean(rec.get("key"))
            if key:
                by_key[key] = (row, rec.get("value"))
        known_sets = criteria_sets()
        setting: dict[str, Any] = {}
        for s in SETTINGS:
            if s.key not in by_key and (s.optional or s.key in LATER_SETTINGS):
                continue  # a master made before the setting existed: its default applies
            if s.key not in by_key:
                reader.problem(
                    "CONFIG_SETTING_MISSING",
                    Location(file=wb.name, sheet=SETTINGS_TABLE.sheet),
                    label=s.label,
                    key=s.key,
                )
                continue
            row, raw = by_key[s.key]
            parse: Callable[[Any], Any] = {
                "int": parse_int,
                "date": parse_date,
                "bool": parse_bool,
            }.get(s.kind, _text)
            required = not s.optional and s.key not in {
                "communes_source",
                "sample_note",
                "route_name",
                "route_decision",
                "province_code",
                "unit_code",
            }
            value = reader.value(settings_frame, row, "value", raw, parse, required=required)
            if value is None:
                continue
            if s.key == "criteria_set":
                value = _criteria_code(value, known_sets)
            if s.key == "criteria_set" and value not in known_sets:
                where = location(settings_frame, row, "value")
                known = "; ".join(c.label for c in known_sets.values())
                reader.issues.append(
                    Issue.error("CRITERIA_SET_UNKNOWN", where, value=value, known=known)
                )
                continue
            if s.key == "rounding":
                value = _choice(reader, settings_frame, row, value, ROUNDING_LABELS)
            elif (
                s.kind == "choice" and s.choices and fold(value) not in {fold(c) for c in s.choices}
            ):
                reader.problem(
                    "CONFIG_VALUE_INVALID",
                    location(settings_frame, row, "value"),
                    value=value,
                    expected_vi="chọn một trong: " + ", ".join(s.choices),
                    expected_en="one of: " + ", ".join(s.choices),
                )
                continue
            elif s.kind == "choice" and s.choices:
                value = next(c for c in s.choices if fold(c) == fold(value))
            setting[s.key] = value
        return setting

    def _read_communes(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows
        return rows(
            "communes",
            lambda r, rec: {
                "code": text("communes", r, rec, "code", True),
                "name": text("communes", r, rec, "name", True),
                "kind": _kind(reader, frames["communes"], r, rec.get("kind")),
            },
        )

    def _read_departments(self) -> list[dict]:
        text, rows = self._text, self._rows
        return rows(
            "departments",
            lambda r, rec: {
                "code": text("departments", r, rec, "code", True),
                "name": text("departments", r, rec, "name", True),
                "duty": text("departments", r, rec, "duty"),
            },
        )

    def _read_tasks(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows
        dept_codes = {d["code"] for d in self.get("departments")}

        def task(r: int, rec: dict) -> dict:
            f = frames["tasks"]
            row = task_assignment(f, r, rec)
            # The rule (one lead, known departments) lives in domain.tasks; see docs/plan.md.
            reader.issues.extend(
                assignment_issues(row, dept_codes, MASTER.table("departments").sheet)
            )
            return {
                "code": text("tasks", r, rec, "code", True),
                "section": text("tasks", r, rec, "section"),
                "title": text("tasks", r, rec, "title", True),
                "lead": row.leads[0] if len(row.leads) == 1 else ", ".join(row.leads),
                "coordinators": row.coordinators,
                "deadline": text("tasks", r, rec, "deadline"),
                "output": text("tasks", r, rec, "output"),
            }

        return rows("tasks", task)

    def _read_targets(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows

        def target(r: int, rec: dict) -> dict:
            f = frames["targets"]
            minimum = reader.value(
                f, r, "minimum", rec.get("minimum"), parse_int, required=True, default=0
            )
            stretch = reader.value(f, r, "stretch", rec.get("stretch"), parse_int, default=minimum)
            if stretch is not None and minimum is not None and stretch < minimum:
                reader.problem(
                    "CONFIG_VALUE_INVALID",
                    location(f, r, "stretch"),
                    value=stretch,
                    expected_vi="mức phấn đấu không được nhỏ hơn mức tối thiểu",
                    expected_en="the stretch value must not be below the minimum",
                )
                stretch = minimum
            return {
                "code": text("targets", r, rec, "code", True),
                "title": text("targets", r, rec, "title", True),
                "minimum": max(minimum, 0),
                "stretch": max(stretch, 0),
                "unit": text("targets", r, rec, "unit") or "sản phẩm",
                "rule": rule_code(text("targets", r, rec, "rule", True)),
                "params": reader.value(f, r, "params", rec.get("params"), _codes, default=()),
            }

        return rows("targets", target)

    def _read_funding_sources(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows

        def source(r: int, rec: dict) -> dict:
            f = frames["funding_sources"]
            percent = reader.value(
                f, r, "warning_percent", rec.get("warning_percent"), parse_int, default=90
            )
            if not 1 <= percent <= 100:
                reader.problem(
                    "CONFIG_VALUE_INVALID",
                    location(f, r, "warning_percent"),
                    value=percent,
                    expected_vi="phải từ 1 đến 100",
                    expected_en="must be 1 to 100",
                )
                percent = 90
            return {
                "code": text("funding_sources", r, rec, "code", True),
                "name": text("funding_sources", r, rec, "name", True),
                "available": reader.value(
                    f, r, "available", rec.get("available"), parse_amount, required=True, default=0
                ),
                "warning_percent": percent,
                "sample": reader.value(
                    f, r, "sample", rec.get("sample"), parse_bool, default=False
                ),
            }

        return rows("funding_sources", source)

    def _read_support_items(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows
        source_codes = {s["code"] for s in self.get("funding_sources")}

        def item(r: int, rec: dict) -> dict:
            f = frames["support_items"]
            eligible = reader.value(
                f, r, "eligible_sources", rec.get("eligible_sources"), _codes, default=()
            )
            for code in eligible:
                if code not in source_codes:
                    reader.problem(
                        "CONFIG_UNKNOWN_REFERENCE",
                        location(f, r, "eligible_sources"),
                        value=code,
                        target_sheet=MASTER.table("funding_sources").sheet,
                    )
            return {
                "code": text("support_items", r, rec, "code", True),
                "name": text("support_items", r, rec, "name", True),
                "unit": text("support_items", r, rec, "unit"),
                "cap_per_product": reader.value(
                    f, r, "cap_per_product", rec.get("cap_per_product"), parse_amount
                ),
                "eligible_sources": tuple(c for c in eligible if c in source_codes),
                "per_product": reader.value(
                    f, r, "per_product", rec.get("per_product"), parse_bool, default=True
                ),
                "sample": reader.value(
                    f, r, "sample", rec.get("sample"), parse_bool, default=False
                ),
            }

        return rows("support_items", item)

    def _read_council_members(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows

        def member(r: int, rec: dict) -> dict:
            f = frames["council"]
            role = _role(reader, f, r, rec.get("role"))
            return {
                "name": text("council", r, rec, "name", True),
                "role": role,
                "unit": text("council", r, rec, "unit"),
                "present": reader.value(
                    f, r, "present", rec.get("present"), parse_bool, default=True
                ),
                "conflicts": reader.value(
                    f, r, "conflicts", rec.get("conflicts"), _codes, default=()
                ),
                "conflict_reason": text("council", r, rec, "conflict_reason"),
            }

        return rows("council", member)

    def _read_requirements(self) -> list[dict]:
        reader, frames, text, rows = self.reader, self.frames, self._text, self._rows

        def requirement(r: int, rec: dict) -> dict:
            f = frames["requirements"]
            star = reader.value(
                f, r, "from_star", rec.get("from_star"), parse_int, required=True, default=3
            )
            if not 1 <= star <= 5:
                reader.problem(
                    "CONFIG_VALUE_INVALID",
                    location(f, r, "from_star"),
                    value=star,
                    expected_vi="một hạng sao từ 1 đến 5",
                    expected_en="a star from 1 to 5",
                )
                star = 3
            return {
                "code": text("requirements", r, rec, "code", True),
                "text": text("requirements", r, rec, "text", True),
                "from_star": star,
                "sample": reader.value(
                    f, r, "sample", rec.get("sample"), parse_bool, default=False
                ),
            }

        return rows("requirements", requirement)

    def _read_route(self) -> dict:
        return _route(self.reader, self.frames["route"], self.setting, self.wb.name)

    def scalars(self) -> dict[str, Any]:
        """Profile's fields held by Cấu hình (every one but the sections)."""
        setting = self.setting
        rounding = {v: k for k, v in ROUNDING_LABELS.items()}
        return {
            "id": setting.get("profile_id"),
            "title": setting.get("title"),
            "year": setting.get("year"),
            "unit": {
                "name": setting.get("unit_name"),
                "province": setting.get("province"),
                "issuing_body": setting.get("issuing_body"),
                "standing_office": setting.get("standing_office"),
                "place": setting.get("place"),
            },
            "criteria_set": setting.get("criteria_set"),
            "communes_as_of": setting.get("communes_as_of"),
            "communes_source": setting.get("communes_source") or "",
            "number_words": setting.get("number_words"),
            "certificate_validity_months": setting.get("certificate_validity_months"),
            "certificate_pattern": setting.get("certificate_pattern")
            or "{seq:03d}/GCN-OCOP/{year}",
            **{
                key: setting[key]
                for key in ("expiry_window_days", "expiry_urgent_days")
                if setting.get(key) is not None
            },
            "province_code": setting.get("province_code") or "",
            "unit_code": setting.get("unit_code") or "",
            "sample_note": setting.get("sample_note") or "",
            "as_of": setting.get("as_of"),
            "document_date": setting.get("document_date"),
            "submission_deadline": setting.get("submission_deadline"),
            "contact": setting.get("contact") or "",
            "preparer_name": setting.get("preparer_name") or "",
            "head_name": setting.get("head_name") or "",
            "chair_name": setting.get("chair_name") or "",
            "council": {
                "quorum": setting.get("quorum"),
                "chair_required": setting.get("chair_required", True),
                "presiders": _roles(setting.get("presiders")),
                "secretary_scores": setting.get("secretary_scores", False),
                "spread_limit": setting.get("spread_limit"),
                "display_decimals": setting.get("display_decimals"),
                "rounding": rounding.get(setting.get("rounding") or "", "half_up"),
            },
        }


def collect_profile(
    wb: Workbook, needs: Iterable[str] = SECTIONS
) -> tuple[Profile | None, list[Issue]]:
    """The profile held by the master's configuration sheets, and every problem found in
    Cấu hình and in the sections ``needs`` names (all of them by default, as check-config
    reads them). With fewer sections the profile is a ``SheetProfile``: any other section
    is read from its sheet, and checked, when first used."""
    wanted = set(needs) | {d for n in needs for d in _DEPENDS.get(n, ())}
    sections = _Sections(wb)
    for section in SECTIONS:
        if section in wanted:
            sections.get(section)
    issues = list(sections.reader.issues)
    if any(i.is_error for i in issues):
        return None, issues
    data = sections.scalars()
    later = [s for s in SECTIONS if s not in wanted]
    for section in SECTIONS:
        data[section] = _placeholder(section) if section in later else sections.get(section)
    model = SheetProfile if later else Profile
    try:
        profile = model.model_validate(data)
    except ValidationError as exc:
        issues.extend(_validation_issues(exc, sections.frames, sections.by_key, wb.name))
        return None, issues
    if later:
        for section in later:  # what SheetProfile.__getattr__ reads when first asked
            del profile.__dict__[section]
        profile.__pydantic_private__["_sections"] = sections  # type: ignore[index]
    return profile, issues


def _placeholder(section: str) -> Any:
    # a valid stand-in, so that Cấu hình alone goes through Profile's checks
    return routes()[DEFAULT_ROUTE].model_dump() if section == "route" else ()


class SheetProfile(Profile):
    """A profile read from the master, some of its sections not read yet: each is read from
    its sheet and checked when first used, and stops the action at its first broken cell
    (``ConfigError``), as ``read_profile`` would have at the start."""

    _sections: Any = PrivateAttr(default=None)

    def __getattr__(self, name: str) -> Any:
        if name in SECTIONS:
            private = object.__getattribute__(self, "__pydantic_private__") or {}
            sections = private.get("_sections")
            if sections is not None:
                value = _load(sections, name)
                self.__dict__[name] = value
                return value
        return super().__getattr__(name)  # type: ignore[misc]

    def loaded(self) -> SheetProfile:
        """Every section read (what a whole copy of the profile needs)."""
        for section in SECTIONS:
            getattr(self, section)
        return self

    def model_dump(self, **kwargs: Any) -> dict[str, Any]:
        return super(SheetProfile, self.loaded()).model_dump(**kwargs)


@cache
def _adapter(section: str) -> TypeAdapter:
    annotation = Profile.model_fields[section].annotation
    assert annotation is not None  # every section of Profile is annotated
    return TypeAdapter(annotation)


def _load(sections: _Sections, name: str) -> Any:
    """One section of a SheetProfile, read and checked: its value, or ``ConfigError`` at
    its first broken cell."""
    value = sections.get(name)
    errors = sections.errors(*_DEPENDS.get(name, ()), name)
    if not errors:
        try:
            return _adapter(name).validate_python(value)
        except ValidationError as exc:
            placed = [{**e, "loc": (name, *e["loc"])} for e in exc.errors()]
            errors = _placed_issues(
                placed, str(exc), sections.frames, sections.by_key, sections.wb.name
            )
    first = errors[0]
    raise ConfigError(first.code, first.location, **dict(first.params))


def _roles(value: Any) -> tuple[str, ...]:
    """'Chủ tịch, phó chủ tịch' → the roles as the council sheet spells them."""
    from ocop_xl.domain.profile import COUNCIL_ROLES

    if is_blank(value):
        return ("Chủ tịch",)
    by_key = {fold(r): r for r in COUNCIL_ROLES}
    return tuple(by_key.get(fold(c), clean(c)) for c in split_codes(value))


_LEVEL_OF = {fold(v): k for k, v in LEVEL_VI.items()}


def _route(reader: _Reader, frame: pd.DataFrame, setting: dict[str, Any], file: str) -> dict:
    """The route on Quy trình đánh giá; an older master without the sheet follows the built-in
    route its setting names (the Tứ Kỳ 2023 plan's by default)."""
    code = setting.get("route") or DEFAULT_ROUTE
    built_in = routes().get(code)
    rows = records(frame)
    if not rows:
        if built_in is None:
            reader.problem(
                "CONFIG_VALUE_REQUIRED",
                Location(file=file, sheet=MASTER.table("route").sheet),
                label=MASTER.table("route").column("level").header,
            )
            return {}
        return built_in.model_dump()
    levels, office = [], None
    for r, rec in rows:
        level = _LEVEL_OF.get(fold(rec.get("level")))
        if level is None:
            reader.problem(
                "CONFIG_VALUE_INVALID",
                location(frame, r, "level"),
                value=clean(rec.get("level")),
                expected_vi="chọn một trong: " + ", ".join(LEVEL_VI.values()),
                expected_en="one of: " + ", ".join(LEVEL_VI.values()),
            )
            continue

        def number(key: str, rec: dict = rec, r: int = r) -> int | None:
            return reader.value(frame, r, key, rec.get(key), parse_int)

        def flag(key: str, rec: dict = rec, r: int = r) -> bool:
            return reader.value(frame, r, key, rec.get(key), parse_bool, default=False)

        if flag("office"):
            office = level
        levels.append(
            {
                "level": level,
                "name": clean(rec.get("name")) or LEVEL_VI[level].lower(),
                "body": clean(rec.get("body")),
                "pre_check": flag("pre_check"),
                "scores": flag("scores"),
                "recognise_from": number("recognise_from"),
                "recognise_to": number("recognise_to"),
                "forward_from": number("forward_from"),
            }
        )
    return {
        "code": code,
        "name": setting.get("route_name") or (built_in.name if built_in else code),
        "decision": setting.get("route_decision") or (built_in.decision if built_in else ""),
        "office_level": office or "",
        "levels": levels,
        "sources": [s.model_dump() for s in built_in.sources] if built_in else [],
    }


def task_assignment(frame: pd.DataFrame, row: int, rec: dict[str, Any]) -> Assignment:
    """One row of Nhiệm vụ as typed: its lead and coordinator codes split, with their cells."""
    return Assignment(
        task=clean(rec.get("code")) or f"dòng {row}",
        leads=split_codes(rec.get("lead")),
        coordinators=split_codes(rec.get("coordinators")),
        lead_at=location(frame, row, "lead"),
        coordinators_at=location(frame, row, "coordinators"),
    )


def _choice(
    reader: _Reader, frame: pd.DataFrame, row: int, value: Any, labels: dict[str, str]
) -> Any:
    for label in labels.values():
        if fold(label) == fold(value):
            return label
    reader.problem(
        "CONFIG_VALUE_INVALID",
        location(frame, row, "value"),
        value=value,
        expected_vi="chọn một trong: " + ", ".join(labels.values()),
        expected_en="one of: " + ", ".join(labels.values()),
    )
    return None


def _kind(reader: _Reader, frame: pd.DataFrame, row: int, raw: Any) -> str:
    choices = ("Xã", "Thị trấn", "Phường")
    if is_blank(raw):
        return "Xã"
    for c in choices:
        if fold(c) == fold(raw):
            return c
    reader.problem(
        "CONFIG_VALUE_INVALID",
        location(frame, row, "kind"),
        value=clean(raw),
        expected_vi="chọn Xã, Thị trấn hoặc Phường",
        expected_en="one of Xã, Thị trấn, Phường",
    )
    return "Xã"


def _role(reader: _Reader, frame: pd.DataFrame, row: int, raw: Any) -> str:
    from ocop_xl.domain.profile import COUNCIL_ROLES

    for c in COUNCIL_ROLES:
        if fold(c) == fold(raw):
            return c
    reader.problem(
        "CONFIG_VALUE_INVALID",
        location(frame, row, "role"),
        value=clean(raw),
        expected_vi="chọn một trong: " + ", ".join(COUNCIL_ROLES),
        expected_en="one of: " + ", ".join(COUNCIL_ROLES),
    )
    return "Ủy viên"


_SETTING_OF_FIELD: dict[tuple[int | str, ...], str] = {
    ("id",): "profile_id",
    ("title",): "title",
    ("year",): "year",
    ("certificate_validity_months",): "certificate_validity_months",
    ("certificate_pattern",): "certificate_pattern",
    ("expiry_window_days",): "expiry_window_days",
    ("expiry_urgent_days",): "expiry_urgent_days",
    ("council", "quorum"): "quorum",
    ("council", "spread_limit"): "spread_limit",
    ("council", "presiders"): "presiders",
    ("route",): "route",
    ("council", "display_decimals"): "display_decimals",
}

_TABLE_OF_FIELD = {
    "communes": "communes",
    "departments": "departments",
    "tasks": "tasks",
    "targets": "targets",
    "funding_sources": "funding_sources",
    "support_items": "support_items",
    "council_members": "council",
    "requirements": "requirements",
}


def _validation_issues(
    exc: ValidationError,
    frames: dict[str, pd.DataFrame],
    settings_rows: dict[str, tuple[int, Any]],
    file_name: str,
) -> list[Issue]:
    """Pydantic's findings, placed on the cell they come from where that can be told."""
    return _placed_issues(exc.errors(), str(exc), frames, settings_rows, file_name)


def _placed_issues(
    errors: list[Any],
    detail: str,
    frames: dict[str, pd.DataFrame],
    settings_rows: dict[str, tuple[int, Any]],
    file_name: str,
) -> list[Issue]:
    issues = []
    for err in errors:
        loc = tuple(err["loc"])
        where = Location(file=file_name, sheet=SETTINGS_TABLE.sheet)
        value = err.get("input", "")
        setting_key = _SETTING_OF_FIELD.get(loc) or _SETTING_OF_FIELD.get(loc[:2])
        if setting_key and setting_key in settings_rows:
            row, value = settings_rows[setting_key]
            where = location(frames["settings"], row, "value")
        elif loc and loc[0] == "route" and loc[1:2] != ("code",):
            where = Location(file=file_name, sheet=MASTER.table("route").sheet)
        elif loc and loc[0] in _TABLE_OF_FIELD and len(loc) >= 2 and isinstance(loc[1], int):
            frame = frames[_TABLE_OF_FIELD[loc[0]]]
            key = str(loc[2]) if len(loc) > 2 else None
            if loc[1] < len(frame.index):
                where = location(frame, frame.index[loc[1]], key if key in frame.columns else None)
        issues.append(
            Issue.error(
                "CONFIG_VALUE_INVALID",
                where,
                value=clean(value) if not isinstance(value, dict) else "",
                expected_vi=_vi_reason(err),
                expected_en=err["msg"],
            )
        )
    if not issues:
        issues.append(
            Issue.error(
                "CONFIG_INVALID",
                Location(file=file_name, sheet=SETTINGS_TABLE.sheet),
                detail=detail,
            )
        )
    return issues


def _vi_reason(err: ErrorDetails) -> str:
    kind = err.get("type", "")
    if kind.startswith("string_pattern"):
        return "mã chỉ gồm chữ không dấu, số, dấu gạch ngang, gạch dưới hoặc dấu chấm"
    if kind in {"greater_than_equal", "less_than_equal", "greater_than", "less_than"}:
        return "giá trị nằm ngoài khoảng cho phép"
    if kind == "value_error":
        return (
            "giá trị không phù hợp (" + str(err.get("msg", "")).removeprefix("Value error, ") + ")"
        )
    return "giá trị không phù hợp"


def read_profile(wb: Workbook, needs: Iterable[str] = SECTIONS) -> Profile:
    """The profile of the master, or ``ConfigError`` naming the first broken cell of
    Cấu hình or of the sections ``needs`` names (all by default). A section not named is
    read when first used (see ``SheetProfile``): an action names the sections it uses, so
    that a mistake in another sheet does not stop it, and one in its own stops it before
    it writes anything."""
    profile, issues = collect_profile(wb, needs)
    errors = [i for i in issues if i.is_error]
    if profile is None or errors:
        first = errors[0]
        raise ConfigError(first.code, first.location, **dict(first.params))
    return profile
