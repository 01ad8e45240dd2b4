"""The team screens driven like a secretary: home grouped by campaign, the campaign's results, conflicts."""

from __future__ import annotations

import asyncio
from fractions import Fraction

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


def test_export_all_from_a_home_grouped_by_campaign_takes_every_inspection_listed():
    async def scenario():
        from inspector.tui.screens.export import ExportScreen

        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("X")  # the list starts with the campaign's heading
            await pilot.pause()
            assert isinstance(app.screen, ExportScreen)
            assert app.screen.ids == [1, 2]

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


def test_a_members_values_are_kept_in_many_conflicts_after_a_preview():
    async def scenario():
        from inspector.tui.screens.dialogs import ConfirmScreen
        from inspector.tui.screens.team import ConflictsScreen

        app = team_app()
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await pilot.press("k")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen)
            await pilot.press("t", *"Trần Thị Bình", "enter")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmScreen)
            assert app.screen.question.splitlines()[0] == "Giữ giá trị của Trần Thị Bình cho 1 xung đột:"
            assert app.screen.question.splitlines()[1].endswith("→ Không ban hành — ghi chú: Kế hoạch ban hành muộn")
            await pilot.press("y")
            await pilot.pause()
            assert isinstance(app.screen, ConflictsScreen) and app.screen.conflicts == {}
            assert app.store.load(1).answers["A1"].value == "khong"

    asyncio.run(scenario())


def test_merge_from_the_interface_reports_a_refused_bundle(tmp_path):
    async def scenario():
        from inspector.tui.screens.work import WorkScreen

        bad = tmp_path / "hong.inspector"
        bad.write_bytes(b"inspector-bundle 1\n{}\n{}")
        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*str(tmp_path))
            await pilot.press("enter")
            await finished(app, pilot)
            assert str(app.screen.query_one("#work-body").render()) == ("✗ hong.inspector: TỪ CHỐI — chữ ký không khớp nội dung: gói đã bị sửa hoặc hỏng "
                                       "trên đường chuyển; xin thành viên gửi lại\n"
                                       "Còn 1 xung đột chưa giải quyết — nhấn K để xem và chọn.")
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, WorkScreen)

    asyncio.run(scenario())


async def finished(app, pilot) -> None:
    """Wait (in the interface's own time) until the work screen's thread has reported."""
    from inspector.tui.screens.work import WorkScreen

    await pilot.pause()
    assert isinstance(app.screen, WorkScreen)
    for _ in range(200):
        if app.screen.finished:
            break
        await pilot.pause(0.05)
    assert app.screen.finished


def test_the_campaign_is_packed_and_merged_back_off_the_interface_thread_with_progress(tmp_path):
    async def scenario():
        from textual.widgets import ProgressBar

        from inspector.cli.main import main
        from inspector.core.identity import create, fingerprint
        from inspector.core.paths import export_dir

        identity = create("Nguyễn Văn An")
        app = team_app()
        assert main(["campaign", "key", "1", "Nguyễn Văn An", identity.public]) == 0  # this laptop's own key
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the campaign
            await pilot.pause()
            await pilot.press("g")
            await finished(app, pilot)
            bundles = list(export_dir().glob("*.inspector"))
            assert len(bundles) == 1
            assert str(app.screen.query_one("#work-body").render()) == (
                f"Đã ghi gói {bundles[0]}: 2 cuộc kiểm tra, ký bởi Nguyễn Văn An")
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("m")
            await pilot.pause()
            await pilot.press(*str(bundles[0]))
            await pilot.press("enter")
            await finished(app, pilot)
            bar = app.screen.query_one(ProgressBar)
            assert bar.progress == bar.total and not bar.display
            body = str(app.screen.query_one("#work-body").render())
            assert body == (f"✓ {bundles[0].name}: chữ ký hợp lệ — Nguyễn Văn An (khóa {fingerprint(identity.public)})\n"
                            "  Không có gì mới (đã hợp nhất trước đó)\n"
                            "Còn 1 xung đột chưa giải quyết — nhấn K để xem và chọn.")

    asyncio.run(scenario())


def test_the_report_as_pdf_is_made_off_the_interface_thread_and_says_what_to_install_without_libreoffice(
        monkeypatch):
    async def scenario():
        from inspector.core.paths import export_dir
        from inspector.exports.pdf import find_converter

        converter = find_converter()
        monkeypatch.setenv("INSPECTOR_SOFFICE", "")  # no converter
        app = team_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter")  # the campaign
            await pilot.pause()
            await pilot.press("p")
            await finished(app, pilot)
            assert str(app.screen.query_one("#work-body").render()).startswith(
                "chưa tìm thấy LibreOffice để tạo PDF — cài LibreOffice (https://www.libreoffice.org/download/)")
            assert list(export_dir().glob("*.pdf")) == []
            if converter is None:
                return  # LibreOffice is not installed here: the conversion itself is tested where it is
            monkeypatch.setenv("INSPECTOR_SOFFICE", converter)
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("p")
            await pilot.pause()
            for _ in range(1200):  # LibreOffice takes seconds, more on a busy machine: wait, never time it
                if app.screen.finished:
                    break
                await pilot.pause(0.05)
            made = list(export_dir().glob("*.pdf"))
            assert [p.name for p in made] == ["bao-cao-tong-hop-Kiểm tra CCHC năm 2026 tại hai phường.pdf"]
            assert str(app.screen.query_one("#work-body").render()).startswith(f"Đã ghi {made[0]}")

    asyncio.run(scenario())


def test_a_key_under_a_passphrase_asks_for_it_once_before_the_campaign_is_packed(tmp_path):
    async def scenario():
        from textual.widgets import Input

        from inspector.cli.main import main
        from inspector.core.identity import create, forget_passphrases
        from inspector.core.paths import export_dir
        from inspector.tui.screens.team import PromptScreen

        forget_passphrases()
        identity = create("Nguyễn Văn An", passphrase="mật khẩu dài")
        app = team_app()
        assert main(["campaign", "key", "1", "Nguyễn Văn An", identity.public]) == 0
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.press("enter", "g")
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen) and app.screen.query_one(Input).password
            await pilot.press(*"sai rồi", "enter")  # wrong: said, and asked again
            await pilot.pause()
            assert isinstance(app.screen, PromptScreen)
            await pilot.press(*"mật khẩu dài", "enter")
            await finished(app, pilot)
            assert len(list(export_dir().glob("*.inspector"))) == 1
        forget_passphrases()

    asyncio.run(scenario())


def follow_up_app():
    """A ward inspected last year with two recommendations, and this year's inspection just created."""
    import datetime as dt

    from inspector.core.library import find_checklist
    from inspector.core.model import Answer, Findings, InspectionInfo, Recommendation
    from inspector.store.database import Store

    store = Store()
    checklist = find_checklist("cchc-xa")
    first = store.create_inspection(checklist, InspectionInfo("cchc-xa", checklist.version, "UBND phường Ngọc Thụy",
                                                              dt.date(2025, 7, 17), "phuong"))
    store.save_findings(first, Findings(recommendations=(
        Recommendation("Ban hành Kế hoạch CCHC năm đúng thời hạn", "Văn phòng", "31/12/2025"),
        Recommendation("Niêm yết đầy đủ TTHC", "Một cửa", "Quý IV/2027"))))
    second = store.create_inspection(checklist, InspectionInfo("cchc-xa", checklist.version, "UBND phường Ngọc Thụy",
                                                               dt.date(2026, 7, 20), "phuong"))
    store.save_answer(second, "A1", Answer("A1", value="tre-thieu", evidence=("KH 12",), self_score=Fraction(3, 2)))
    return InspectorApp(store=store, config=Config(), resume=False, today=dt.date(2026, 7, 20)), second


def test_following_up_last_years_recommendations_one_by_one_prefills_a5():
    from inspector.tui.screens.follow_up import RegisterScreen, follow_up_new_inspection

    app, second = follow_up_app()

    async def scenario():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            follow_up_new_inspection(app, second)
            await pilot.pause()
            assert isinstance(app.screen, RegisterScreen)
            assert list(app.screen.entries) == ["1.1", "1.2"]
            assert app.store.load(second).facts == {"kien_nghi_ky_truoc": 2, "kien_nghi_da_thuc_hien": 0}
            await pilot.press("3")  # 1.1 done; the cursor moves on to 1.2
            await pilot.pause()
            await pilot.press("1")  # 1.2 not done
            await pilot.pause()
            statuses = {ref: e.status for ref, e in app.screen.entries.items()}
            assert statuses == {"1.1": "da", "1.2": "chua"}
            assert app.store.load(second).facts == {"kien_nghi_ky_truoc": 2, "kien_nghi_da_thuc_hien": 1}

    asyncio.run(scenario())


def test_the_unit_score_beside_the_teams_differences_filtered_and_explained():
    from textual.widgets import Input

    app, second = follow_up_app()

    async def scenario():
        async with app.run_test(size=(100, 36)) as pilot:
            await pilot.pause()
            app.open_inspection(second)
            await pilot.pause()
            screen = app.screen
            assert screen.render_row("criterion", "A1").plain.startswith(" ✓≠A1 ")
            assert screen.compare_text().plain == "≠ Tự chấm 1,5, kiểm tra 0,75 (lệch -0,75)"
            await pilot.press("d")
            await pilot.pause()
            from inspector.tui.widgets.linelist import LineList

            assert screen.query_one(LineList).rows == [("section", "A"), ("criterion", "A1")]
            box = screen.query_one("#explanation", Input)
            box.value = "Kế hoạch ban hành sau kế hoạch của quận"
            await box.action_submit()
            await pilot.pause()
            assert app.store.load(second).answers["A1"].explanation == "Kế hoạch ban hành sau kế hoạch của quận"
            await pilot.press("d")
            await pilot.pause()
            assert len(screen.query_one(LineList).rows) > 90

    asyncio.run(scenario())


def test_a_campaign_typed_in_the_interface_is_checked_like_a_file_then_created():
    from textual.widgets import Input, Static, TextArea

    from inspector.store.campaigns import campaign_inspections, list_campaigns
    from inspector.store.database import Store
    from inspector.tui.screens.new_campaign import NewCampaignScreen

    app = InspectorApp(store=Store(), config=Config(), resume=False)

    async def scenario():
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("C")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, NewCampaignScreen)
            screen.query_one("#name", Input).value = "Kiểm tra CCHC năm 2026"
            screen.query_one("#decision_number", Input).value = "125/QĐ-SNV"
            screen.query_one("#decision_date", Input).value = "15/03/2026"
            screen.query_one("#members", TextArea).text = (
                "Nguyễn Văn An — Trưởng đoàn, Sở Nội vụ | A, B, Z9\nTrần Thị Bình — Thư ký | D")
            screen.query_one("#units", TextArea).text = "UBND phường Tam Hiệp | phuong | 10/04/2026\nUBND xã Y | xa | 31/02/2026"
            await pilot.press("f2")
            await pilot.pause()
            assert str(screen.query_one("#units-error", Static).render()) == \
                "Dòng 2: «31/02/2026»: Ngày không hợp lệ — ghi theo dạng ngày/tháng/năm, ví dụ 21/11/2026"
            screen.query_one("#units", TextArea).text = "UBND phường Tam Hiệp | phuong | 10/04/2026\nUBND xã Y | xa | 11/04/2026"
            await pilot.press("f2")
            await pilot.pause()
            assert str(screen.query_one("#members-error", Static).render()) == \
                'Dòng 1: bảng kiểm không có mục hay tiêu chí "Z9"'
            screen.query_one("#members", TextArea).text = (
                "Nguyễn Văn An — Trưởng đoàn, Sở Nội vụ | A, B | | vắng\nPhạm Lan — Phó Trưởng đoàn\n"
                "Trần Thị Bình — Thư ký | D")
            screen.query_one("#units", TextArea).text = (
                "UBND phường Tam Hiệp | phuong | 10/04/2026 | Ông Võ Minh Tâm — Chủ tịch UBND phường\n"
                "UBND xã Y | xa | 11/04/2026")
            # The issuer of the conclusion: a symbol the decree would not write is refused in its place.
            screen.query_one("#issuer-body", Input).value = "SỞ NỘI VỤ"
            screen.query_one("#issuer-symbol", Input).value = "s n v"
            await pilot.press("f2")
            await pilot.pause()
            assert "«s n v» không phải chữ viết tắt của cơ quan" in str(
                screen.query_one("#issuer-error", Static).render())
            screen.query_one("#issuer-symbol", Input).value = "SNV"
            screen.query_one("#issuer-sign_for", Input).value = "KT. GIÁM ĐỐC"
            screen.query_one("#issuer-signer_title", Input).value = "PHÓ GIÁM ĐỐC"
            await pilot.press("f2")
            await pilot.pause()
            assert not isinstance(app.screen, NewCampaignScreen)
            (stored,) = list_campaigns(app.store)
            assert [m.team_line() for m in stored.campaign.members] == [
                "Nguyễn Văn An — Trưởng đoàn, Sở Nội vụ", "Phạm Lan — Phó Trưởng đoàn", "Trần Thị Bình — Thư ký"]
            assert [row.unit for row in campaign_inspections(app.store, stored.id)] == [
                "UBND phường Tam Hiệp", "UBND xã Y"]
            info = app.store.load(1).info
            assert (info.decision_number, info.decision_date.isoformat()) == ("125/QĐ-SNV", "2026-03-15")
            assert info.absent == ("Nguyễn Văn An",)
            assert info.representatives == ("Ông Võ Minh Tâm — Chủ tịch UBND phường",)
            assert (info.issuer.body, info.issuer.symbol, info.issuer.signer_title) == ("SỞ NỘI VỤ", "SNV",
                                                                                        "PHÓ GIÁM ĐỐC")

    asyncio.run(scenario())


def test_every_key_of_home_and_of_the_campaign_on_its_first_line_is_handled(tmp_path, monkeypatch):
    """Each key of the home screen pressed on a campaign's heading (the first line: not an inspection), and each
    key of the campaign screen on its first line: whatever the key does, the program never stops on an error."""
    from inspector.core.crashlog import crash_dir
    from inspector.tui.screens.campaign import CampaignScreen
    from inspector.tui.screens.home import HomeScreen

    def keys(screen) -> list[str]:
        return [b.key for b in screen.BINDINGS if b.action not in ("app.quit", "back", "clear_filter")]

    async def press(first: tuple[str, ...], key: str) -> None:
        monkeypatch.setenv("INSPECTOR_HOME", str(tmp_path / f"{len(first)}-{key}"))  # a fresh store each time
        app = team_app()
        try:
            async with app.run_test(size=(80, 24)) as pilot:
                await pilot.pause()
                for step in first:
                    await pilot.press(step)
                    await pilot.pause()
                await pilot.press(key)
                await pilot.pause()
                await pilot.pause(0.1)
                assert app.is_running, key
        finally:
            app.store.close()
        assert not crash_dir().exists() or not any(crash_dir().iterdir()), (first, key)

    async def scenario():
        for key in keys(HomeScreen):
            await press((), key)
        for key in keys(CampaignScreen):
            await press(("enter",), key)

    asyncio.run(scenario())
