"""Kiểm tra cấu hình: read the configuration sheets back and report every broken cell."""

from __future__ import annotations

from ocop_xl.actions.common import replace_issues
from ocop_xl.actions.registry import action
from ocop_xl.domain.report import ActionResult
from ocop_xl.workbook.port import Workbook
from ocop_xl.workbook.profile_sheets import collect_profile

LABEL = "Kiểm tra cấu hình"


@action("check-config", LABEL)
def check_config(wb: Workbook) -> ActionResult:
    profile, issues = collect_profile(wb)
    replace_issues(wb, LABEL, issues)
    result = ActionResult("check-config", issues=issues)
    if profile is not None:
        result.counts = {
            "communes": len(profile.communes),
            "departments": len(profile.departments),
            "tasks": len(profile.tasks),
            "targets": len(profile.targets),
            "funding_sources": len(profile.funding_sources),
            "support_items": len(profile.support_items),
            "council_members": len(profile.council_members),
        }
        result.data["profile"] = {
            "id": profile.id,
            "year": profile.year,
            "criteria_set": profile.criteria_set,
        }
        result.summary = [
            ("Hồ sơ kế hoạch", f"{profile.id} ({profile.year})"),
            ("Bộ tiêu chí", profile.criteria_set),
            ("Số xã, thị trấn", str(len(profile.communes))),
            ("Số phòng ban", str(len(profile.departments))),
            ("Số nhiệm vụ", str(len(profile.tasks))),
        ]
    result.summary.append(("Lỗi cấu hình", str(len(result.errors))))
    return result
