"""Extracted page text becomes readable paragraphs (wenku.web.text)."""

from wenku.web import text


def test_chinese_lines_broken_by_the_page_are_joined_without_spaces():
    raw = (
        "全市职业技术教育工作会议即将召开之际，市\r\n"
        "委、市政府召开这次全市职业技术教育工作\r\n会。\r\n"
    )
    assert text.paragraphs(raw) == [
        "全市职业技术教育工作会议即将召开之际，市委、市政府召开这次全市职业技术教育工作会。"
    ]


def test_stray_spaces_between_chinese_characters_are_removed():
    assert text.paragraphs("职 业 教 育 工作") == ["职业教育工作"]


def test_latin_lines_are_joined_with_a_space():
    raw = "The quick brown fox jumps over\nthe lazy dog and keeps running.\n"
    assert text.paragraphs(raw) == [
        "The quick brown fox jumps over the lazy dog and keeps running."
    ]


def test_blank_lines_short_lines_and_indents_end_paragraphs():
    raw = (
        "一、深化认识\n"
        "  “xxx”以来，我市职业技术教育建体系、扩规模、上水平、强服务，取得了可喜的\n"
        "成绩，中、高职在校生突破70万，累计为社会输送技能人才110万人，中高职毕业\n"
        "生就业率分别达到96%。\n"
        "\n"
        "二、咬定目标"
    )
    paragraphs = text.paragraphs(raw)
    assert paragraphs[0] == "一、深化认识"
    assert paragraphs[1].startswith("“xxx”以来") and paragraphs[1].endswith("96%。")
    assert paragraphs[2] == "二、咬定目标"


def test_control_characters_are_dropped_and_empty_text_gives_nothing():
    assert text.paragraphs("a\x00b\x0cc") == ["abc"]
    assert text.paragraphs("") == []
    assert text.paragraphs("\n \n\u3000\n") == []


def test_summary_is_cut_to_the_limit():
    summary = text.summary(["字" * 400])
    assert len(summary) == 150 and summary.endswith("…")
    assert text.summary(["短", "文本"]) == "短 文本"


def test_guess_language():
    assert text.guess_language("职业技术教育" * 10) == "zh"
    assert text.guess_language("これは日本語のテキストです。" * 5) == "ja"
    assert text.guess_language("This is an English sentence with words. " * 5) == "en"
    assert text.guess_language("Ceci est une phrase française évidemment. " * 5) == ""
    assert text.guess_language("") == ""
