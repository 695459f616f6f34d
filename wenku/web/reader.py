"""The reader's text layer as the page shows it: each stored line (library.textlayers) as a
transparent span over the page image, placed in % of the page and sized in `cqw` (% of the
page box's width), so it scales with the image without JavaScript. The horizontal scale is an
estimate from the characters (a Chinese character is 1 em wide, others about half);
reader.js measures and corrects it where scripts run."""

from __future__ import annotations

from wenku.conversion.pdf import WIDE_CHAR
from wenku.library import textlayers
from wenku.library.models import Document, Page

NARROW_EM = 0.55


def _em_width(text: str) -> float:
    wide = len(WIDE_CHAR.findall(text))
    return wide + (len(text) - wide) * NARROW_EM


def spans(lines: list[list], ratio: float) -> list[dict]:
    """Stored lines → span placements; `ratio` is the page's height / width."""
    out = []
    for text, x, y, w, h in lines:
        size = h * ratio / 100  # cqw: the line's height in % of the page's width
        em = _em_width(text)
        scale = (w / 100) / (size * em) if size > 0 and em > 0 else 1.0
        out.append(
            {
                "text": text,
                "left": f"{x / 100:.2f}",
                "top": f"{y / 100:.2f}",
                "width": f"{w / 100:.2f}",
                "size": f"{size:.3f}",
                "scale": f"{max(0.2, min(5.0, scale)):.3f}",
            }
        )
    return out


def page_ratio(page: Page) -> float:
    if page.width_pt > 0 and page.height_pt > 0:
        return page.height_pt / page.width_pt
    return 297 / 210


def layer(doc: Document, page: Page) -> list[dict]:
    """The page's spans (the caller checked the reader may read the page)."""
    return spans(textlayers.load(doc, page.number), page_ratio(page))
