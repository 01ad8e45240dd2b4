"""The catalog's entries for photos: what a photo is, the folder import's preview, the upload page's refusals.

Merged into `i18n.CATALOG`; kept apart only so each file stays readable. The upload page's messages are
shown on the phone in Vietnamese whatever the laptop's language.
"""

PHOTOS_CATALOG: dict[str, dict[str, str]] = {
    # ---- what a photo is
    "photo.unreadable": {"vi": "không đọc được {name}", "en": "cannot read {name}"},
    "photo.too_large": {"vi": "{name} lớn hơn {limit} — chụp lại ở độ phân giải thấp hơn",
                        "en": "{name} is over {limit} — take it again at a lower resolution"},
    "photo.not_image": {"vi": "{name} không phải ảnh JPEG, PNG hay HEIC (xét theo nội dung tệp, không theo tên)",
                        "en": "{name} is not a JPEG, PNG or HEIC photo (by its content, not its name)"},
    "photo.too_many_pixels": {"vi": "{name} có {mp} triệu điểm ảnh — quá lớn để đưa vào biên bản",
                              "en": "{name} has {mp} million pixels — too large for the minutes"},
    "photo.damaged": {"vi": "{name} là ảnh hỏng hoặc chưa tải hết — gửi lại ảnh", "en": "{name} is a damaged or "
                      "incomplete photo — send it again"},
    "photo.heic_kept": {"vi": "ảnh HEIC: đã lưu bản gốc, máy này không thu nhỏ được nên không có ảnh xem trước",
                        "en": "HEIC photo: the original is kept; this laptop cannot resize it, so there is no "
                              "thumbnail"},
    # ---- matching by time
    "photo.gap_same": {"vi": "cùng lúc ghi", "en": "at the moment it was recorded"},
    "photo.gap_min_sec": {"vi": "{m} phút {s} giây", "en": "{m} min {s} s"},
    "photo.gap_sec": {"vi": "{s} giây", "en": "{s} s"},
    "photo.gap_before": {"vi": "chụp {amount} trước khi ghi", "en": "taken {amount} before it was recorded"},
    "photo.gap_after": {"vi": "chụp {amount} sau khi ghi", "en": "taken {amount} after it was recorded"},
    "photo.source_exif": {"vi": "EXIF", "en": "EXIF"},
    "photo.source_file": {"vi": "giờ của tệp", "en": "file time"},
    "photo.by_hand": {"vi": "chọn tay", "en": "chosen by hand"},
    "photo.preview_head": {"vi": "{n} ảnh trong {folder} — ảnh → tiêu chí (khoảng cách tới lúc ghi tiêu chí):",
                           "en": "{n} photos in {folder} — photo → criterion (gap to when the criterion was "
                                 "recorded):"},
    "photo.unmatched_head": {"vi": "{n} ảnh chưa khớp tiêu chí nào (không có tiêu chí được ghi trong vòng {minutes} "
                                   "phút) — chọn tiêu chí bằng tay:",
                             "en": "{n} photos match no criterion (none recorded within {minutes} minutes) — assign "
                                   "them by hand:"},
    "photo.skipped_head": {"vi": "{n} tệp bỏ qua:", "en": "{n} files left out:"},
    "photo.folder_too_many": {"vi": "còn {n} tệp nữa không được xem (mỗi lần tối đa {limit} tệp) — chia thư mục",
                              "en": "{n} more files were not looked at (at most {limit} at a time) — split the "
                                    "folder"},
    "photo.nothing": {"vi": "không có ảnh nào để lưu", "en": "no photo to store"},
    "photo.saved": {"vi": "đã lưu {n} ảnh vào cuộc kiểm tra số {id}: {where}",
                    "en": "stored {n} photos in inspection {id}: {where}"},
    "photo.not_saved_yet": {"vi": "chưa lưu gì — chạy lại với --yes để lưu, hoặc dùng phím trên màn hình kiểm tra "
                                  "để chọn tiêu chí cho ảnh chưa khớp",
                            "en": "nothing stored yet — run again with --yes to store, or use the key on the "
                                  "inspection screen to assign the unmatched photos"},
    "photo.unmatched_left": {"vi": "{n} ảnh chưa khớp không được lưu", "en": "{n} unmatched photos are not stored"},
    "photo.no_folder": {"vi": "không có thư mục {folder}", "en": "no folder {folder}"},
    # ---- the upload page: starting it
    "receive.bind_not_address": {"vi": "\"{address}\" không phải địa chỉ IP — ví dụ --bind 192.168.137.1",
                                 "en": "\"{address}\" is not an IP address — e.g. --bind 192.168.137.1"},
    "receive.bind_everywhere": {"vi": "không nghe trên {address} (mọi mạng, cả mạng công cộng) — chọn địa chỉ của "
                                      "máy trong mạng nội bộ, ví dụ --bind 192.168.137.1",
                                "en": "not listening on {address} (every network, a public one too) — choose the "
                                      "laptop's address on the local network, e.g. --bind 192.168.137.1"},
    "receive.bind_not_local": {"vi": "{address} không thuộc mạng nội bộ (10.x, 172.16–31.x, 192.168.x) — trang "
                                     "gửi ảnh chỉ mở trong mạng nội bộ",
                               "en": "{address} is not on a local network (10.x, 172.16–31.x, 192.168.x) — the "
                                     "upload page opens on a local network only"},
    "receive.cannot_listen": {"vi": "không mở được cổng {port} trên {address}: {detail} — thử cổng khác (--port), "
                                    "cho phép inspector qua tường lửa, hoặc chép ảnh từ điện thoại vào máy rồi "
                                    "dùng «inspector evidence import THƯ_MỤC --into N»",
                              "en": "cannot open port {port} on {address}: {detail} — try another port (--port), "
                                    "allow inspector through the firewall, or copy the photos from the phone and "
                                    "use «inspector evidence import FOLDER --into N»"},
    "receive.no_network": {"vi": "máy không ở trong mạng nội bộ nào — bật điểm phát Wi-Fi (hotspot) của máy tính "
                                 "và cho điện thoại kết nối vào, hoặc chép ảnh vào máy rồi dùng «inspector evidence "
                                 "import THƯ_MỤC --into N»",
                           "en": "this laptop is on no local network — turn on its Wi-Fi hotspot and connect the "
                                 "phone to it, or copy the photos over and use «inspector evidence import FOLDER "
                                 "--into N»"},
    # ---- the upload page: what the phone is told
    "receive.outside": {"vi": "Từ chối: chỉ nhận ảnh từ điện thoại trong mạng nội bộ của Đoàn kiểm tra.",
                        "en": "Refused: photos are taken only from phones on the team's local network."},
    "receive.bad_token": {"vi": "Mã không đúng hoặc đã hết hạn — quét lại mã QR đang hiện trên máy tính.",
                          "en": "Wrong or expired code — scan the QR code shown on the laptop again."},
    "receive.other_phone": {"vi": "Mã này đã được dùng trên một điện thoại khác — mở lại màn hình nhận ảnh trên "
                                  "máy tính để có mã mới.",
                            "en": "This code is already used by another phone — reopen the receive screen on the "
                                  "laptop for a new code."},
    "receive.not_here": {"vi": "Không có trang này.", "en": "No such page."},
    "receive.busy": {"vi": "Máy tính đang nhận ảnh từ nhiều kết nối — đợi một lát rồi gửi lại.",
                     "en": "The laptop is receiving on many connections — wait a moment and send again."},
    "receive.no_length": {"vi": "Từ chối: trình duyệt không báo kích thước dữ liệu gửi.",
                          "en": "Refused: the browser did not give the upload's size."},
    "receive.not_form": {"vi": "Từ chối: dữ liệu gửi không phải biểu mẫu tải ảnh.",
                         "en": "Refused: the upload is not the photo form."},
    "receive.bad_form": {"vi": "Từ chối: dữ liệu gửi bị hỏng hoặc không đúng biểu mẫu — gửi lại.",
                         "en": "Refused: the upload is damaged or not the page's form — send it again."},
    "receive.too_many": {"vi": "Từ chối: mỗi lần gửi tối đa {limit} ảnh — chia thành nhiều lần.",
                         "en": "Refused: at most {limit} photos per upload — send them in several goes."},
    "receive.photo_too_large": {"vi": "Từ chối: ảnh {name} lớn hơn {limit}.",
                                "en": "Refused: the photo {name} is over {limit}."},
    "receive.request_too_large": {"vi": "Từ chối: một lần gửi tối đa {limit} — gửi ít ảnh hơn mỗi lần.",
                                  "en": "Refused: at most {limit} per upload — send fewer photos at a time."},
    "receive.session_full": {"vi": "Từ chối: đã nhận {n} ảnh, tối đa {limit} ảnh mỗi lần mở trang — mở lại màn "
                                   "hình nhận ảnh trên máy tính.",
                             "en": "Refused: {n} photos received, at most {limit} per page — reopen the receive "
                                   "screen on the laptop."},
    "receive.refused_photo": {"vi": "Từ chối, chưa lưu ảnh nào: {reason}.", "en": "Refused, no photo stored: {reason}."},
    "receive.unknown_criterion": {"vi": "Từ chối: bảng kiểm không có tiêu chí \"{id}\" — chọn tiêu chí trong danh "
                                        "sách.",
                                  "en": "Refused: the checklist has no criterion \"{id}\" — choose one from the list."},
    "receive.not_saved": {"vi": "Máy tính chưa lưu được ảnh: {detail}", "en": "The laptop could not store the photos: "
                                                                                "{detail}"},
    "receive.no_photo": {"vi": "Chưa chọn ảnh nào.", "en": "No photo chosen."},
    "receive.stalled": {"vi": "Kết nối bị ngừng giữa chừng — gửi lại khi sóng Wi-Fi ổn định.",
                        "en": "The connection stalled — send again when the Wi-Fi is steady."},
    "receive.too_slow": {"vi": "Gửi quá chậm nên bị ngắt — đến gần máy tính hơn rồi gửi lại, ít ảnh mỗi lần.",
                         "en": "The upload was too slow and was cut off — come closer to the laptop and send fewer "
                               "photos at a time."},
    "receive.cut_short": {"vi": "Dữ liệu gửi bị ngắt giữa chừng — gửi lại.", "en": "The upload was cut short — send "
                                                                                   "it again."},
    "receive.done": {"vi": "Đã nhận {n} ảnh.", "en": "Received {n} photos."},
    "receive.sending": {"vi": "Đang gửi…", "en": "Sending…"},
    "receive.lost": {"vi": "Mất kết nối với máy tính — kiểm tra Wi-Fi và màn hình nhận ảnh còn mở, rồi gửi lại.",
                     "en": "Lost the connection to the laptop — check the Wi-Fi and that the receive screen is still "
                           "open, then send again."},
    "receive.broken": {"vi": "Máy tính trả lời không đọc được — gửi lại.", "en": "The laptop's answer could not be "
                                                                                 "read — send again."},
}

PHOTOS_ENGLISH_ONE: dict[str, str] = {
    "receive.done": "Received {n} photo.",
}

PHOTOS_CATALOG.update({
    # ---- a photo's caption typed on the laptop (the photo list); the page takes as much
    "photo.caption_too_long": {"vi": "Chú thích dài quá {limit} ký tự — viết ngắn lại",
                               "en": "The caption is over {limit} characters — make it shorter"},
    "photo.not_a_photo": {"vi": "Minh chứng này không phải ảnh — không có chú thích",
                          "en": "This evidence is no photo — it has no caption"},
})
