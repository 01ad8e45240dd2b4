"""The upload page a phone opens: Vietnamese, one column, large buttons; take photos with the camera or pick
several, see the progress, and what the laptop has received. Everything the store or a checklist says is
escaped; the script and style run under a per-page nonce (Content-Security-Policy allows nothing else)."""

from __future__ import annotations

import html
import json
from collections.abc import Sequence

STYLE = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;padding:16px;max-width:560px;
margin:auto;font-size:17px;color:#111;background:#fafafa}
h1{font-size:21px;margin:0 0 4px}h2{font-size:18px}p{margin:6px 0}.muted{color:#555;font-size:15px}
label{display:block;margin:14px 0 6px;font-weight:600}
select,input[type=text]{width:100%;box-sizing:border-box;font-size:17px;padding:10px;border:1px solid #999;
border-radius:8px;background:#fff}
.buttons{display:flex;gap:10px;margin:16px 0}
.pick{flex:1;text-align:center;padding:16px 8px;border-radius:10px;background:#0b5cad;color:#fff;font-weight:600}
.pick.alt{background:#fff;color:#0b5cad;border:2px solid #0b5cad}
.pick input{display:none}
progress{width:100%;height:22px}
#message{font-weight:600;min-height:1.4em}.ok{color:#13692b}.bad{color:#b00020}
ul{padding-left:20px}li{margin:4px 0}
"""

SCRIPT = """
const form=document.getElementById('form'),bar=document.getElementById('bar'),msg=document.getElementById('message');
const list=document.getElementById('received'),limits=JSON.parse(document.getElementById('limits').textContent);
function say(text,ok){msg.textContent=text;msg.className=ok?'ok':'bad';}
form.addEventListener('submit',e=>e.preventDefault());  // Enter in the caption: stay (no inline handler under the CSP)
function send(files){
  if(!files.length)return;
  if(files.length>limits.count){say(limits.too_many,false);return;}
  let total=0;
  for(const f of files){total+=f.size;if(f.size>limits.photo){say(limits.too_large.replace('{name}',f.name),false);return;}}
  if(total>limits.request){say(limits.request_too_large,false);return;}
  const data=new FormData();
  data.append('criterion',document.getElementById('criterion').value);
  data.append('caption',document.getElementById('caption').value);
  for(const f of files)data.append('photo',f,f.name);
  const xhr=new XMLHttpRequest();
  xhr.open('POST',location.pathname);
  xhr.upload.onprogress=e=>{if(e.lengthComputable){bar.value=e.loaded/e.total*100;}};
  xhr.onload=()=>{bar.value=0;let r={};try{r=JSON.parse(xhr.responseText);}catch(e){r={message:limits.broken};}
    say(r.message||limits.broken,xhr.status===200);
    for(const item of (r.received||[])){const li=document.createElement('li');li.textContent=item;list.prepend(li);}};
  xhr.onerror=()=>{bar.value=0;say(limits.lost,false);};
  say(limits.sending,true);bar.value=0;xhr.send(data);
}
for(const id of ['camera','files']){const input=document.getElementById(id);
  input.addEventListener('change',()=>{send(Array.from(input.files));input.value='';});}
"""


def page(nonce: str, unit: str, criteria: Sequence[tuple[str, str]], current: tuple[str, str] | None,
         received: Sequence[str], limits: dict[str, object]) -> bytes:
    """The page's HTML: `criteria` (id, title) to choose from, `current` the one on the laptop's screen,
    `received` what came in already (newest first), `limits` the numbers and messages its script checks."""
    e = html.escape
    options = ['<option value="">Tiêu chí đang mở trên máy tính'
               + (f" ({e(current[0])} {e(current[1][:60])})" if current else "") + "</option>"]
    options += [f'<option value="{e(cid)}">{e(cid)} — {e(title[:80])}</option>' for cid, title in criteria]
    items = "".join(f"<li>{e(item)}</li>" for item in received)
    data = json.dumps(limits, ensure_ascii=False).replace("<", "\\u003c")
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>Gửi ảnh minh chứng</title><style nonce="{nonce}">{STYLE}</style></head>
<body>
<h1>Gửi ảnh minh chứng</h1>
<p class="muted">{e(unit)} — ảnh được gửi thẳng tới máy tính của Đoàn kiểm tra, không qua Internet.</p>
<form id="form">
<label for="criterion">Ảnh cho tiêu chí</label>
<select id="criterion" name="criterion">{''.join(options)}</select>
<label for="caption">Chú thích (không bắt buộc)</label>
<input type="text" id="caption" name="caption" maxlength="200" placeholder="Ví dụ: Bảng niêm yết TTHC tại bộ phận một cửa">
<div class="buttons">
<label class="pick">📷 Chụp ảnh<input type="file" id="camera" accept="image/*" capture="environment"></label>
<label class="pick alt">🖼 Chọn ảnh có sẵn<input type="file" id="files" accept="image/jpeg,image/png,image/heic,image/heif,image/*" multiple></label>
</div>
</form>
<progress id="bar" max="100" value="0"></progress>
<p id="message" role="status"></p>
<h2>Máy tính đã nhận</h2>
<ul id="received">{items}</ul>
<p class="muted">Tối đa {limits['count']} ảnh mỗi lần, mỗi ảnh tối đa {limits['photo_text']} (JPEG, PNG, HEIC).
Trang này chỉ dùng được khi máy tính còn mở màn hình nhận ảnh.</p>
<script type="application/json" id="limits">{data}</script>
<script nonce="{nonce}">{SCRIPT}</script>
</body></html>""".encode()
