"""/api/v1/: every path and name of the API. Schema at /schema, docs at /docs and /redoc."""

from django.urls import path, re_path

from . import (
    views_catalog,
    views_collections,
    views_documents,
    views_me,
    views_moderation,
    views_payouts,
    views_reviews,
    views_staff,
    views_wallet_drf,
)
from .docs import docs_urls
from .errors import not_found

app_name = "api"
urlpatterns = [
    # Search and wallet (names kept from before).
    path("search", views_wallet_drf.Search.as_view(), name="search"),
    path(
        "documents/<int:pk>/purchase",
        views_wallet_drf.Purchase.as_view(),
        name="document_purchase",
    ),
    path(
        "documents/<int:pk>/download",
        views_wallet_drf.DownloadLink.as_view(),
        name="document_download",
    ),
    path("me/balance", views_wallet_drf.Balance.as_view(), name="me_balance"),
    # Documents and their pages.
    path("documents", views_documents.DocumentList.as_view(), name="documents"),
    path("documents/<int:pk>", views_documents.DocumentDetail.as_view(), name="document"),
    path(
        "documents/<int:pk>/status",
        views_documents.DocumentStatus.as_view(),
        name="document_status",
    ),
    path("documents/<int:pk>/pages", views_documents.PageList.as_view(), name="document_pages"),
    path(
        "documents/<int:pk>/pages/<int:number>",
        views_documents.PageDetail.as_view(),
        name="document_page",
    ),
    path(
        "documents/<int:pk>/pages/<int:number>/image",
        views_documents.PageImage.as_view(),
        name="document_page_image",
    ),
    path(
        "documents/<int:pk>/favourite",
        views_me.Favourite.as_view(),
        name="document_favourite",
    ),
    path("categories", views_catalog.CategoryList.as_view(), name="categories"),
    path("tags", views_catalog.TagList.as_view(), name="tags"),
    path("me/favourites", views_me.FavouriteList.as_view(), name="me_favourites"),
    path("auth/token", views_me.TokenView.as_view(), name="token"),
    # Staff.
    path("staff/documents", views_staff.StaffDocumentList.as_view(), name="staff_documents"),
    path(
        "staff/documents/<int:pk>/visibility",
        views_staff.StaffVisibility.as_view(),
        name="staff_document_visibility",
    ),
    path(
        "staff/documents/<int:pk>/retry",
        views_staff.StaffRetry.as_view(),
        name="staff_document_retry",
    ),
    # Complaints and the moderation queue (views_moderation).
    path("complaints", views_moderation.Complaints.as_view(), name="complaints"),
    path("complaints/<int:pk>", views_moderation.ComplaintDetail.as_view(), name="complaint"),
    path("moderation/cases", views_moderation.Cases.as_view(), name="moderation_cases"),
    path(
        "moderation/cases/<int:pk>",
        views_moderation.CaseDetail.as_view(),
        name="moderation_case",
    ),
    path(
        "moderation/cases/<int:pk>/actions",
        views_moderation.CaseAction.as_view(),
        name="moderation_case_action",
    ),
    path(
        "moderation/documents/<int:pk>/actions",
        views_moderation.DocumentAction.as_view(),
        name="moderation_document_action",
    ),
    path(
        "moderation/members/<int:pk>",
        views_moderation.MemberDetail.as_view(),
        name="moderation_member",
    ),
    path(
        "moderation/members/<int:pk>/actions",
        views_moderation.MemberAction.as_view(),
        name="moderation_member_action",
    ),
    # Collections and author pages (views_collections).
    path("collections", views_collections.CollectionList.as_view(), name="collections"),
    path("collections/<int:pk>", views_collections.CollectionDetail.as_view(), name="collection"),
    path(
        "collections/<int:pk>/items",
        views_collections.CollectionItems.as_view(),
        name="collection_items",
    ),
    path(
        "collections/<int:pk>/items/<int:document>",
        views_collections.CollectionItem.as_view(),
        name="collection_item",
    ),
    path(
        "collections/<int:pk>/order",
        views_collections.CollectionOrder.as_view(),
        name="collection_order",
    ),
    path(
        "collections/<int:pk>/favourite",
        views_collections.CollectionFavourite.as_view(),
        name="collection_favourite",
    ),
    # Ratings and comments (views_reviews).
    path(
        "documents/<int:pk>/rating", views_reviews.DocumentRating.as_view(), name="document_rating"
    ),
    path(
        "documents/<int:pk>/comments",
        views_reviews.DocumentComments.as_view(),
        name="document_comments",
    ),
    path(
        "comments/<int:pk>/helpful", views_reviews.CommentHelpful.as_view(), name="comment_helpful"
    ),
    path("comments/<int:pk>/report", views_reviews.CommentReport.as_view(), name="comment_report"),
    path(
        "comments/<int:pk>/moderate",
        views_reviews.CommentModerate.as_view(),
        name="comment_moderate",
    ),
    path("authors/<str:username>", views_collections.Author.as_view(), name="author"),
    # Payouts (views_payouts).
    path("me/payouts", views_payouts.MyPayouts.as_view(), name="me_payouts"),
    path("me/withdrawable", views_payouts.MyWithdrawable.as_view(), name="me_withdrawable"),
    path("staff/payouts", views_payouts.StaffPayouts.as_view(), name="staff_payouts"),
    path("staff/payouts/export", views_payouts.StaffExport.as_view(), name="staff_payouts_export"),
    path(
        "staff/payouts/<int:pk>/approve",
        views_payouts.StaffApprove.as_view(),
        name="staff_payout_approve",
    ),
    path(
        "staff/payouts/<int:pk>/reject",
        views_payouts.StaffReject.as_view(),
        name="staff_payout_reject",
    ),
    *docs_urls,
    # Keep last: any other path under /api/v1/ is a JSON 404, never the site's HTML page.
    re_path(r"", not_found, name="not_found"),
]
