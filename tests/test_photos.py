"""Photos from phones (issue 26): what a photo is, matching by time, the folder import, the upload page's server
with every limit, photos as evidence and the biên bản's Phụ lục ảnh, the command line and the screens."""

import datetime as dt
import http.client
import io
import ipaddress
import json
import os
import shutil
import socket
from pathlib import Path

import pytest
from PIL import Image

from inspector.core.checklist import load_checklist
from inspector.core.model import InspectionInfo
from inspector.core.photos import (
    ImageProblem,
    Match,
    Worked,
    check_image,
    exif_time,
    gap_text,
    match_photo,
    parse_photo_text,
    photo_text,
    photo_time,
    sniff,
)
from inspector.receive import Limits, ReceiveProblem, start_receiving
from inspector.receive.network import bind_problem, is_local
from inspector.receive.qr import qr_lines
from inspector.session.photos import plan_import
from inspector.store.database import Store
from inspector.store.photos import photos_of, resized_path

ROOT = Path(__file__).resolve().parent.parent
CHECKLIST = ROOT / "tests" / "data" / "cchc-xa-2025.1.toml"
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64  # a HEIC's first box; Pillow cannot draw it


def jpeg(taken: str | None = None, size=(64, 48), color="red") -> bytes:
    image = Image.new("RGB", size, color)
    exif = Image.Exif()
    if taken:
        exif.get_ifd(0x8769)[36867] = taken
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), "blue").save(buffer, "PNG")
    return buffer.getvalue()


def make_store(tmp_path) -> Store:
    store = Store(tmp_path / "data" / "inspector.db")
    checklist = load_checklist(CHECKLIST)
    info = InspectionInfo(checklist=checklist.id, checklist_version=checklist.version, unit="UBND xã Thử",
                          date=dt.date(2025, 10, 15), unit_type="xa")
    store.create_inspection(checklist, info)
    return store


def worked_at(store: Store, criterion_id: str, at: str) -> None:
    """A history row: the criterion was worked on at `at` (as the store writes its times)."""
    with store.transaction() as unit:
        unit.audit(1, criterion_id, "note", None, "x", at=at)


def evidence_files(store: Store) -> list[str]:
    folder = store.evidence_dir()
    return sorted(p.name for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []


# ---- what a photo is, by its bytes
def test_a_photo_is_known_by_its_bytes_not_its_name(tmp_path):
    assert sniff(jpeg()) == "jpeg" and sniff(png()) == "png" and sniff(HEIC) == "heic"
    assert sniff(b"GIF89a......") is None and sniff(b"%PDF-1.7 ....") is None
    fake = tmp_path / "IMG_0001.jpg"
    fake.write_text("không phải ảnh")
    with pytest.raises(ImageProblem) as refused:
        check_image(fake, fake.name)
    assert refused.value.message() == "IMG_0001.jpg không phải ảnh JPEG, PNG hay HEIC (xét theo nội dung tệp, không " \
                                      "theo tên)"
    broken = tmp_path / "half.jpg"
    broken.write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 10)
    with pytest.raises(ImageProblem) as damaged:
        check_image(broken, broken.name)
    assert damaged.value.key == "photo.damaged"
    heic = tmp_path / "IMG_0002.HEIC"
    heic.write_bytes(HEIC)
    assert check_image(heic, heic.name) == "heic"


def test_exif_time_first_else_the_files_time(tmp_path):
    with_exif = tmp_path / "a.jpg"
    with_exif.write_bytes(jpeg("2025:10:15 09:31:05"))
    assert exif_time(with_exif) == dt.datetime(2025, 10, 15, 9, 31, 5)
    assert photo_time(with_exif, "jpeg") == (dt.datetime(2025, 10, 15, 9, 31, 5), "exif")
    without = tmp_path / "b.png"
    without.write_bytes(png())
    moment = dt.datetime(2025, 10, 15, 14, 2, 0)
    os.utime(without, (moment.timestamp(), moment.timestamp()))
    assert photo_time(without, "png") == (moment, "file")


# ---- matching by time
def test_a_photo_goes_to_the_criterion_worked_on_nearest_in_time():
    at = dt.datetime(2025, 10, 15, 9, 30, 0)
    worked = [Worked("A1", at), Worked("A2", at + dt.timedelta(minutes=4)), Worked("B1", at + dt.timedelta(hours=1))]
    # 09:31:05: A1 1 min 05 s earlier, A2 2 min 55 s later → A1.
    assert match_photo(at + dt.timedelta(seconds=65), worked) == Match("A1", dt.timedelta(seconds=65))
    # 09:33:00: A2 is 1 min later, A1 3 min earlier → A2, taken before it was recorded.
    assert match_photo(at + dt.timedelta(minutes=3), worked) == Match("A2", dt.timedelta(minutes=-1))
    # 09:32:00 is 2 min from both: the later work wins (a document is photographed, then recorded).
    assert match_photo(at + dt.timedelta(minutes=2), worked) == Match("A2", dt.timedelta(minutes=-2))
    # 20 minutes from any work: unmatched.
    assert match_photo(at + dt.timedelta(minutes=24), worked) == Match(None, None)
    # The window is a parameter: exactly 15 minutes still matches, a second more does not.
    assert match_photo(at + dt.timedelta(minutes=19), worked).criterion_id == "A2"
    assert match_photo(at + dt.timedelta(minutes=19, seconds=1), worked) == Match(None, None)
    assert gap_text(dt.timedelta(seconds=65)) == "chụp 1 phút 05 giây sau khi ghi"
    assert gap_text(dt.timedelta(minutes=-1)) == "chụp 1 phút 00 giây trước khi ghi"
    assert gap_text(dt.timedelta(seconds=-40)) == "chụp 40 giây trước khi ghi"
    assert gap_text(dt.timedelta(0)) == "cùng lúc ghi"
    assert gap_text(None) == "—"


def test_times_with_zones_are_compared_as_moments_and_without_as_wall_clocks():
    hanoi = dt.timezone(dt.timedelta(hours=7))
    worked = [Worked("A1", dt.datetime(2025, 10, 15, 9, 30, tzinfo=hanoi))]
    # The phone wrote its offset: 02:31 UTC is 09:31 in Hà Nội.
    utc_photo = dt.datetime(2025, 10, 15, 2, 31, tzinfo=dt.timezone.utc)
    assert match_photo(utc_photo, worked) == Match("A1", dt.timedelta(minutes=1))
    # No offset: the phone's wall clock against the laptop's.
    assert match_photo(dt.datetime(2025, 10, 15, 9, 29), worked) == Match("A1", dt.timedelta(minutes=-1))


def test_the_evidence_text_of_a_photo_reads_back():
    sha = "ab" * 32
    text = photo_text("IMG [1].jpg", sha, dt.datetime(2025, 10, 15, 9, 31, 5), "Bảng  niêm yết")
    assert text == f"IMG (1).jpg [sha256:{sha[:12]}] · 2025-10-15 09:31:05 · Bảng niêm yết"
    ref = parse_photo_text(text)
    assert ref.name == "IMG (1).jpg" and ref.sha_prefix == sha[:12] and ref.caption == "Bảng niêm yết"
    assert ref.taken == dt.datetime(2025, 10, 15, 9, 31, 5)
    assert parse_photo_text("Sổ theo dõi hồ sơ") is None
    assert parse_photo_text(f"scan.pdf [sha256:{sha[:12]}]").taken is None


# ---- the folder import
def phone_folder(tmp_path) -> Path:
    folder = tmp_path / "DCIM"
    folder.mkdir()
    (folder / "IMG_0001.jpg").write_bytes(jpeg("2025:10:15 09:31:05"))
    (folder / "IMG_0002.jpg").write_bytes(jpeg("2025:10:15 09:33:00", color="green"))
    late = folder / "IMG_0003.png"
    late.write_bytes(png())
    moment = dt.datetime(2025, 10, 15, 14, 2, 0)
    os.utime(late, (moment.timestamp(), moment.timestamp()))
    (folder / "ghi-chu.jpg").write_text("không phải ảnh")
    return folder


def test_folder_import_previews_then_stores_only_when_confirmed(tmp_path):
    store = make_store(tmp_path)
    worked_at(store, "A1", "2025-10-15T09:30:00+07:00")
    worked_at(store, "A2", "2025-10-15T09:34:00+07:00")
    before_answers, before_history = store.load(1).answers, store.history_rows(1)
    plan = plan_import(store, 1, phone_folder(tmp_path))
    assert plan.lines() == [
        f"3 ảnh trong {tmp_path / 'DCIM'} — ảnh → tiêu chí (khoảng cách tới lúc ghi tiêu chí):",
        "  IMG_0001.jpg  09:31 15/10/2025 (EXIF)  →  A1  (chụp 1 phút 05 giây sau khi ghi)",
        "  IMG_0002.jpg  09:33 15/10/2025 (EXIF)  →  A2  (chụp 1 phút 00 giây trước khi ghi)",
        "1 ảnh chưa khớp tiêu chí nào (không có tiêu chí được ghi trong vòng 15 phút) — chọn tiêu chí bằng tay:",
        "  [3] IMG_0003.png  14:02 15/10/2025 (giờ của tệp)",
        "1 tệp bỏ qua:",
        "  ghi-chu.jpg: ghi-chu.jpg không phải ảnh JPEG, PNG hay HEIC (xét theo nội dung tệp, không theo tên)",
    ]
    # Nothing is saved by the preview.
    assert store.load(1).answers == before_answers and store.history_rows(1) == before_history
    assert evidence_files(store) == []
    plan.assign(2, "B1")
    with pytest.raises(KeyError):
        plan.assign(0, "Z9")
    assert "  IMG_0003.png  14:02 15/10/2025 (giờ của tệp)  →  B1  (chọn tay)" in plan.lines()
    added = plan.confirm(store)
    assert added == {"A1": 1, "A2": 1, "B1": 1}
    answers = store.load(1).answers
    assert answers["A1"].evidence[0].endswith("] · 2025-10-15 09:31:05")
    assert answers["B1"].evidence[0].startswith("IMG_0003.png [sha256:")
    assert len(evidence_files(store)) == 3
    photos = photos_of(store.load(1))
    assert [(p.criterion_id, p.name, p.kind) for p in photos] == [("A1", "IMG_0001.jpg", "jpeg"),
                                                                  ("A2", "IMG_0002.jpg", "jpeg"),
                                                                  ("B1", "IMG_0003.png", "png")]
    assert all(resized_path(store.evidence_dir(), p.sha).is_file() for p in photos)
    assert [row[2] for row in store.history_rows(1) if row[1] == "B1"] == ["evidence"]
    # The same folder again: a photo already on its criterion is not added twice.
    again = plan_import(store, 1, tmp_path / "DCIM")
    again.assign(2, "B1")
    assert again.confirm(store) == {}
    assert store.load(1).answers == answers


def test_a_photo_changed_into_a_non_image_after_the_preview_stores_nothing(tmp_path):
    store = make_store(tmp_path)
    worked_at(store, "A1", "2025-10-15T09:30:00+07:00")
    folder = phone_folder(tmp_path)
    plan = plan_import(store, 1, folder)
    (folder / "IMG_0002.jpg").write_text("đã bị thay")
    with pytest.raises(ImageProblem):
        plan.confirm(store)
    assert evidence_files(store) == [] and "A1" not in store.load(1).answers


# ---- the upload page's server, on loopback
class Client:
    """Requests to a running server, on loopback, with a generous socket timeout (never a clock in the test)."""

    def __init__(self, server, source: str = "127.0.0.1"):
        self.server, self.source = server, source

    def request(self, method: str, path: str, body: bytes = b"", headers: dict | None = None):
        connection = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=20,
                                                source_address=(self.source, 0))
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        data = response.read()
        connection.close()
        return response, data

    def upload(self, files: list[tuple[str, bytes]], criterion: str = "", caption: str = "", token: str | None = None):
        body, kind = form(files, criterion, caption)
        return self.request("POST", f"/p/{token or self.server.token}", body, {"Content-Type": kind})


def form(files, criterion="", caption="", boundary="----inspectorTestBoundary7MA4YWxk"):
    chunks = []
    for name, value in (("criterion", criterion), ("caption", caption)):
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
    for filename, data in files:
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="photo"; filename="{filename}"\r\n'
                      f"Content-Type: image/jpeg\r\n\r\n".encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


@pytest.fixture
def receiving(tmp_path):
    store = make_store(tmp_path)
    servers = []

    def start(current="A1", **options):
        limits = options.pop("limits", Limits())
        server = start_receiving(store, 1, lambda: current, bind="127.0.0.1", port=0, limits=limits, **options)
        server.start()
        servers.append(server)
        return server, Client(server)

    yield store, start
    for server in servers:
        server.stop()


def refusal(response, data) -> tuple[int, str]:
    return response.status, json.loads(data)["message"]


def test_the_page_is_served_with_its_token_and_nothing_else(receiving):
    store, start = receiving
    server, client = start()
    assert server.url == f"http://127.0.0.1:{server.port}/p/{server.token}"
    response, data = client.request("GET", f"/p/{server.token}")
    assert response.status == 200 and response.getheader("Content-Type") == "text/html; charset=utf-8"
    page = data.decode()
    assert "Gửi ảnh minh chứng" in page and 'capture="environment"' in page and "multiple" in page
    assert "<progress" in page and "Tiêu chí đang mở trên máy tính (A1 " in page and "UBND xã Thử" in page
    policy = response.getheader("Content-Security-Policy")
    nonce = page.split('<script nonce="')[1].split('"')[0]
    assert policy.startswith(f"default-src 'none'; script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}';")
    for path in ("/", "/favicon.ico", f"/p/{server.token}/x", "/static/app.js", f"/p/{server.token}/../etc"):
        assert refusal(*client.request("GET", path)) == (404, "Không có trang này.")
    assert refusal(*client.request("GET", "/p/not-the-token")) == \
        (403, "Mã không đúng hoặc đã hết hạn — quét lại mã QR đang hiện trên máy tính.")


def test_a_token_dies_with_its_server_and_belongs_to_one_phone(receiving):
    store, start = receiving
    first, client = start()
    old = first.token
    first.stop()
    second, client = start()
    assert second.token != old
    assert refusal(*client.request("GET", f"/p/{old}"))[0] == 403
    assert client.request("GET", f"/p/{second.token}")[0].status == 200
    other_phone = Client(second, source="127.0.0.2")  # another address on loopback
    assert refusal(*other_phone.request("GET", f"/p/{second.token}")) == \
        (403, "Mã này đã được dùng trên một điện thoại khác — mở lại màn hình nhận ảnh trên máy tính để có mã mới.")


def test_photos_uploaded_go_to_the_criterion_on_screen_or_the_one_chosen(receiving):
    store, start = receiving
    heard = []
    server, client = start(current="A2", on_received=heard.extend)
    response, data = client.upload([("IMG_1.jpg", jpeg("2025:10:15 09:31:05")), ("IMG_2.png", png())],
                                   caption="Bảng niêm yết")
    assert response.status == 200, data
    assert json.loads(data) == {"ok": True, "message": "Đã nhận 2 ảnh.", "received": ["A2: IMG_1.jpg", "A2: IMG_2.png"]}
    response, data = client.upload([("IMG_3.jpg", jpeg())], criterion="B1")
    assert json.loads(data)["received"] == ["B1: IMG_3.jpg"]
    answers = store.load(1).answers
    assert answers["A2"].evidence[0].endswith("] · 2025-10-15 09:31:05 · Bảng niêm yết")
    assert answers["A2"].evidence[1].startswith("IMG_2.png [sha256:") and len(answers["B1"].evidence) == 1
    assert [(r.criterion_id, r.name) for r in heard] == [("A2", "IMG_1.jpg"), ("A2", "IMG_2.png"), ("B1", "IMG_3.jpg")]
    assert "A2: IMG_2.png" in client.request("GET", f"/p/{server.token}")[1].decode()
    assert len(evidence_files(store)) == 3


def test_a_non_image_named_jpg_refuses_the_whole_upload(receiving):
    store, start = receiving
    server, client = start()
    status, message = refusal(*client.upload([("IMG_1.jpg", jpeg()), ("IMG_2.jpg", b"MZ\x90\x00 not a photo")]))
    assert (status, message) == (415, "Từ chối, chưa lưu ảnh nào: IMG_2.jpg không phải ảnh JPEG, PNG hay HEIC (xét "
                                      "theo nội dung tệp, không theo tên).")
    assert evidence_files(store) == [] and store.load(1).answers == {} and server.received == []


def test_oversize_uploads_are_refused_before_and_while_reading(receiving):
    store, start = receiving
    server, client = start(limits=Limits(photo_bytes=40_000, request_bytes=120_000))
    # A 200 MB upload is refused from its Content-Length alone: the test sends only the headers.
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(f"POST /p/{server.token} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode())
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.0 413 ")
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["message"] == \
        "Từ chối: một lần gửi tối đa 117 kB — gửi ít ảnh hơn mỗi lần."
    big = jpeg(size=(400, 400)) + b"\x00" * 50_000  # a real JPEG padded past 40 kB
    assert refusal(*client.upload([("IMG_big.jpg", big)])) == (413, "Từ chối: ảnh IMG_big.jpg lớn hơn 39 kB.")
    assert evidence_files(store) == []


def test_oversize_messages_name_the_limits_in_megabytes(receiving):
    store, start = receiving
    server, client = start()
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(f"POST /p/{server.token} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     f"Content-Length: {200 * 1024 * 1024}\r\n\r\n".encode())
        answer = read_all(sock)
    assert answer.startswith(b"HTTP/1.0 413 ")
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["message"] == \
        "Từ chối: một lần gửi tối đa 100 MB — gửi ít ảnh hơn mỗi lần."
    assert evidence_files(store) == []


def read_all(sock) -> bytes:
    chunks = []
    while chunk := sock.recv(65536):
        chunks.append(chunk)
    return b"".join(chunks)


def test_too_many_files_in_one_upload_or_in_one_session(receiving):
    store, start = receiving
    server, client = start(limits=Limits(per_request=3, per_session=4))
    tiny = jpeg(size=(8, 8))
    status, message = refusal(*client.upload([(f"IMG_{i}.jpg", tiny) for i in range(500)]))
    assert (status, message) == (413, "Từ chối: mỗi lần gửi tối đa 3 ảnh — chia thành nhiều lần.")
    status, message = refusal(*client.upload([(f"IMG_{i}.jpg", tiny) for i in range(4)]))
    assert (status, message) == (413, "Từ chối: mỗi lần gửi tối đa 3 ảnh — chia thành nhiều lần.")
    assert evidence_files(store) == []
    assert client.upload([("IMG_a.jpg", tiny), ("IMG_b.jpg", jpeg(size=(9, 9)))])[0].status == 200
    status, message = refusal(*client.upload([("IMG_c.jpg", jpeg(size=(10, 10))), ("IMG_d.jpg", jpeg(size=(11, 11))),
                                              ("IMG_e.jpg", jpeg(size=(12, 12)))]))
    assert (status, message) == (429, "Từ chối: đã nhận 2 ảnh, tối đa 4 ảnh mỗi lần mở trang — mở lại màn hình "
                                      "nhận ảnh trên máy tính.")
    assert len(store.load(1).answers["A1"].evidence) == 2


def test_a_client_outside_the_local_network_is_refused(receiving):
    store, start = receiving
    server, client = start(networks=(ipaddress.ip_network("10.0.0.0/8"),))  # loopback counts as outside here
    assert refusal(*client.request("GET", f"/p/{server.token}")) == \
        (403, "Từ chối: chỉ nhận ảnh từ điện thoại trong mạng nội bộ của Đoàn kiểm tra.")
    assert refusal(*client.upload([("IMG_1.jpg", jpeg())]))[0] == 403
    assert evidence_files(store) == []


def test_the_server_listens_only_on_one_local_address(receiving):
    store, start = receiving
    assert bind_problem("0.0.0.0") == "receive.bind_everywhere" and bind_problem("8.8.8.8") == "receive.bind_not_local"
    assert bind_problem("laptop") == "receive.bind_not_address" and bind_problem("192.168.137.1") is None
    assert is_local("192.168.1.20") and is_local("::ffff:10.0.0.2") and not is_local("203.0.113.5")
    with pytest.raises(ReceiveProblem) as everywhere:
        start_receiving(store, 1, lambda: "A1", bind="0.0.0.0", port=0)
    assert everywhere.value.message().startswith("không nghe trên 0.0.0.0 (mọi mạng, cả mạng công cộng)")
    server, _ = start()
    with pytest.raises(ReceiveProblem) as taken:
        start_receiving(store, 1, lambda: "A1", bind="127.0.0.1", port=server.port)
    assert taken.value.key == "receive.cannot_listen"
    assert "inspector evidence import THƯ_MỤC --into N" in taken.value.message()


def test_a_stalled_client_is_cut_off(receiving):
    store, start = receiving
    server, client = start(limits=Limits(idle_seconds=0.2))
    with socket.create_connection(("127.0.0.1", server.port), timeout=20) as sock:
        sock.sendall(f"POST /p/{server.token} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     "Content-Length: 5000\r\n\r\n--b\r\n".encode())
        answer = read_all(sock)  # the client says no more: the server gives up after its idle time
    assert answer.startswith(b"HTTP/1.0 408 ")
    assert json.loads(answer.split(b"\r\n\r\n", 1)[1])["message"] == \
        "Kết nối bị ngừng giữa chừng — gửi lại khi sóng Wi-Fi ổn định."
    assert evidence_files(store) == []


def test_a_slow_client_is_cut_off_by_the_injected_clock(receiving):
    store, start = receiving
    ticks = iter(range(0, 10**9, 1000))  # each look at the clock: 1000 s later

    server, client = start(limits=Limits(request_seconds=1500), clock=lambda: next(ticks))
    body, kind = form([("IMG_1.jpg", jpeg(size=(600, 600)) + b"\x00" * 300_000)])
    assert refusal(*client.request("POST", f"/p/{server.token}", body, {"Content-Type": kind})) == \
        (408, "Gửi quá chậm nên bị ngắt — đến gần máy tính hơn rồi gửi lại, ít ảnh mỗi lần.")
    assert evidence_files(store) == []


def test_malformed_uploads_are_refused_with_their_reason(receiving):
    store, start = receiving
    server, client = start()
    path = f"/p/{server.token}"
    assert refusal(*client.request("POST", path, b"x=1", {"Content-Type": "application/x-www-form-urlencoded"})) == \
        (400, "Từ chối: dữ liệu gửi không phải biểu mẫu tải ảnh.")
    body, kind = form([("IMG_1.jpg", jpeg())])
    assert refusal(*client.request("POST", path, body[:-30], {"Content-Type": kind}))[0] == 400
    bad_field = body.replace(b'name="caption"', b'name="evil"')
    assert refusal(*client.request("POST", path, bad_field, {"Content-Type": kind})) == \
        (400, "Từ chối: dữ liệu gửi bị hỏng hoặc không đúng biểu mẫu — gửi lại.")
    assert refusal(*client.upload([])) == (400, "Chưa chọn ảnh nào.")
    assert refusal(*client.upload([("IMG_1.jpg", jpeg())], criterion="Z9")) == \
        (400, "Từ chối: bảng kiểm không có tiêu chí \"Z9\" — chọn tiêu chí trong danh sách.")
    assert evidence_files(store) == []


def test_a_heic_is_kept_without_a_resized_copy(receiving):
    store, start = receiving
    server, client = start()
    response, data = client.upload([("IMG_5.HEIC", HEIC)])
    assert response.status == 200, data
    (photo,) = photos_of(store.load(1))
    assert photo.kind == "heic" and photo.path.read_bytes() == HEIC
    assert not resized_path(store.evidence_dir(), photo.sha).exists()


def test_the_qr_code_of_the_address_fits_a_small_terminal():
    lines = qr_lines("http://192.168.137.1:8765/p/" + "x" * 16)
    assert len(lines) <= 20 and all(len(line) == len(lines[0]) <= 40 for line in lines)
    assert set("".join(lines)) <= set("█▀▄ ")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-headless-shell")


NO_CHROMIUM = ("no headless Chromium on this machine (apt install chromium-headless-shell): the page is tested "
               "through http.client above")


def test_the_page_in_a_real_browser(receiving, tmp_path):
    browser = chromium()
    if browser is None:
        pytest.skip(NO_CHROMIUM)
    import subprocess

    store, start = receiving
    server, client = start()
    done = subprocess.run([browser, "--headless", "--no-sandbox", "--disable-gpu", f"--user-data-dir={tmp_path}/b",
                           "--dump-dom", server.url], capture_output=True, text=True, timeout=60)
    assert "Gửi ảnh minh chứng" in done.stdout and 'id="received"' in done.stdout
    assert "Refused to execute" not in done.stderr  # the script runs under the page's policy


class DevTools:
    """Headless Chromium driven over its DevTools protocol through --remote-debugging-pipe: it reads commands on
    its descriptor 3 and writes answers and events on 4, each a JSON text ended by a NUL (no websocket needed).
    A small Python trampoline puts the pipes on 3 and 4 (no preexec_fn: the server's threads are running)."""

    TRAMPOLINE = ("import fcntl, os, sys\n"
                  "a, b = [fcntl.fcntl(int(fd), fcntl.F_DUPFD, 10) for fd in sys.argv[1:3]]\n"
                  "os.dup2(a, 3); os.dup2(b, 4); os.close(a); os.close(b)\n"
                  "os.execv(sys.argv[3], sys.argv[3:])\n")

    def __init__(self, browser: str, profile: Path):
        import subprocess
        import sys

        child_in, self.commands = os.pipe()
        self.answers, child_out = os.pipe()
        self.log = (profile.parent / "chromium.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-c", self.TRAMPOLINE, str(child_in), str(child_out), browser, "--headless",
             "--no-sandbox", "--disable-gpu", "--no-first-run", f"--user-data-dir={profile}",
             "--remote-debugging-pipe", "about:blank"],
            pass_fds=(child_in, child_out), stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)
        os.close(child_in)
        os.close(child_out)
        self.buffer, self.events, self.last = b"", [], 0

    def receive(self) -> dict:
        import select

        while b"\0" not in self.buffer:
            ready, _, _ = select.select([self.answers], [], [], 60)  # a guard against a hung browser only
            assert ready, "Chromium answered nothing in 60 s"
            chunk = os.read(self.answers, 1 << 16)
            assert chunk, "Chromium closed its DevTools pipe"
            self.buffer += chunk
        message, self.buffer = self.buffer.split(b"\0", 1)
        return json.loads(message)

    def call(self, method: str, session: str | None = None, **params) -> dict:
        self.last += 1
        message = {"id": self.last, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self.commands, json.dumps(message).encode() + b"\0")
        while True:
            answer = self.receive()
            if answer.get("id") == self.last:
                assert "error" not in answer, answer
                return answer["result"]
            self.events.append(answer)

    def wait_for(self, method: str) -> dict:
        while True:
            found = next((e for e in self.events if e.get("method") == method), None)
            if found is not None:
                self.events.remove(found)
                return found
            self.events.append(self.receive())

    def evaluate(self, session: str, expression: str):
        result = self.call("Runtime.evaluate", session, expression=expression, awaitPromise=True,
                           returnByValue=True)
        assert "exceptionDetails" not in result, result
        return result["result"].get("value")

    def close(self) -> None:
        try:
            self.call("Browser.close")
        except (AssertionError, OSError):
            pass
        try:
            self.process.wait(timeout=30)
        except Exception:  # noqa: BLE001 - a browser that will not close is killed, never left behind
            self.process.kill()
            self.process.wait()
        os.close(self.commands)
        os.close(self.answers)
        self.log.close()


# Resolves with the page's message once the upload is answered (the page says "Đang gửi…" meanwhile).
ANSWERED = """new Promise(resolve => {
  const msg = document.getElementById('message'), sending = JSON.parse(document.getElementById('limits').textContent).sending;
  const done = () => msg.textContent && msg.textContent !== sending;
  if (done()) { resolve(msg.textContent); return; }
  new MutationObserver((_, observer) => { if (done()) { observer.disconnect(); resolve(msg.textContent); } })
    .observe(msg, {childList: true, characterData: true, subtree: true});
})"""

# Enter in the caption field submits the form: the page must keep it (a submitted form would leave the page).
SUBMIT_KEPT = """(() => {
  const form = document.getElementById('form');
  let kept = null;
  form.addEventListener('submit', event => { kept = event.defaultPrevented; event.preventDefault(); }, {once: true});
  form.requestSubmit();
  return kept;
})()"""


def test_a_real_browser_uploads_a_photo_through_the_page(receiving, tmp_path):
    """The page in Chromium: a photo chosen in its file field (as a person picks one) with a caption and a
    criterion goes up with the page's own script, is stored on that criterion, and the page says so."""
    browser = chromium()
    if browser is None:
        pytest.skip(NO_CHROMIUM)
    store, start = receiving
    server, _ = start(current="A1")
    photo = tmp_path / "IMG_2001.jpg"
    photo.write_bytes(jpeg("2025:10:15 09:31:05", size=(320, 240)))
    tools = DevTools(browser, tmp_path / "profile")
    try:
        target = tools.call("Target.createTarget", url="about:blank")["targetId"]
        session = tools.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        tools.call("Page.enable", session)
        tools.call("Page.navigate", session, url=server.url)
        tools.wait_for("Page.loadEventFired")
        assert tools.evaluate(session, "document.title") == "Gửi ảnh minh chứng"
        assert tools.evaluate(session, SUBMIT_KEPT) is True
        tools.evaluate(session, "document.getElementById('criterion').value = 'B1';"
                                "document.getElementById('caption').value = 'Sổ theo dõi hồ sơ TTHC'")
        root = tools.call("DOM.getDocument", session)["root"]["nodeId"]
        field = tools.call("DOM.querySelector", session, nodeId=root, selector="#files")["nodeId"]
        tools.call("DOM.setFileInputFiles", session, nodeId=field, files=[str(photo)])  # fires "change"
        assert tools.evaluate(session, ANSWERED) == "Đã nhận 1 ảnh."
        assert tools.evaluate(session, "document.querySelector('#received li').textContent").startswith(
            "B1: IMG_2001.jpg")
    finally:
        tools.close()
    stored = photos_of(store.load(1))
    assert [(p.criterion_id, p.name, p.caption, p.taken) for p in stored] == [
        ("B1", "IMG_2001.jpg", "Sổ theo dõi hồ sơ TTHC", dt.datetime(2025, 10, 15, 9, 31, 5))]
    assert stored[0].path.read_bytes() == photo.read_bytes()


# ---- the biên bản's Phụ lục ảnh
def test_the_minutes_carry_a_photo_appendix_two_to_a_page(tmp_path):
    import docx
    from docx.enum.section import WD_SECTION
    from docx.oxml.ns import qn

    from inspector.exports.common import Exported
    from inspector.exports.docx import docx_bytes
    from inspector.session.photos import Incoming, store_received

    store = make_store(tmp_path)
    files = []
    for number, data in enumerate([jpeg("2025:10:15 09:31:05", size=(400, 300)), png(), HEIC], 1):
        path = tmp_path / f"up{number}"
        path.write_bytes(data)
        files.append(path)
    store_received(store, 1, "A1", [Incoming(files[0], "IMG_1.jpg")], caption="Bảng niêm yết TTHC")
    store_received(store, 1, "B1", [Incoming(files[1], "IMG_2.png"), Incoming(files[2], "IMG_3.HEIC")],
                   now=lambda: dt.datetime(2025, 10, 15, 10, 5, 0))
    document = docx.Document(io.BytesIO(docx_bytes(Exported.of(store.load(1)))))
    texts = [p.text for p in document.paragraphs]
    start = texts.index("Phụ lục ảnh")
    assert texts[start + 1:start + 3] == ["ẢNH MINH CHỨNG KIỂM TRA",
                                          "(Kèm theo Biên bản kiểm tra số …………/BB-ĐKT ngày 15 tháng 10 năm 2025 tại "
                                          "UBND xã Thử)"]
    captions = [text for text in texts[start:] if text.startswith(("Ảnh ", "Tiêu chí "))]
    a1, b1 = store.load(1).checklist.criterion("A1").title, store.load(1).checklist.criterion("B1").title
    shas = [p.sha[:12] for p in photos_of(store.load(1))]
    assert captions == [
        "Ảnh 1. Bảng niêm yết TTHC",
        f"Tiêu chí A1 — {a1}; chụp lúc 09 giờ 31, ngày 15/10/2025; tệp IMG_1.jpg (SHA-256 {shas[0]}…).",
        "Ảnh 2. IMG_2.png",
        f"Tiêu chí B1 — {b1}; chụp lúc 10 giờ 05, ngày 15/10/2025; tệp IMG_2.png (SHA-256 {shas[1]}…).",
        "Ảnh 3. IMG_3.HEIC",
        f"Tiêu chí B1 — {b1}; chụp lúc 10 giờ 05, ngày 15/10/2025; tệp IMG_3.HEIC (SHA-256 {shas[2]}…); ảnh HEIC: "
        "đã lưu bản gốc, máy lập biên bản không thu nhỏ được nên không in ảnh.",
    ]
    # Two pictures (the HEIC has none), 150 × 112,5 mm would be too tall: 90 mm high at most.
    assert len(document.inline_shapes) == 2
    assert max(shape.height.mm for shape in document.inline_shapes) <= 90.01
    # The Phụ lục ảnh is a section of its own: the paragraph before its heading ends the scores' Phụ lục (its
    # section's properties); the photos' section numbers its pages from 1, none on its first page.
    body = document.element.body
    paragraphs = list(body.iter(qn("w:p")))

    def text_of(p):
        return "".join(t.text or "" for t in p.iter(qn("w:t")))

    heading = next(i for i, p in enumerate(paragraphs) if text_of(p) == "Phụ lục ảnh")
    scores = next(i for i, p in enumerate(paragraphs) if text_of(p) == "KẾT QUẢ CHẤM ĐIỂM VÀ SỐ LIỆU KIỂM TRA")
    breaks = [i for i, p in enumerate(paragraphs) if p.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None]
    assert breaks[-1] == heading - 1 and scores < breaks[-1]
    assert len(document.sections) == 3  # the biên bản, the scores' Phụ lục, the photos' Phụ lục
    photos_section = document.sections[-1]
    numbering = photos_section._sectPr.find(qn("w:pgNumType"))
    assert numbering.get(qn("w:start")) == "1" and photos_section.different_first_page_header_footer
    assert document.sections[1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"
    assert photos_section.start_type == WD_SECTION.NEW_PAGE
    # Two photos to a page: the third starts a page (a break before it, none after the last one).
    starts = [i for i, p in enumerate(paragraphs) if p.find(f"{qn('w:pPr')}/{qn('w:pageBreakBefore')}") is not None]
    photo_paragraphs = [i for i, p in enumerate(paragraphs) if p.findall(f".//{qn('w:drawing')}")]
    caption_3 = next(i for i, p in enumerate(paragraphs) if text_of(p).startswith("Ảnh 3."))
    assert [i for i in starts if i > heading] == [caption_3 - 1]
    assert heading < photo_paragraphs[0] < photo_paragraphs[1] < caption_3
    assert not [p for p in paragraphs if p.findall(f".//{qn('w:br')}[@{qn('w:type')}='page']")]


def test_minutes_without_photos_have_no_photo_appendix(tmp_path):
    import docx
    from docx.oxml.ns import qn

    from inspector.exports.common import Exported
    from inspector.exports.docx import docx_bytes

    store = make_store(tmp_path)
    document = docx.Document(io.BytesIO(docx_bytes(Exported.of(store.load(1)))))
    assert "Phụ lục ảnh" not in [p.text for p in document.paragraphs] and len(document.inline_shapes) == 0
    # Its section break went with it: the scores' Phụ lục is the last section, numbered from 1 as before.
    assert len(document.sections) == 2
    assert document.sections[-1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start")) == "1"


# ---- the screens
def test_the_inspection_screen_receives_lists_and_removes_photos(tmp_path):
    import asyncio

    from inspector.core.config import Config
    from inspector.tui.app import InspectorApp
    from inspector.tui.screens.inspection import InspectionScreen
    from inspector.tui.screens.photos import PhotoImportScreen, PhotoListScreen, ReceiveScreen

    store = make_store(tmp_path)
    folder = phone_folder(tmp_path)
    app = InspectorApp(store=store, config=Config())

    async def until(pilot, condition):
        for _ in range(150):
            if condition():
                return
            await pilot.pause(0.1)
        assert condition()

    async def scenario(pilot):
        app.open_inspection(1)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InspectionScreen)
        screen.receive_options = {"bind": "127.0.0.1", "port": 0}
        screen.go_to("A2")
        await pilot.pause()
        await pilot.press("w")
        await pilot.pause()
        receiving = app.screen
        assert isinstance(receiving, ReceiveScreen)
        server = receiving.server
        url = str(receiving.query_one("#receive-url").render())
        assert url == server.url and "A2" in str(receiving.query_one("#receive-how").render())
        response, data = await asyncio.to_thread(Client(server).upload, [("IMG_9.jpg", jpeg())])
        assert response.status == 200, data
        await until(pilot, lambda: "A2: IMG_9.jpg" in str(receiving.query_one("#receive-list").render()))
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        with pytest.raises(OSError):  # the server stopped with the screen
            socket.create_connection(("127.0.0.1", server.port), timeout=5).close()
        assert len(screen.session.answer("A2").evidence) == 1
        await pilot.press("p")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, PhotoListScreen)
        assert str(listing.query_one("#photos-title").render()) == "Ảnh của tiêu chí A2 (1)"
        await pilot.press("delete")
        await pilot.pause()
        assert str(listing.query_one("#photos-title").render()) == "Ảnh của tiêu chí A2 (0)"
        await pilot.press("escape")
        await pilot.pause()
        # The folder import: preview, assign the unmatched photo by hand, store.
        await pilot.press("i")
        await pilot.pause()
        importing = app.screen
        assert isinstance(importing, PhotoImportScreen)
        importing.query_one("#photo-folder").value = str(folder)
        await pilot.press("enter")
        await until(pilot, lambda: importing.plan is not None and not importing.busy)
        preview = str(importing.query_one("#photo-preview").render())
        assert "IMG_0003.png" in preview and "chọn tiêu chí bằng tay" in preview
        importing.query_one("#photo-assign").value = "3=B1"
        await pilot.press("enter")
        await pilot.pause()
        assert "→  B1  (chọn tay)" in str(importing.query_one("#photo-preview").render())
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    answers = store.load(1).answers
    assert "A2" not in answers  # its one photo removed, nothing was left of the answer
    assert any(row[1] == "A2" and row[2] == "evidence" and "IMG_9.jpg" in (row[3] or "") for row in
               store.history_rows(1))  # the history keeps the removed photo
    assert [p.name for p in photos_of(store.load(1)) if p.criterion_id == "B1"] == ["IMG_0003.png"]


def gate(progress, at: int):
    """A progress callback that stops its worker at `at` files done until the test releases it (no clock):
    (callback, reached, release)."""
    import threading

    reached, release = threading.Event(), threading.Event()

    def held(done, total):
        progress(done, total)
        if done == at:
            reached.set()
            assert release.wait(30)

    return held, reached, release


def test_the_folder_import_runs_in_a_worker_with_progress_and_esc_stops_it(tmp_path):
    import asyncio

    from textual.widgets import Input, ProgressBar

    from inspector.core.config import Config
    from inspector.session.photos import plan_import as real_plan
    from inspector.tui.app import InspectorApp
    from inspector.tui.screens.photos import PhotoImportScreen

    store = make_store(tmp_path)
    worked_at(store, "A1", "2025-10-15T09:30:00+07:00")
    folder = phone_folder(tmp_path)
    app = InspectorApp(store=store, config=Config())

    async def until(pilot, condition):
        for _ in range(300):
            if condition():
                return
            await pilot.pause(0.05)
        assert condition()

    def status(screen) -> str:
        return str(screen.query_one("#photo-status").render())

    async def scenario(pilot):
        app.open_inspection(1)
        await pilot.pause()
        screen = app.screen
        await pilot.press("i")
        await pilot.pause()
        importing = app.screen
        assert isinstance(importing, PhotoImportScreen)
        held = {}

        def gated(own, number, where, progress, cancelled):
            held["progress"], held["reached"], held["release"] = gate(progress, 2)
            held["ready"].set()
            return real_plan(own, number, where, progress=held["progress"], cancelled=cancelled)

        import threading

        held["ready"] = threading.Event()
        importing.planner = gated
        importing.query_one("#photo-folder").value = str(folder)
        await pilot.press("enter")
        await until(pilot, lambda: "reached" in held and held["reached"].is_set())
        # The worker waits in the middle of the folder; the screen answers meanwhile.
        bar = importing.query_one(ProgressBar)
        await until(pilot, lambda: (bar.progress, bar.total) == (2, 4))
        assert importing.busy and all(widget.disabled for widget in importing.query(Input))
        assert status(importing) == f"Đang đọc ảnh trong {folder}… (Esc: dừng)"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is importing and status(importing) == "Đang dừng…"
        held["release"].set()
        await until(pilot, lambda: not importing.busy)
        assert status(importing) == "Đã dừng đọc thư mục — chưa lưu gì." and importing.plan is None
        assert not any(widget.disabled for widget in importing.query(Input))
        # Read it all, then stop the store after its first photo: nothing recorded.
        importing.planner = None
        await pilot.press("enter")
        await until(pilot, lambda: importing.plan is not None and not importing.busy)
        assert status(importing) == "Đã đọc xong: 3 ảnh. Chưa lưu gì — Ctrl+S để lưu."
        plan = importing.plan
        confirm = plan.confirm

        def gated_confirm(own, progress, cancelled):
            held["progress"], held["reached"], held["release"] = gate(progress, 1)
            return confirm(own, progress=held["progress"], cancelled=cancelled)

        plan.confirm = gated_confirm
        await pilot.press("ctrl+s")
        await until(pilot, lambda: held["reached"].is_set())
        assert status(importing) == "Đang lưu 2 ảnh… (Esc: dừng, chưa ghi gì vào cuộc kiểm tra)"
        await pilot.press("escape")
        held["release"].set()
        await until(pilot, lambda: not importing.busy)
        assert status(importing) == "Đã dừng — chưa ghi ảnh nào vào cuộc kiểm tra. Ctrl+S để lưu lại từ đầu."
        assert app.screen is importing and store.load(1).answers == {}
        del plan.confirm
        await pilot.press("ctrl+s")
        await until(pilot, lambda: app.screen is screen)

    async def main():
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    assert [p.name for p in photos_of(store.load(1))] == ["IMG_0001.jpg", "IMG_0002.jpg"]


def test_a_caption_typed_in_the_photo_list_is_stored_audited_and_printed(tmp_path):
    import asyncio

    import docx

    from inspector.core.config import Config
    from inspector.exports.common import Exported
    from inspector.exports.docx import docx_bytes
    from inspector.session import Refused
    from inspector.session.photos import Incoming, store_received
    from inspector.tui.app import InspectorApp
    from inspector.tui.screens.photos import PhotoListScreen

    store = make_store(tmp_path)
    upload = tmp_path / "up"
    upload.write_bytes(jpeg("2025:10:15 09:31:05"))
    store_received(store, 1, "A1", [Incoming(upload, "IMG_1.jpg")], caption="Bảng niêm yết")
    old_text = store.load(1).answers["A1"].evidence[0]
    app = InspectorApp(store=store, config=Config())

    async def scenario(pilot):
        app.open_inspection(1)
        await pilot.pause()
        screen = app.screen
        screen.go_to("A1")
        await pilot.pause()
        await pilot.press("p")
        await pilot.pause()
        listing = app.screen
        assert isinstance(listing, PhotoListScreen)
        assert str(listing.query_one("#photos-keys").render()) == "E: sửa chú thích · Delete: bỏ ảnh · Esc: đóng"
        await pilot.press("e")
        await pilot.pause()
        field = listing.query_one("#photo-caption")
        assert app.focused is field and field.value == "Bảng niêm yết"
        await pilot.press("escape")  # Esc leaves the caption, not the list
        await pilot.pause()
        assert app.screen is listing and listing.editing is None
        await pilot.press("e")
        await pilot.pause()
        field.value = ""
        await pilot.press(*"Bảng niêm yết TTHC, quầy một cửa")  # typed: p and q are letters here, not keys
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is listing and listing.editing is None
        assert listing.photos[0].caption == "Bảng niêm yết TTHC, quầy một cửa"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen

    async def main():
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await scenario(pilot)

    asyncio.run(main())
    new_text = store.load(1).answers["A1"].evidence[0]
    assert new_text == old_text.replace("· Bảng niêm yết", "· Bảng niêm yết TTHC, quầy một cửa")
    assert [(row[2], row[3], row[4]) for row in store.history_rows(1) if row[1] == "A1"][-1] == (
        "evidence", json.dumps([old_text], ensure_ascii=False), json.dumps([new_text], ensure_ascii=False))
    document = docx.Document(io.BytesIO(docx_bytes(Exported.of(store.load(1)))))
    assert "Ảnh 1. Bảng niêm yết TTHC, quầy một cửa" in [p.text for p in document.paragraphs]
    # The session refuses a caption over the page's limit, and evidence that is no photo.
    from inspector.session import InspectionSession

    session = InspectionSession(store, 1)
    with pytest.raises(Refused) as refused:
        session.set_photo_caption("A1", 0, "x" * 201)
    assert refused.value.message == "Chú thích dài quá 200 ký tự — viết ngắn lại"
    session.add_evidence("A1", "Sổ theo dõi hồ sơ")
    with pytest.raises(Refused) as refused:
        session.set_photo_caption("A1", 1, "chú thích")
    assert refused.value.message == "Minh chứng này không phải ảnh — không có chú thích"
    assert store.load(1).answers["A1"].evidence == (new_text, "Sổ theo dõi hồ sơ")


# ---- the command line
def test_the_command_line_previews_then_stores_with_yes(tmp_path, capsys):
    import re

    from inspector.cli.main import main

    store = make_store_at_home()
    worked_at(store, "A1", "2025-10-15T09:30:00+07:00")
    folder = phone_folder(tmp_path)
    assert main(["evidence", "import", str(folder), "--into", "1"]) == 0
    out = capsys.readouterr().out
    assert "  IMG_0001.jpg  09:31 15/10/2025 (EXIF)  →  A1  (chụp 1 phút 05 giây sau khi ghi)" in out
    assert out.rstrip().endswith("chưa lưu gì — chạy lại với --yes để lưu, hoặc dùng phím trên màn hình kiểm tra để "
                                 "chọn tiêu chí cho ảnh chưa khớp")
    assert store.load(1).answers == {} and evidence_files(store) == []
    assert main(["evidence", "import", str(folder), "--into", "1", "--assign", "IMG_0003.png=B1", "--yes"]) == 0
    assert "đã lưu 3 ảnh vào cuộc kiểm tra số 1: A1 (2), B1 (1)" in capsys.readouterr().out
    assert main(["receive", "1", "--bind", "127.0.0.1", "--port", "0", "--minutes", "0.0005"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line for line in lines if re.fullmatch(r"http://127\.0\.0\.1:\d+/p/[A-Za-z0-9_-]{16}", line)]
    assert lines[-1] == "Đã dừng trang gửi ảnh: nhận 0 ảnh."
    assert main(["receive", "1", "--bind", "0.0.0.0"]) == 1


def test_receive_on_the_command_line_sends_to_the_criterion_named(tmp_path, capsys, monkeypatch):
    import inspector.receive
    from inspector.cli import photo_commands
    from inspector.cli.main import main

    store = make_store_at_home()
    store.set_position(1, "A2")  # where the inspection screen was last
    servers, answers = [], []
    real = inspector.receive.start_receiving

    def started(*args, **kwargs):
        servers.append(real(*args, **kwargs))
        return servers[-1]

    def while_serving(seconds):
        """Instead of waiting for Ctrl+C: one upload to the default criterion, one to a criterion chosen."""
        answers.append(Client(servers[-1]).upload([("IMG_5.jpg", jpeg())]))
        answers.append(Client(servers[-1]).upload([("IMG_6.jpg", jpeg(color="blue"))], criterion="A1"))

    monkeypatch.setattr(inspector.receive, "start_receiving", started)
    monkeypatch.setattr(photo_commands, "wait_until_stopped", while_serving)
    assert main(["receive", "1", "--bind", "127.0.0.1", "--port", "0", "--criterion", "B1"]) == 0
    assert [response.status for response, _ in answers] == [200, 200]
    out = capsys.readouterr().out.splitlines()
    assert ("Ảnh gửi vào tiêu chí B1 (--criterion) hoặc tiêu chí chọn trên trang. Ctrl+C để dừng — mã hết hiệu lực "
            "khi dừng.") in out
    assert out[-3:] == ["Đã nhận IMG_5.jpg → B1", "Đã nhận IMG_6.jpg → A1", "Đã dừng trang gửi ảnh: nhận 2 ảnh."]
    assert [(p.criterion_id, p.name) for p in photos_of(store.load(1))] == [("A1", "IMG_6.jpg"), ("B1", "IMG_5.jpg")]
    # Without --criterion: the screen's last position, as before.
    answers.clear()
    assert main(["receive", "1", "--bind", "127.0.0.1", "--port", "0"]) == 0
    assert "Đã nhận IMG_5.jpg → A2" in capsys.readouterr().out.splitlines()
    # An unknown criterion: refused before anything listens, with the checklist's near ids.
    servers.clear()
    assert main(["receive", "1", "--bind", "127.0.0.1", "--port", "0", "--criterion", "b1"]) == 1
    assert main(["receive", "1", "--bind", "127.0.0.1", "--port", "0", "--criterion", "Z9"]) == 1
    checklist = store.load(1).checklist.id
    assert capsys.readouterr().err.splitlines() == [
        f"inspector: cuộc kiểm tra số 1 (bảng kiểm {checklist}) không có tiêu chí «b1» — có phải B1?",
        f"inspector: cuộc kiểm tra số 1 (bảng kiểm {checklist}) không có tiêu chí «Z9»"]
    assert servers == []


def make_store_at_home() -> Store:
    """The store the command line opens (the data folder of INSPECTOR_HOME), with one inspection."""
    store = Store()
    checklist = load_checklist(CHECKLIST)
    store.create_inspection(checklist, InspectionInfo(checklist=checklist.id, checklist_version=checklist.version,
                                                      unit="UBND xã Thử", date=dt.date(2025, 10, 15), unit_type="xa"))
    return store
