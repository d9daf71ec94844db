"""The plan profile: every fact of a district's yearly OCOP plan, as data.

A profile is loaded from packaged TOML to seed a new master workbook; after that the
workbook's configuration sheets are the source of truth and are read back into this model.
"""

from __future__ import annotations

from datetime import date
from fractions import Fraction
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from ocop_xl.domain.routes import Route
from ocop_xl.domain.sources import SourceRef
from ocop_xl.domain.text import clean
from ocop_xl.domain.vnformat import judging_day

CODE_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Unit(_Model):
    """The administrative unit that runs the plan and signs its documents."""

    name: str  # "huyện Tứ Kỳ"
    province: str  # "tỉnh Hải Dương"
    issuing_body: str  # "ỦY BAN NHÂN DÂN HUYỆN TỨ KỲ"
    standing_office: str  # "Phòng Nông nghiệp và PTNT"
    place: str  # place of the date line: "Tứ Kỳ, ngày … tháng … năm …"


class Commune(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    kind: Literal["Xã", "Thị trấn", "Phường"] = "Xã"

    @property
    def full_name(self) -> str:
        return f"{self.kind} {self.name}"


class Department(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    duty: str = ""


class PlanTask(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    title: str
    section: str  # plan section: "II.4", "IV.3"
    lead: str  # department code
    coordinators: tuple[str, ...] = ()
    deadline: str = ""  # free text: "Quý II/2023", "Cả năm"
    output: str = ""


class Target(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    title: str
    minimum: int = Field(ge=0)
    stretch: int = Field(ge=0)
    unit: str = "sản phẩm"
    rule: str  # how the actual value is computed; rule codes are listed in docs/profile.md
    params: tuple[str, ...] = ()

    @model_validator(mode="after")
    def _stretch_not_below_minimum(self) -> Target:
        if self.stretch < self.minimum:
            raise ValueError(f"target {self.code}: stretch below minimum")
        return self


class FundingSource(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    available: int = Field(ge=0)  # whole đồng
    warning_percent: int = Field(default=90, ge=1, le=100)
    sample: bool = False  # the plan states no amount: a sample value the office replaces


class SupportItem(_Model):
    code: str = Field(pattern=CODE_PATTERN)
    name: str
    unit: str
    cap_per_product: int | None = Field(default=None, ge=0)  # whole đồng, None = no cap
    eligible_sources: tuple[str, ...]
    per_product: bool = True  # False: a plan-wide activity ("hoạt động chung")
    sample: bool = False


COUNCIL_ROLES = ("Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Thư ký")
Role = Literal["Chủ tịch", "Phó Chủ tịch", "Ủy viên", "Thư ký"]


class CouncilRules(_Model):
    quorum: str = "3/4"  # share of the scoring members that must be present
    chair_required: bool = True  # one of the presiders must be present
    presiders: tuple[Role, ...] = ("Chủ tịch",)  # roles that may preside over the meeting
    secretary_scores: bool = False  # in some provinces the secretary is a scoring member
    spread_limit: int = Field(default=10, ge=0)
    display_decimals: int = Field(default=2, ge=0, le=4)
    rounding: Literal["half_up", "half_even"] = "half_up"  # display only, never before comparing

    @field_validator("quorum")
    @classmethod
    def _fraction(cls, value: str) -> str:
        share = Fraction(value.strip())
        if not 0 < share <= 1:
            raise ValueError("quorum must be a fraction in (0, 1]")
        return f"{share.numerator}/{share.denominator}"

    @field_validator("presiders")
    @classmethod
    def _some_presider(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("at least one role must be able to preside")
        return value

    @property
    def quorum_share(self) -> Fraction:
        return Fraction(self.quorum)


class Requirement(_Model):
    """A mandatory requirement of a star level: a product that does not meet it earns at most
    the star below ``from_star``. Whether a product meets it is recorded by the council."""

    code: str = Field(pattern=CODE_PATTERN)
    text: str
    from_star: int = Field(ge=1, le=5)
    sample: bool = False  # not taken from a decision: a sample the office replaces


class CouncilMember(_Model):
    name: str
    role: Role = "Ủy viên"
    unit: str = ""
    present: bool = True
    conflicts: tuple[str, ...] = ()  # product IDs or producer names
    conflict_reason: str = ""

    def scores(self, rules: CouncilRules) -> bool:
        """Whether the member scores: everyone but the secretary, unless the rules make the
        secretary a scoring member."""
        return self.role != "Thư ký" or rules.secretary_scores


class Profile(_Model):
    id: str = Field(pattern=CODE_PATTERN)
    title: str
    year: int = Field(ge=2000, le=2100)
    unit: Unit
    criteria_set: str
    communes_as_of: date
    communes_source: str = ""
    number_words: Literal["linh", "lẻ"] = "linh"
    certificate_validity_months: int = Field(default=36, ge=1)
    # the product register's alerts: certificates lapsing within this many days, and the
    # urgent ones within the second (issue 13; Cấu hình, optional)
    expiry_window_days: int = Field(default=90, ge=0)
    expiry_urgent_days: int = Field(default=30, ge=0)
    # certificate numbers: {seq} (sequence within the year), {year}, {province}, {unit}
    certificate_pattern: str = "{seq:03d}/GCN-OCOP/{year}"
    province_code: str = ""
    unit_code: str = ""
    sample_note: str = ""
    # Dates the office sets on Cấu hình (blank: None). as_of: the day checks judge dates
    # against (blank: today, at most the plan's last day; vnformat.judging_day);
    # document_date: the date printed on documents (blank: "ngày … tháng … năm" left for a
    # pen); submission_deadline and contact: printed on the communes' registration form.
    as_of: date | None = None
    document_date: date | None = None
    submission_deadline: date | None = None
    contact: str = ""
    # Who signs the office's documents, printed under their signature blocks (blank: a
    # dotted line for the name written by hand): the preparer (người lập biểu), the head of
    # the standing office (trưởng phòng), the chair of the People's Committee (chủ tịch).
    preparer_name: str = ""
    head_name: str = ""
    chair_name: str = ""
    communes: tuple[Commune, ...]
    departments: tuple[Department, ...]
    tasks: tuple[PlanTask, ...] = ()
    targets: tuple[Target, ...] = ()
    funding_sources: tuple[FundingSource, ...] = ()
    support_items: tuple[SupportItem, ...] = ()
    route: Route
    council: CouncilRules = CouncilRules()
    council_members: tuple[CouncilMember, ...] = ()
    requirements: tuple[Requirement, ...] = ()
    sources: tuple[SourceRef, ...] = ()

    @field_validator("title", mode="before")
    @classmethod
    def _nfc(cls, value: object) -> object:
        return clean(value) if isinstance(value, str) else value

    @field_validator("certificate_pattern")
    @classmethod
    def _pattern(cls, value: str) -> str:
        from ocop_xl.domain.recognition import check_pattern

        problem = check_pattern(value)
        if problem:
            raise ValueError(f"certificate_pattern: {problem}")
        return value

    @model_validator(mode="after")
    def _windows(self) -> Profile:
        return self.check_windows()

    def check_windows(self) -> Profile:
        """The register's alert windows agree (the urgent one inside the other); also run
        on a copy whose windows a command changed."""
        if self.expiry_urgent_days > self.expiry_window_days:
            raise ValueError("expiry_urgent_days: above expiry_window_days")
        return self

    @model_validator(mode="after")
    def _references(self) -> Profile:
        for kind, items in (
            ("commune", self.communes),
            ("department", self.departments),
            ("task", self.tasks),
            ("target", self.targets),
            ("funding source", self.funding_sources),
            ("support item", self.support_items),
            ("requirement", self.requirements),
        ):
            codes = [i.code for i in items]
            dupes = sorted({c for c in codes if codes.count(c) > 1})
            if dupes:
                raise ValueError(f"duplicate {kind} codes: {', '.join(dupes)}")
        departments = {d.code for d in self.departments}
        for task in self.tasks:
            unknown = [c for c in (task.lead, *task.coordinators) if c not in departments]
            if unknown:
                raise ValueError(f"task {task.code} names unknown departments: {unknown}")
        sources = {s.code for s in self.funding_sources}
        for item in self.support_items:
            unknown = [c for c in item.eligible_sources if c not in sources]
            if unknown:
                raise ValueError(f"support item {item.code} names unknown sources: {unknown}")
        return self

    def judging_day(self, today: date, as_of: date | None = None) -> date:
        """``vnformat.judging_day`` for this plan: ``as_of`` (the command's), else the one
        set on Cấu hình, else today capped at the plan's last day."""
        return judging_day(self.year, today, as_of or self.as_of)

    def commune(self, code: str) -> Commune | None:
        return next((c for c in self.communes if c.code == code), None)

    def department(self, code: str) -> Department | None:
        return next((d for d in self.departments if d.code == code), None)
