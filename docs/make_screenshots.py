"""Save SVG screenshots of every screen, made by the app itself, for the README.

    python docs/make_screenshots.py        # writes docs/img/*.svg
"""

from __future__ import annotations

import asyncio
import datetime as dt
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ["INSPECTOR_HOME"] = tempfile.mkdtemp(prefix="inspector-shots-")

from inspector.core.config import Config  # noqa: E402
from inspector.store.database import Store  # noqa: E402
from inspector.store.examples import import_examples  # noqa: E402
from inspector.tui.app import InspectorApp  # noqa: E402

OUT = ROOT / "docs" / "img"


def example_app() -> InspectorApp:
    store = Store()
    import_examples(store)
    return InspectorApp(store=store, config=Config(), resume=False, today=dt.date(2025, 11, 21))


def team_app() -> InspectorApp:
    os.environ["INSPECTOR_HOME"] = tempfile.mkdtemp(prefix="inspector-shots-")  # a store of its own
    sys.path.insert(0, str(ROOT / "tests"))
    from team_data import TODAY, team_store

    return InspectorApp(store=team_store(), config=Config(), resume=False, today=TODAY)


async def shoot(name: str, steps, size=(120, 36), make=None) -> None:
    app = (make or example_app)()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await steps(app, pilot)
        for widget in app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()
        app.save_screenshot(f"{name}.svg", path=str(OUT))
    print(OUT / f"{name}.svg")


async def home(app, pilot):
    pass


async def new(app, pilot):
    await pilot.press("n")
    await pilot.pause()
    app.screen.query_one("#unit").value = "UBND phường Hưng Định"
    app.screen.query_one("#member-1").value = "Nguyễn Thị Hoài Thu"


async def inspection(app, pilot):
    app.open_inspection(1)
    await pilot.pause()
    app.screen.go_to("E1")
    await pilot.pause()


async def figures(app, pilot):
    app.open_inspection(1)
    await pilot.pause()
    await pilot.press("f")
    await pilot.pause()


async def summary(app, pilot):
    app.open_inspection(1)
    await pilot.pause()
    await pilot.press("s")
    await pilot.pause()
    await pilot.press("f3")
    await pilot.pause()


async def keys(app, pilot):
    app.open_inspection(1)
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()


async def editor(app, pilot):
    from inspector.core.paths import bundled_checklist_dir

    app.open_checklist_editor(bundled_checklist_dir() / "cchc-xa.toml", "bundled")
    await pilot.pause()
    await pilot.press("down", "down", "down", "down")
    await pilot.pause()
    app.screen.sub_title = "~/.local/share/inspector/checklists/cchc-xa.toml"


async def campaign(app, pilot):
    await pilot.press("enter")
    await pilot.pause()


async def conflicts(app, pilot):
    await pilot.press("k")
    await pilot.pause()


async def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, steps in (("home", home), ("new-inspection", new), ("inspection", inspection),
                        ("summary", summary), ("keys", keys), ("editor", editor), ("figures", figures)):
        await shoot(name, steps)
    await shoot("inspection-80x24", inspection, size=(80, 24))
    await shoot("campaign", campaign, make=team_app)
    await shoot("conflicts", conflicts, make=team_app)


if __name__ == "__main__":
    asyncio.run(main())
