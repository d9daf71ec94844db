"""Where a rule comes from and how sure we are of it.

Every fact a profile, a criteria set or an evaluation route encodes carries its source
(a decision, an official page, a press summary) and a certainty, so the office and the
next engineer can tell a confirmed rule from a reported one or from our own choice.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

# official: the decision's text from an official source (the government's portal, the
#   official gazette), or an official government page quoting it.
# text_copy: the decision's full text from an unofficial copy (a legal database's
#   transcript), not checked against the official gazette.
# secondary: a legal-news or press summary of the decision (thuvienphapluat news, papers).
# unconfirmed: reported, but no copy of the decision or a summary of it was found.
# assumed: the plan and the rules are silent; our choice, made configurable.
Certainty = Literal["official", "text_copy", "secondary", "unconfirmed", "assumed"]

CERTAINTY_VI: dict[str, str] = {
    "official": "chính thức",
    "text_copy": "toàn văn, bản sao không chính thức",
    "secondary": "nguồn thứ cấp",
    "unconfirmed": "chưa xác nhận",
    "assumed": "tự chọn, cấu hình được",
}


class SourceRef(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")
    fact: str  # what the source supports, in a few words
    source: str  # the document or page
    certainty: Certainty
    url: str = ""
    note: str = ""

    @property
    def certainty_vi(self) -> str:
        return CERTAINTY_VI[self.certainty]
