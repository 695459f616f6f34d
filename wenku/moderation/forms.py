"""The complaint forms (one per type), the claimant's legal-action form and the staff action
form. The API binds the same forms, so both accept exactly the same input."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from wenku.library.models import Document

from . import filing
from .actions import ACTIONS
from .filing import ComplaintError
from .members import MEMBER_ACTIONS


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several files; their content is checked by evidence.check_files, not by the name."""

    widget = MultipleFileInput

    def clean(self, data, initial=None):
        single = super().clean
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [single(item, initial) for item in files]


def _evidence_field() -> EvidenceField:
    return EvidenceField(
        label=_("Evidence"),
        required=False,
        help_text=_("PDF, office documents or images (PNG, JPEG, GIF, WebP); several allowed."),
    )


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Real name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    address = forms.CharField(label=_("Postal address"), max_length=300)


class CopyrightForm(ContactForm):
    work = forms.CharField(
        label=_("The work you hold the rights to"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Title, author, publisher or registration number; where it is published."),
    )
    documents = forms.CharField(
        label=_("Documents on this site"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Document IDs or addresses, one per line; several allowed."),
    )
    details = forms.CharField(
        label=_("How the documents infringe"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    evidence = _evidence_field()
    good_faith = forms.BooleanField(
        label=_(
            "I believe in good faith that the use of the work in these documents is not "
            "authorised by the rights holder, its agent or the law."
        )
    )
    accuracy = forms.BooleanField(
        label=_(
            "The information in this notice is accurate, and I am the rights holder or "
            "authorised to act for them. I am responsible for the notice."
        )
    )

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_documents(self) -> list[Document]:
        try:
            ids = filing.parse_document_refs(self.cleaned_data["documents"])
            return filing.resolve_documents(ids, self.user, hidden_ok=True)
        except ComplaintError as exc:
            raise forms.ValidationError(exc.detail, code=exc.code) from None

    def statements(self) -> list[str]:
        return [s for s in filing.NOTICE_STATEMENTS if self.cleaned_data.get(s)]


class CounterNoticeForm(ContactForm):
    details = forms.CharField(
        label=_("Why the documents do not infringe"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For example: you are the author, you have a licence, or the work is free."),
    )
    evidence = _evidence_field()
    not_infringing = forms.BooleanField(
        label=_(
            "I believe in good faith that the documents were taken down by mistake or "
            "misidentification, and that they do not infringe."
        )
    )
    accuracy = forms.BooleanField(
        label=_(
            "The information in this counter-notice is accurate, I am responsible for it, "
            "and it may be forwarded to the claimant."
        )
    )

    def statements(self) -> list[str]:
        return [s for s in filing.COUNTER_STATEMENTS if self.cleaned_data.get(s)]


class DocumentRefField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(label=_("Document"), max_length=300, **kwargs)


class ReportForm(forms.Form):
    """Content does not match the title, illegal or harmful content, spam or stuffing."""

    document = DocumentRefField()
    details = forms.CharField(
        label=_("What is wrong"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    evidence = _evidence_field()

    def __init__(self, *args, user=None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_document(self) -> Document:
        try:
            ids = filing.parse_document_refs(self.cleaned_data["document"])
            if len(ids) != 1:
                raise ComplaintError("one_document", _("Name one document."))
            return filing.resolve_documents(ids, self.user)[0]
        except ComplaintError as exc:
            raise forms.ValidationError(exc.detail, code=exc.code) from None


class DownloadFailedForm(ReportForm):
    evidence = None  # the ledger and the download records are the evidence
    details = forms.CharField(
        label=_("What happened"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LegalActionForm(forms.Form):
    note = forms.CharField(
        label=_("Legal action taken"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The court or authority and the case number."),
    )


class ActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=list(ACTIONS.items()))
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    document = forms.IntegerField(required=False, widget=forms.HiddenInput)


class MemberActionForm(forms.Form):
    action = forms.ChoiceField(label=_("Action"), choices=list(MEMBER_ACTIONS.items()))
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)
    strike = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)


FORMS: dict[str, type[forms.Form]] = {
    "copyright": CopyrightForm,
    "mismatch": ReportForm,
    "illegal": ReportForm,
    "spam": ReportForm,
    "download": DownloadFailedForm,
}
