"""Fill Simplified Chinese translations that `makemessages` left empty or fuzzy.

Usage: .venv/bin/python scripts/translate_zh.py  (then `wenku manage compilemessages`).
Maintainers add new msgids to ZH below; the script reports any msgid still untranslated.
Needs `polib` (pip install polib), a maintainer tool, not a dependency of the site.
"""

from __future__ import annotations

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent

ZH: dict[str, str | list[str]] = {
    "This document duplicates a document that another member shared earlier.":
        "本文档与其他会员较早分享的文档重复。",
    "This document was taken down after a copyright notice and cannot be uploaded again.":
        "本文档已因版权通知被下架，不能再次上传。",
    "Uploads from your account are suspended after repeated violations. Contact the "
    "site's staff.": "您的账号因多次违规已被暂停上传，请联系本站工作人员。",
    "Held for review": "等待审核",
    "Price": "价格",
    "Any time": "不限时间",
    "Past day": "一天内",
    "Past week": "一周内",
    "Past month": "一个月内",
    "Past year": "一年内",
    "Sort by": "排序",
    "Relevance": "相关度",
    "Newest": "最新",
    "Most downloaded": "下载最多",
    "Free": "免费",
    "Paid": "付费",
    "Unknown format.": "未知格式。",
    "Unknown category.": "未知分类。",
    "Use 1 for free documents or 0 for paid ones.": "免费文档用 1，付费文档用 0。",
    "“%(q)s” – search": "“%(q)s” – 搜索",
    "Search and filters": "搜索与筛选",
    "Title, text, tags…": "标题、正文、标签…",
    "Filters": "筛选",
    "Apply filters": "筛选",
    "by": "上传者",
    "All categories": "全部分类",
    "All formats": "全部格式",
    "Free and paid": "免费和付费",
    "Pages from": "最少页数",
    "Pages to": "最多页数",
    "%(counter)s document found": ["找到 %(counter)s 篇文档"],
    "%(counter)s download": ["%(counter)s 次下载"],
    "%(price)s points": "%(price)s 积分",
    "Only the first 1,000 results can be shown: add words or filters to narrow the search.":
        "仅显示前 1000 条结果，请增加关键词或筛选条件缩小范围。",
    "Only titles were searched: type two or more characters to search the full text.":
        "仅搜索了标题：输入两个或更多字符可搜索全文。",
    "Type letters or digits to search: punctuation and symbols are ignored.":
        "请输入文字或数字进行搜索，标点和符号会被忽略。",
    "No documents match. Try fewer or shorter words, or remove some filters.":
        "没有找到匹配的文档。请尝试更少或更短的关键词，或去掉部分筛选条件。",
    "Too many requests": "请求过于频繁",
    "Too many requests. Try again in %(s)d seconds.": "请求过于频繁，请在 %(s)d 秒后重试。",
    "You did this too often. Please wait %(seconds)s second and try again.":
        ["操作过于频繁，请等待 %(seconds)s 秒后再试。"],
    "Points": "积分",
    "Report:": "投诉：",
    "Copyright notice": "版权通知",
    "Content does not match the title": "内容与标题不符",
    "Other problems": "其他问题",
    "Messages": "消息",
    "Moderation": "审核",
    "Paid download failed": "付费下载失败",
    "Price: %(counter)s point": ["价格：%(counter)s 积分"],
    "Free download": "免费下载",
    "Download": "下载",
    "Log in": "登录",
    "Cancel": "取消",
    "title": "标题",
    "status": "状态",
    # Staff on one member (moderation/members.py)
    "Strike withdrawn": "违规记录已撤销",
    "Say why the ban is lifted.": "请说明解除封禁的理由。",
    "Say why the strike is withdrawn.": "请说明撤销违规记录的理由。",
    "Withdraw the strike": "撤销违规记录",
    "Lift the ban": "解除封禁",
    "Choose a strike of this member.": "请选择该会员的违规记录。",
    "That strike is withdrawn already.": "该违规记录已撤销。",
    "a strike was withdrawn": "一次违规记录已撤销",
    "Strike withdrawn.": "已撤销违规记录。",
    "The member is banned already.": "该会员已被封禁。",
    "The member is not banned.": "该会员未被封禁。",
    "the ban was lifted": "封禁已解除",
    "Ban lifted.": "已解除封禁。",
    "reason for withdrawal": "撤销理由",
    "reason for lifting": "解除理由",
    "Joined": "注册时间",
    "Complaints about their documents": "其文档收到的投诉",
    "Strikes": "违规记录",
    "Uploads": "上传",
    "blocked": "已暂停",
    "allowed": "允许",
    "Account": "账号",
    "active": "正常",
    "Revenue held": "冻结的收益",
    "Date": "日期",
    "document": "文档",
    "withdrawn on %(when)s: %(why)s": "已于 %(when)s 撤销：%(why)s",
    "Why it is withdrawn": "撤销理由",
    "No strikes.": "无违规记录。",
    "Bans": "封禁记录",
    "lifted on %(when)s: %(why)s": "已于 %(when)s 解除：%(why)s",
}


def fill(path: Path) -> list[str]:
    po = polib.pofile(str(path))
    missing = []
    for entry in po:
        if entry.obsolete:
            continue
        needs = "fuzzy" in entry.flags or (
            not entry.msgstr and not any(entry.msgstr_plural.values())
        )
        if not needs:
            continue
        text = ZH.get(entry.msgid)
        if text is None:
            missing.append(entry.msgid)
            continue
        if entry.msgid_plural:
            entry.msgstr_plural = {0: text[0] if isinstance(text, list) else text}
        else:
            entry.msgstr = text if isinstance(text, str) else text[0]
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    po.save()
    return missing


def main() -> int:
    missing = []
    for path in sorted(ROOT.glob("wenku/**/locale/zh_Hans/LC_MESSAGES/django.po")):
        missing += [f"{path.relative_to(ROOT)}: {m!r}" for m in fill(path)]
    print("\n".join(missing) or "all translated")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
