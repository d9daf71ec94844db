"""Validation findings and expected errors, with their words kept in one catalog.

An ``Issue`` is a finding about the data (a cell of a commune file, a row of the budget):
many can be reported in one pass. An ``OcopError`` stops an action (the master is locked, a
configuration sheet is broken). Both carry a stable code and the parameters of a message;
the Vietnamese and English words come from ``ocop_xl.domain.catalog``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any

from ocop_xl.domain.catalog import render


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"

    @property
    def label_vi(self) -> str:
        return "Lỗi" if self is Severity.ERROR else "Cảnh báo"


def _frozen(params: Mapping[str, Any] | None) -> Mapping[str, Any]:
    return MappingProxyType(dict(params or {}))


@dataclass(frozen=True, slots=True)
class Location:
    """Where a finding is: file name, sheet, cell ("C12"), row number, column letter, field."""

    file: str = ""
    sheet: str = ""
    cell: str = ""
    row: int | None = None
    column: str = ""
    field: str = ""

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled as its fields in order: rebuilt in one call, cheaper than slot by slot.
        return (Location, (self.file, self.sheet, self.cell, self.row, self.column, self.field))

    def describe_vi(self) -> str:
        parts = []
        if self.file:
            parts.append(f"tệp {self.file}")
        if self.sheet:
            parts.append(f"trang “{self.sheet}”")
        if self.cell:
            parts.append(f"ô {self.cell}")
        elif self.row is not None:
            parts.append(f"dòng {self.row}")
        return ", ".join(parts)

    def describe_en(self) -> str:
        parts = []
        if self.file:
            parts.append(f"file {self.file}")
        if self.sheet:
            parts.append(f"sheet '{self.sheet}'")
        if self.cell:
            parts.append(f"cell {self.cell}")
        elif self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Issue:
    code: str
    severity: Severity
    location: Location = Location()
    params: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if type(self.params) is not MappingProxyType:
            object.__setattr__(self, "params", _frozen(self.params))

    # A finding is made with its code and parameters only: its words are rendered from the
    # catalog when shown (message_vi, message_en), never when found. The keyword arguments
    # are a fresh dict, so they are wrapped read-only without a copy.
    @classmethod
    def error(cls, code: str, location: Location = Location(), **params: Any) -> Issue:
        return cls(code, Severity.ERROR, location, MappingProxyType(params))

    @classmethod
    def warning(cls, code: str, location: Location = Location(), **params: Any) -> Issue:
        return cls(code, Severity.WARNING, location, MappingProxyType(params))

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickled (findings come back from worker processes) with their parameters as a
        # plain dict: a read-only view cannot be pickled.
        return (_unpickle_issue, (self.code, self.severity, self.location, dict(self.params)))

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    @property
    def message_vi(self) -> str:
        return render(self.code, self._all_params(), "vi")

    @property
    def message_en(self) -> str:
        return render(self.code, self._all_params(), "en")

    def _all_params(self) -> dict[str, Any]:
        loc = self.location
        return {
            "file": loc.file,
            "sheet": loc.sheet,
            "cell": loc.cell,
            "row": loc.row,
            "field": loc.field,
            **self.params,
        }

    def to_dict(self) -> dict[str, Any]:
        """The shape every action's JSON report uses for one finding."""
        loc = self.location
        return {
            "code": self.code,
            "severity": str(self.severity),
            "file": loc.file,
            "sheet": loc.sheet,
            "cell": loc.cell,
            "row": loc.row,
            "column": loc.column,
            "field": loc.field,
            "message_vi": self.message_vi,
            "message_en": self.message_en,
        }


def _unpickle_issue(
    code: str, severity: Severity, location: Location, params: dict[str, Any]
) -> Issue:
    return Issue(code, severity, location, MappingProxyType(params))


class OcopError(Exception):
    """An expected error that stops an action; its message is shown to the user as is."""

    def __init__(self, code: str, location: Location = Location(), **params: Any) -> None:
        self.issue = Issue.error(code, location, **params)
        super().__init__(self.issue.message_en)

    @property
    def code(self) -> str:
        return self.issue.code

    @property
    def message_vi(self) -> str:
        return self.issue.message_vi

    @property
    def message_en(self) -> str:
        return self.issue.message_en


class MasterError(OcopError):
    """The master workbook cannot be read or written (CLI exit code 3)."""


class ConfigError(MasterError):
    """A configuration sheet of the master is broken; names the sheet and cell."""
