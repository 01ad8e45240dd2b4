"""The page's address as a QR code in text: two rows of modules per line (▀ ▄ █), dark on light, so a phone
reads it off any terminal; an address of ~50 characters makes 37 columns by 19 lines (fits 80×24)."""

from __future__ import annotations


def qr_lines(text: str, border: int = 2) -> list[str]:
    """Lines of a QR code of `text` (light modules drawn as blocks: reads on a dark terminal background)."""
    import segno

    code = segno.make(text, error="l", micro=False, boost_error=False)
    rows = [[bool(m) for m in row] for row in code.matrix_iter(scale=1, border=border)]
    if len(rows) % 2:
        rows.append([False] * len(rows[0]))
    glyph = {(True, True): "█", (True, False): "▀", (False, True): "▄", (False, False): " "}
    # Light modules are drawn: a terminal's background is dark, a QR code is dark on light.
    return ["".join(glyph[(not top, not bottom)] for top, bottom in zip(rows[i], rows[i + 1]))
            for i in range(0, len(rows), 2)]
