"""The fixed vocabulary of a commune's registration: producer types, registration kinds,
stars, and the identity of the commune template.

Other areas read these values from the Đăng ký sheet (the council treats
``kind == KIND_UPGRADE`` with ``current_stars`` 3 as an upgrade request): change them only
together with those readers.
"""

from __future__ import annotations

from ocop_xl.domain.submissions.schema import FORM_FIELDS

# Producer types allowed by the plan (chủ thể OCOP), as shown in the dropdown.
PRODUCER_TYPES: tuple[str, ...] = (
    "HTX",
    "tổ hợp tác",
    "doanh nghiệp",
    "trang trại",
    "hộ sản xuất có ĐKKD",
)
# Other ways people write them, accepted and normalised (compared accent-insensitively).
PRODUCER_TYPE_ALIASES: dict[str, str] = {
    "hop tac xa": "HTX",
    "tht": "tổ hợp tác",
    "dn": "doanh nghiệp",
    "doanh nghiep nho va vua": "doanh nghiệp",
    "cong ty": "doanh nghiệp",
    "ho san xuat": "hộ sản xuất có ĐKKD",
    "ho kinh doanh": "hộ sản xuất có ĐKKD",
    "ho san xuat co dang ky kinh doanh": "hộ sản xuất có ĐKKD",
}

# The number each producer type registers under, in column "Mã số thuế / ĐKKD" (sources in
# docs/submissions.md): a cooperative and an enterprise have a 10-digit tax code (a branch
# 10-3); a household business uses its representative's 12-digit personal ID since
# 01/07/2025 (earlier ones keep a 10- or 13-digit code); a tổ hợp tác (a cooperation
# contract notified to the commune, Nghị định 77/2019/NĐ-CP) and a farm owned by a family
# often have none, so for them the number is asked for but not required.
TAX_ID_REQUIRED_TYPES: frozenset[str] = frozenset({"HTX", "doanh nghiệp", "hộ sản xuất có ĐKKD"})
TAX_ID_FORMS: dict[str, tuple[str, ...]] = {
    "HTX": ("organisation", "branch"),
    "doanh nghiệp": ("organisation", "branch"),
    "hộ sản xuất có ĐKKD": ("personal", "organisation", "branch"),
    "trang trại": ("personal", "organisation", "branch"),
    "tổ hợp tác": ("organisation", "personal"),
}

KIND_NEW_IDEA = "ý tưởng mới"
KIND_EXISTING = "sản phẩm đã có"
KIND_UPGRADE = "nâng hạng sao"
KIND_REEVALUATION = "đánh giá lại"
KINDS: tuple[str, ...] = (KIND_NEW_IDEA, KIND_EXISTING, KIND_UPGRADE, KIND_REEVALUATION)
# Kinds about a product that already holds an OCOP certificate: stars, certificate number
# and date are required for them.
CERTIFIED_KINDS: frozenset[str] = frozenset({KIND_UPGRADE, KIND_REEVALUATION})

# Stars an OCOP certificate can carry (certificates exist from 3 stars up).
STAR_CHOICES: tuple[int, ...] = (3, 4, 5)
MAX_STARS = 5

# The commune template: its id and version are written on its hidden metadata sheet.
TEMPLATE_ID = "ocop-xl/dang-ky-san-pham"
TEMPLATE_VERSION = "1"
KNOWN_TEMPLATE_VERSIONS: frozenset[str] = frozenset({"1"})

# Fields of one registration row, in the template's column order, and those a commune
# must fill in: from the one declaration of the registration (``schema.REGISTRATION``).
# ``seq`` (STT) is only a row number for people; ``commune`` is pre-filled by the template.
FIELDS: tuple[str, ...] = tuple(f.key for f in FORM_FIELDS)
REQUIRED_FIELDS: frozenset[str] = frozenset(f.key for f in FORM_FIELDS if f.required)
# The commune's own part of the row, when the plan's route has a commune pre-check: its
# assessment of the four dossier contents (keys of ``ocop_xl.domain.precheck``) and the
# number and date of its report.
PRECHECK_FIELDS: tuple[str, ...] = ("origin", "labour", "idea", "identity", "precheck_report")
# Fields that do not make a row "filled in": the template pre-fills them.
PREFILLED_FIELDS: frozenset[str] = frozenset(f.key for f in FORM_FIELDS if f.prefilled)
# Required for the certified kinds.
CERTIFICATE_FIELDS: tuple[str, ...] = ("current_stars", "certificate_no", "certificate_date")
