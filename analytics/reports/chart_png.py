"""A grouped bar chart as PNG bytes, drawn with Pillow (reportlab's own dependency): no browser, no kaleido.

Chinese labels need a CJK font file on the machine; without one `bars` returns None and the caller prints the same
numbers as a table instead of a chart with empty boxes for labels.
"""
from __future__ import annotations

import io
import os
from functools import cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

# the first that exists is used; JIUZHU_CJK_FONT names another (Debian's fonts-noto-cjk, Windows, macOS)
FONT_FILES = ("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
              "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
              "C:/Windows/Fonts/msyh.ttc", "C:/Windows/Fonts/simhei.ttf", "C:/Windows/Fonts/simsun.ttc",
              "/System/Library/Fonts/PingFang.ttc")
COLOURS = ("#4472c4", "#ed7d31", "#70ad47", "#a5a5a5")
WIDTH, HEIGHT, MARGIN = 1600, 800, 90


@cache
def font_file() -> tuple[str, int] | None:
    """(path, face index) of a CJK font, the simplified-Chinese face of a collection when it has one."""
    for path in (os.environ.get("JIUZHU_CJK_FONT", ""), *FONT_FILES):
        if path and Path(path).is_file():
            for index in range(8):
                try:
                    name = " ".join(ImageFont.truetype(path, 12, index=index).getname())
                except OSError:
                    break
                if " SC" in name or "GB" in name:
                    return path, index
            return path, 0
    return None


def bars(categories: list[str], series: dict[str, list[float]], title: str) -> bytes | None:
    """One group of bars per category, one bar per series, each labelled with its value; None without a CJK font."""
    found = font_file()
    if found is None:
        return None

    def font(size: int):
        return ImageFont.truetype(found[0], size, index=found[1])
    image = Image.new("RGB", (WIDTH, HEIGHT), "white")
    draw = ImageDraw.Draw(image)
    draw.text((WIDTH / 2, 40), title, fill="black", font=font(40), anchor="mm")
    top, bottom, left, right = 150, HEIGHT - MARGIN, MARGIN, WIDTH - 40
    peak = max((v for values in series.values() for v in values), default=0) or 1
    draw.line((left, bottom, right, bottom), fill="#444444", width=2)
    group = (right - left) / max(len(categories), 1)
    bar = group * 0.8 / max(len(series), 1)
    for i, category in enumerate(categories):
        x0 = left + i * group + group * 0.1
        for j, (name, values) in enumerate(series.items()):
            height = (bottom - top) * values[i] / peak
            box = (x0 + j * bar, bottom - height, x0 + (j + 1) * bar - 6, bottom)
            draw.rectangle(box, fill=COLOURS[j % len(COLOURS)])
            draw.text(((box[0] + box[2]) / 2, box[1] - 18), f"{values[i]:,.0f}", fill="black", font=font(26),
                      anchor="mm")
        draw.text((left + (i + 0.5) * group, bottom + 35), category, fill="black", font=font(30), anchor="mm")
    for j, name in enumerate(series):  # the legend, in a row under the title
        x = left + j * 300
        draw.rectangle((x, 85, x + 30, 115), fill=COLOURS[j % len(COLOURS)])
        draw.text((x + 40, 100), name, fill="black", font=font(28), anchor="lm")
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()
