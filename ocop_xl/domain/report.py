"""The one result object every action returns: printed by the CLI, written as JSON by
``--report``, summarised in the Excel message box."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ocop_xl.domain.issues import Issue, Severity


@dataclass
class ActionResult:
    action: str
    issues: list[Issue] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    # Action-specific parts of the JSON report ("files", "products", "results", ...).
    data: dict[str, Any] = field(default_factory=dict)
    # Lines for people: (Vietnamese label, value), shown by the CLI table and the message box.
    summary: list[tuple[str, str]] = field(default_factory=list)
    outputs: list[str] = field(default_factory=list)  # files written besides the master
    inputs: list[tuple[str, str]] = field(default_factory=list)  # (file read, its sha256)

    @property
    def errors(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Issue]:
        return [i for i in self.issues if i.severity is Severity.WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    def all_counts(self) -> dict[str, int]:
        return {**self.counts, "errors": len(self.errors), "warnings": len(self.warnings)}

    def to_json(self) -> dict[str, Any]:
        """The shared envelope: action, ok, counts, issues, then the action's own parts."""
        envelope: dict[str, Any] = {
            "action": self.action,
            "ok": self.ok,
            "counts": self.all_counts(),
            "issues": [i.to_dict() for i in self.issues],
        }
        clash = set(envelope) & set(self.data)
        if clash:
            raise ValueError(f"report data may not replace envelope keys: {sorted(clash)}")
        envelope.update(self.data)
        return envelope
