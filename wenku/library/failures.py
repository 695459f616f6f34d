"""Why a conversion failed, in words an author can read (Chinese and English via i18n)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from .refusals import Refusal

REASONS = {
    "empty": _("The file is empty (0 bytes)."),
    "too_large": _("The file is larger than the upload limit."),
    "unsupported": _(
        "This file type is not supported. Upload PDF, Word, PowerPoint, Excel, WPS, "
        "OpenDocument, RTF, TXT or ebook (EPUB, MOBI, AZW3, CHM, FB2) files."
    ),
    "corrupt": _("The file is damaged or incomplete and cannot be opened."),
    "encrypted": _("The file is password-protected. Remove the password and upload it again."),
    "too_many_pages": _("The document has more pages than the site allows."),
    "no_pages": _("The document has no pages to show."),
    "zip_bomb": _(
        "The file expands to far more data than its size suggests and was refused for safety."
    ),
    "too_complex": _(
        "The document needs more memory to process than the site allows. "
        "Try a smaller or simpler file."
    ),
    "timeout": _("The conversion took too long and was stopped. Try a smaller or simpler file."),
    "office_failed": _("The office document could not be converted to PDF."),
    "drm": _(
        "The ebook is protected by DRM (copy protection) and cannot be converted. "
        "Upload a copy without DRM."
    ),
    "ebook_failed": _("The ebook could not be converted to PDF. It may be damaged."),
    "ocr_failed": _("The text of the scanned pages could not be recognised."),
    "text_encoding": _("The text file's encoding could not be recognised."),
    "duplicate": _("This document duplicates a document that another member shared earlier."),
    "crashed": _("The conversion failed repeatedly. The site's staff have been informed."),
    "internal": _("An unexpected error stopped the conversion. Try again later."),
    # Not a failure of the conversion: an automatic check after it could not finish, so the
    # document waits for staff (wenku.publishing.ready).
    "check_failed": _(
        "An automatic check of this document could not finish. The site's staff will review "
        "it before it is published."
    ),
    # Refusals of the moderation app (wenku.moderation.blocklist).
    "blocked_copyright": _(
        "This document was taken down after a copyright notice and cannot be uploaded again."
    ),
    "upload_banned": _(
        "Uploads from your account are suspended after repeated violations. "
        "Contact the site's staff."
    ),
}


class ConversionError(Refusal):
    """A clean, expected failure: `code` picks the author-facing reason (the refusal's
    message), `detail` is for logs and staff."""

    status = 400

    def __init__(self, code: str, detail: str = "") -> None:
        if code not in REASONS:
            raise ValueError(f"unknown conversion failure code {code!r}")
        super().__init__(REASONS[code], code=code)
        self.args = (f"{code}: {detail}" if detail else code,)  # str(exc): code and detail
        self.code = code
        self.detail = detail[:500]


def reason_text(code: str) -> str:
    return str(REASONS.get(code, REASONS["internal"]))


def reasons_en_zh(code: str) -> tuple[str, str]:
    """The reason in English and Chinese, for command-line JSON that operators' scripts read."""
    from django.utils import translation

    with translation.override("en"):
        english = reason_text(code)
    with translation.override("zh-hans"):
        chinese = reason_text(code)
    return english, chinese
