"""What every screen of this app shares: typed access to the app (its store, its date, opening things)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from textual.screen import Screen

if TYPE_CHECKING:
    from inspector.tui.app import InspectorApp


def inspector_app(node: Any) -> InspectorApp:
    """A node's app with its own attributes (store, today, open_inspection) known to the type checker."""
    return cast("InspectorApp", node.app)


class InspectorScreen(Screen):
    @property
    def inspector(self) -> InspectorApp:
        """The app with its own attributes (store, today, open_inspection) known to the type checker."""
        return inspector_app(self)
