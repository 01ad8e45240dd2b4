"""The team screens driven like a secretary: home grouped by campaign, the campaign's results, conflicts."""

from __future__ import annotations

import asyncio

from team_data import TODAY, team_store

from inspector.core.config import Config
from inspector.tui.app import InspectorApp


def team_app() -> InspectorApp:
    return InspectorApp(store=team_store(), config=Config(), resume=False, today=TODAY)


def test_home_lists_each_campaign_with_its_units_and_enter_opens_the_campaign():
    async def scenario():
        from inspector.tui.screens.campaign import CampaignScreen
        from inspector.tui.widgets.linelist import LineList

        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            rows = app.screen.query_one(LineList).rows
            assert rows == [("campaign", "c1"), ("inspection", "1"), ("inspection", "2")]
            heading = app.screen.render_row("campaign", "c1").plain
            assert heading == " ▾ Kiểm tra CCHC năm 2026 tại hai phường  1/2 đơn vị đã chấm xong  ⚠ 1 xung đột"
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, CampaignScreen)
            summary = app.screen.summary
            assert [(line.rank, line.unit, line.band) for line in summary.ranking] == [
                (1, "UBND phường Tam Hiệp", "Khá"), (None, "UBND phường Trấn Biên", "chưa đủ")]
            first = app.screen.render_row("unit", "1").plain
            assert first.startswith("  1. UBND phường Tam Hiệp") and "74,59%" in first and first.rstrip().endswith("Khá ⚠1")
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen.session.id == 1

    asyncio.run(scenario())


def test_conflicts_are_settled_by_choosing_and_the_choice_is_recorded():
    async def scenario():
        from inspector.tui.screens.team import ConflictsScreen

        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("k")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
            assert list(app.screen.conflicts) == ["1"]
            await pilot.press("2")
            await pilot.pause()
            assert app.screen.conflicts == {}
            answer = app.store.load(1).answers["A1"]
            assert (answer.value, answer.note) == ("khong", "Kế hoạch ban hành muộn")
            resolved = [e for e in app.store.audit(1, "A1") if e.field == "resolved"]
            assert [e.author for e in resolved] == ["Nguyễn Văn An"]

    asyncio.run(scenario())


def test_merge_from_the_interface_reports_a_refused_bundle(tmp_path):
    async def scenario():
        from inspector.tui.screens.dialogs import MessageScreen

        bad = tmp_path / "hong.inspector"
        bad.write_bytes(b"inspector-bundle 1\n{}\n{}")
        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*str(tmp_path))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, MessageScreen)
            assert app.screen.body == ("✗ hong.inspector: TỪ CHỐI — chữ ký không khớp nội dung: gói đã bị sửa hoặc hỏng "
                                       "trên đường chuyển; xin thành viên gửi lại\n"
                                       "Còn 1 xung đột chưa giải quyết — nhấn K để xem và chọn.")

    asyncio.run(scenario())
