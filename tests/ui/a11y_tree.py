"""Walks Qt's accessibility tree (what AT-SPI, UIA and NSAccessibility are given) for tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QLabel, QWidget

Role = QAccessible.Role

#: Roles a user operates: each must have a name.
CONTROL_ROLES = {
    Role.PushButton,
    Role.CheckBox,
    Role.RadioButton,
    Role.ComboBox,
    Role.Slider,
    Role.SpinBox,
    Role.EditableText,
    Role.ButtonMenu,
    Role.ButtonDropDown,
    Role.Table,
    Role.List,
    Role.Tree,
    Role.PageTab,
    Role.ProgressBar,
    Role.Dial,
    Role.Link,
    Role.MenuItem,
}
MAX_NODES = 20_000


@dataclass(frozen=True)
class Node:
    path: str
    role: QAccessible.Role
    name: str
    description: str
    value: str
    widget: QWidget | None
    iface: QAccessibleInterface


def walk(root: QWidget, max_children: int = 200) -> Iterator[Node]:
    """Every visible node under ``root`` (item views: their first ``max_children`` children)."""
    start = QAccessible.queryAccessibleInterface(root)
    assert start is not None and start.isValid()
    stack: list[tuple[QAccessibleInterface, str]] = [(start, type(root).__name__)]
    seen = 0
    while stack:
        iface, path = stack.pop()
        seen += 1
        assert seen < MAX_NODES, "accessibility tree does not end"
        if iface.state().invisible:
            continue
        obj = iface.object()
        widget = obj if isinstance(obj, QWidget) else None
        yield Node(
            path,
            iface.role(),
            iface.text(QAccessible.Text.Name),
            iface.text(QAccessible.Text.Description),
            iface.text(QAccessible.Text.Value),
            widget,
            iface,
        )
        count = min(iface.childCount(), max_children)
        for i in reversed(range(count)):
            child = iface.child(i)
            if child is not None and child.isValid():
                stack.append((child, f"{path}/{child.role().name}[{i}]"))


def _shown_text(label: QLabel) -> str:
    """What a sighted user reads on ``label`` (mnemonic ampersands removed)."""
    return label.text().replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def problems(root: QWidget) -> list[str]:
    """Unnamed controls, and labels or values a screen reader cannot read as they are shown."""
    found: list[str] = []
    for node in walk(root):
        where = f"{node.path} ({type(node.widget).__name__})"
        if node.role in CONTROL_ROLES and not node.name.strip():
            found.append(f"unnamed {node.role.name} at {where}")
        if isinstance(node.widget, QLabel) and node.role == Role.StaticText:
            shown = _shown_text(node.widget)
            if shown and shown not in node.name and shown not in node.value:
                found.append(f"label at {where} reads {node.name!r} but shows {shown!r}")
        if node.role == Role.ProgressBar and not node.value:
            found.append(f"progress bar at {where} has no value")
    return found
