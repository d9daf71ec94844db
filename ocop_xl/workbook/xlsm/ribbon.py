"""The buttons of the OCOP ribbon tab, read from ``macros/customUI.xml`` (one source for
the labels, tips and tags the help and the tests use)."""

from __future__ import annotations

from dataclasses import dataclass
from xml.etree import ElementTree as ET

CUSTOM_UI_NS = "http://schemas.microsoft.com/office/2006/01/customui"
CALLBACK_ATTRIBUTES = (
    "onAction",
    "onLoad",
    "getLabel",
    "getEnabled",
    "getVisible",
    "getImage",
    "getScreentip",
    "getSupertip",
)


@dataclass(frozen=True)
class RibbonButton:
    id: str
    tag: str
    label: str
    group: str
    screentip: str
    supertip: str
    image: str
    on_action: str


def ribbon_buttons(xml: bytes) -> list[RibbonButton]:
    root = ET.fromstring(xml)
    buttons = []
    for group in root.iter(f"{{{CUSTOM_UI_NS}}}group"):
        for button in group.iter(f"{{{CUSTOM_UI_NS}}}button"):
            buttons.append(
                RibbonButton(
                    id=button.get("id", ""),
                    tag=button.get("tag", ""),
                    label=button.get("label", ""),
                    group=group.get("label", ""),
                    screentip=button.get("screentip", ""),
                    supertip=button.get("supertip", ""),
                    image=button.get("imageMso", ""),
                    on_action=button.get("onAction", ""),
                )
            )
    return buttons


def callbacks(xml: bytes) -> set[str]:
    """Every VBA procedure the ribbon XML names (onAction, onLoad, get…)."""
    root = ET.fromstring(xml)
    return {
        element.get(attribute, "")
        for element in root.iter()
        for attribute in CALLBACK_ATTRIBUTES
        if element.get(attribute)
    }
