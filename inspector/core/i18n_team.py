"""The catalog's entries for team work: keys, campaigns, bundles, merge, conflicts, backup and restore.

Merged into `i18n.CATALOG`; kept apart only so each file stays readable.
"""

TEAM_CATALOG: dict[str, dict[str, str]] = {
    # ---- keys
    "signing.exists": {"vi": "máy này đã có khóa của {name} ({path}) — dùng --force để tạo khóa mới", "en": "this laptop already has {name}'s key ({path}) — use --force to make a new one"},
    "signing.no_name": {"vi": "cần họ tên: inspector key new --name \"Nguyễn Văn An\"", "en": "a name is needed: inspector key new --name \"Nguyễn Văn An\""},
    "signing.unreadable": {"vi": "không đọc được khóa riêng {path}: {detail} — tạo lại bằng inspector key new --force", "en": "cannot read the private key {path}: {detail} — make a new one with inspector key new --force"},
    # ---- campaigns
    "campaign.bad_key": {"vi": "\"{value}\" không phải khóa công khai — dán nguyên dòng \"ed25519:…\" mà inspector key show in ra", "en": "\"{value}\" is not a public key — paste the whole \"ed25519:…\" that inspector key show prints"},
    "campaign.unknown_part": {"vi": "bảng kiểm không có mục hay tiêu chí \"{value}\"{hint}", "en": "the checklist has no section or criterion \"{value}\"{hint}"},
    "campaign.duplicate_member": {"vi": "thành viên \"{value}\" đã có ở trên — mỗi người ghi một lần", "en": "member \"{value}\" is listed above already — list each person once"},
    "campaign.duplicate_unit": {"vi": "đơn vị \"{value}\" đã có ở trên — mỗi đơn vị ghi một lần", "en": "unit \"{value}\" is listed above already — list each unit once"},
    # ---- bundles and merge
    "bundle.too_large": {"vi": "gói lớn hơn {limit} MB — chia theo từng cuộc kiểm tra", "en": "the bundle is over {limit} MB — make one per inspection"},
    "bundle.unreadable": {"vi": "không đọc được: {detail}", "en": "cannot read: {detail}"},
    "bundle.not_bundle": {"vi": "không phải gói của inspector (tạo bằng inspector bundle) — kiểm tra đúng tệp chưa", "en": "not an inspector bundle (made by inspector bundle) — check it is the right file"},
    "bundle.tampered": {"vi": "TỪ CHỐI — chữ ký không khớp nội dung: gói đã bị sửa hoặc hỏng trên đường chuyển; xin thành viên gửi lại", "en": "REFUSED — the signature does not match the content: the bundle was changed or damaged on the way; ask the member to send it again"},
    "bundle.malformed": {"vi": "gói có chữ ký hợp lệ nhưng phần «{detail}» không đọc được — có thể do phiên bản inspector khác tạo; cập nhật chương trình", "en": "the bundle is signed but its «{detail}» part cannot be read — perhaps made by another inspector version; update the program"},
    "bundle.evidence_hash": {"vi": "TỪ CHỐI — tệp minh chứng {evidence} không khớp mã SHA-256 ghi trong gói", "en": "REFUSED — the evidence file {evidence} does not match the SHA-256 recorded in the bundle"},
    "bundle.not_in_team": {"vi": "TỪ CHỐI — người ký «{signer}» (khóa {fingerprint}) không có trong danh sách đoàn của «{campaign}»", "en": "REFUSED — the signer «{signer}» (key {fingerprint}) is not in the team of «{campaign}»"},
    "bundle.member_without_key": {"vi": "TỪ CHỐI — «{signer}» có trong đoàn «{campaign}» nhưng khóa chưa được ghi; đối chiếu mã {fingerprint} với họ rồi chạy inspector campaign key",
                                  "en": "REFUSED — «{signer}» is in the team of «{campaign}» but their key is not recorded; compare the fingerprint {fingerprint} with them, then run inspector campaign key"},
    "bundle.bad_answer": {"vi": "gói có câu trả lời không hợp lệ cho {item} ({unit}) — xin thành viên kiểm tra lại rồi gửi lại", "en": "the bundle holds an invalid answer for {item} ({unit}) — ask the member to check it and send again"},
    "bundle.other_checklist": {"vi": "{unit}: cuộc kiểm tra số {id} ở máy này dùng phiên bản bảng kiểm khác với gói — không hợp nhất được", "en": "{unit}: inspection {id} here uses another checklist version than the bundle — cannot merge"},
    "bundle.store": {"vi": "không ghi được vào dữ liệu: {detail}", "en": "cannot write to the store: {detail}"},
    "merge.signed": {"vi": "{file}: chữ ký hợp lệ — {signer} (khóa {fingerprint})", "en": "{file}: signature valid — {signer} (key {fingerprint})"},
    "merge.created": {"vi": "  Đã tạo cuộc kiểm tra số {id}: {unit}", "en": "  Created inspection {id}: {unit}"},
    "merge.assigned": {"vi": "  Phần của {name}: {parts}", "en": "  {name}'s part: {parts}"},
    "merge.summary": {"vi": "  Nhận {taken} mục mới, {same} mục trùng khớp, {conflicts} xung đột mới, {evidence} tệp minh chứng", "en": "  Took {taken} new items, {same} matching, {conflicts} new conflicts, {evidence} evidence files"},
    "merge.nothing_new": {"vi": "  Không có gì mới (đã hợp nhất trước đó)", "en": "  Nothing new (merged before)"},
    # ---- conflicts
    "conflict.nothing": {"vi": "(chưa ghi)", "en": "(nothing recorded)"},
    "conflict.evidence": {"vi": "minh chứng", "en": "evidence"},
    "conflict.note": {"vi": "ghi chú", "en": "note"},
    "conflict.finding.strengths": {"vi": "nhận xét: ưu điểm", "en": "findings: strengths"},
    "conflict.finding.shortfalls": {"vi": "nhận xét: tồn tại, hạn chế", "en": "findings: shortfalls"},
    "conflict.finding.unit_opinion": {"vi": "ý kiến của đơn vị", "en": "the unit's opinion"},
    "conflict.finding.conclusion": {"vi": "kết luận", "en": "conclusion"},
    "store.no_conflict": {"vi": "không có xung đột số {detail} chưa giải quyết — xem: inspector conflicts", "en": "there is no unresolved conflict {detail} — see: inspector conflicts"},
    "store.bad_choice": {"vi": "không có phương án {detail}", "en": "there is no value {detail}"},
    "store.figures_break": {"vi": "số liệu không khớp với số liệu đã ghi: {detail}; không ghi gì", "en": "the figures do not fit those recorded: {detail}; nothing written"},
    "store.figure_breaks_rule": {"vi": "chưa chọn được số liệu này: {detail} — sửa số liệu kia (phím F trong cuộc kiểm tra) rồi chọn lại", "en": "this figure cannot be chosen: {detail} — correct the other figure (F in the inspection), then choose again"},
    "merge.held": {"vi": "  {unit}: số liệu {fact} = {value} chưa nhận, chờ thư ký quyết định: {reason}", "en": "  {unit}: figure {fact} = {value} not taken, waiting for the secretary: {reason}"},
    "store.no_campaign": {"vi": "không có đợt kiểm tra «{detail}» — xem: inspector campaign list", "en": "there is no campaign «{detail}» — see: inspector campaign list"},
    "store.campaign_ambiguous": {"vi": "nhiều đợt kiểm tra có tên chứa «{detail}» — dùng số thứ tự (inspector campaign list)", "en": "several campaigns match «{detail}» — use the number (inspector campaign list)"},
    # ---- backup and restore
    "backup.unwritable": {"vi": "không ghi được {path}: {detail}", "en": "cannot write {path}: {detail}"},
    "restore.not_backup": {"vi": "{file} không phải tệp sao lưu của inspector (tạo bằng inspector backup)", "en": "{file} is not an inspector backup (made by inspector backup)"},
    "restore.damaged": {"vi": "{file}: phần «{part}» bị hỏng hoặc bị sửa (mã SHA-256 không khớp) — không khôi phục gì", "en": "{file}: the part «{part}» is damaged or changed (SHA-256 mismatch) — nothing restored"},
    "restore.newer": {"vi": "{file} do phiên bản inspector mới hơn tạo — cập nhật chương trình trước", "en": "{file} was made by a newer inspector — update the program first"},
    "restore.not_empty": {"vi": "máy này đang có {n} cuộc kiểm tra — thêm --force để thay (dữ liệu hiện tại được sao lưu trước)", "en": "this laptop holds {n} inspections — add --force to replace them (they are backed up first)"},
}
