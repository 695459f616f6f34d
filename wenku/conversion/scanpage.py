"""Previews of scanned pages without PDFium's full-size decode (runs in the PDF child).

A typical scan page is one JPEG drawn over the whole page. PDFium decodes it at full size
(2480×3508 at 300 dpi) for every render; libjpeg can decode it directly at 1/2, 1/4 or 1/8
of its size (Pillow's draft mode), 2–5× faster. Anything else — rotation, other objects,
other filters or colour spaces, an image not covering the page — takes PDFium's path.
"""

from __future__ import annotations

import io

TOLERANCE_PT = 1.5


def full_page_jpeg(page) -> bytes | None:
    """The JPEG data of a page that is exactly one full-page grey or RGB JPEG, else None."""
    import pypdfium2.raw as raw

    if page.get_rotation() != 0:
        return None
    objects = list(page.get_objects(max_depth=1))
    if len(objects) != 1 or objects[0].type != raw.FPDF_PAGEOBJ_IMAGE:
        return None
    image = objects[0]
    if image.get_filters() != ["DCTDecode"]:
        return None
    meta = image.get_metadata()
    if meta.colorspace not in (raw.FPDF_COLORSPACE_DEVICEGRAY, raw.FPDF_COLORSPACE_DEVICERGB):
        return None
    a, b, c, d, e, f = image.get_matrix().get()
    width, height = page.get_size()
    left, bottom = _origin(page)
    if abs(b) > 1e-6 or abs(c) > 1e-6:
        return None
    if abs(a - width) > TOLERANCE_PT or abs(d - height) > TOLERANCE_PT:
        return None
    if abs(e - left) > TOLERANCE_PT or abs(f - bottom) > TOLERANCE_PT:
        return None
    return bytes(image.get_data(decode_simple=True))


def _origin(page) -> tuple[float, float]:
    box = page.get_cropbox()
    return float(box[0]), float(box[1])


def render_scan(page, width: int, max_height: int):
    """An RGB image of the page `width` px wide, or None where PDFium must render it."""
    from PIL import Image

    try:
        data = full_page_jpeg(page)
        if data is None:
            return None
        img = Image.open(io.BytesIO(data))
        if img.format != "JPEG" or img.mode not in ("L", "RGB"):
            return None
        page_w, page_h = page.get_size()
        height = max(1, int(page_h * width / page_w))  # as PDFium sizes its bitmap
        img.draft(img.mode, (width, height))  # libjpeg scales by 1/2, 1/4, 1/8 while decoding
        img = img.resize((width, height), Image.Resampling.BILINEAR)
        if img.mode != "RGB":
            img = img.convert("RGB")
        if height > max_height:
            img = img.crop((0, 0, width, max_height))
        return img
    except (OSError, ValueError, SyntaxError):  # a JPEG Pillow cannot read: PDFium tries
        return None
