"""Plain text files in the usual Chinese encodings, and the page-text clean-up."""

from __future__ import annotations

import pytest
from PIL import Image, ImageStat

from wenku.conversion.pdf import clean_text
from wenku.conversion.pipeline import convert_file
from wenku.conversion.textfile import decode_text, write_fodt
from wenku.library.failures import ConversionError

from .samples import FILLER, SENTENCES

ENCODINGS = ["utf8", "utf8bom", "gbk", "gb18030", "utf16le", "utf16be"]


@pytest.mark.parametrize("name", ENCODINGS)
def test_text_file_decodes_and_renders(name, samples, tmp_path):
    result = convert_file(samples[f"txt_{name}"], tmp_path, widths=[500])
    assert result.format == "txt"
    assert result.page_count == 1
    text = result.pages[0].text
    assert SENTENCES[0] in text and SENTENCES[1] in text and FILLER in text
    with Image.open(result.pages[0].images[500]) as img:
        stat = ImageStat.Stat(img.convert("L"))
        assert stat.extrema[0][0] < 100  # there is ink: glyphs, not an empty page
        assert stat.mean[0] < 254.5


def test_form_feed_starts_a_new_page(samples, tmp_path):
    result = convert_file(samples["txt_formfeed"], tmp_path)
    assert result.page_count == 2
    assert SENTENCES[0] in result.pages[0].text
    assert SENTENCES[1] in result.pages[1].text


def test_decode_prefers_bom_then_utf8_then_gb18030(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("中文".encode("gbk"))
    assert decode_text(path) == "中文"
    path.write_bytes("中文".encode())
    assert decode_text(path) == "中文"
    path.write_bytes("\ufeff中文".encode("utf-16-le"))
    assert decode_text(path) == "中文"
    traditional = "春眠不覺曉，處處聞啼鳥。夜來風雨聲，花落知多少。" * 2
    path.write_bytes(traditional.encode("big5"))
    assert decode_text(path) == traditional
    simplified = "春眠不觉晓，处处闻啼鸟。夜来风雨声，花落知多少。" * 2
    path.write_bytes(simplified.encode("gb2312"))
    assert decode_text(path) == simplified


def test_binary_named_txt_is_refused(tmp_path):
    path = tmp_path / "b.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ConversionError) as info:
        convert_file(path, tmp_path / "out", filename="b.txt")
    assert info.value.code in {"unsupported", "text_encoding"}


def test_whitespace_only_text_has_no_pages(tmp_path):
    path = tmp_path / "blank.txt"
    path.write_text("   \n\n  \n")
    with pytest.raises(ConversionError) as info:
        convert_file(path, tmp_path / "out")
    assert info.value.code in {"no_pages", "unsupported"}


def test_fodt_escapes_markup_and_keeps_spaces(tmp_path):
    out = tmp_path / "t.fodt"
    write_fodt("<b>&amp;</b>\n  两个空格\tTab\x01\n", out)
    xml = out.read_text(encoding="utf-8")
    assert "&lt;b&gt;&amp;amp;&lt;/b&gt;" in xml
    assert '<text:s text:c="2"/>两个空格<text:tab/>Tab' in xml
    assert "\x01" not in xml


class TestCleanText:
    def test_joins_lines_and_stray_spaces_between_chinese(self):
        width = "一二三四五六七八九十" * 3
        raw = f"{width}\r\n十一 十二\r\n"
        assert clean_text(raw) == f"{width}十一十二"

    def test_keeps_short_lines_apart(self):
        assert clean_text("第一章\r\n正文开始。\r\n") == "第一章\n正文开始。"

    def test_autospacing_around_digits_removed(self):
        assert clean_text("第 1 章") == "第1章"

    def test_latin_lines_joined_with_a_space(self):
        line = "word " * 8
        assert clean_text(f"{line.strip()}\r\nnext") == f"{line.strip()} next"

    def test_indented_line_starts_a_paragraph(self):
        full = "文" * 30
        assert clean_text(f"{full}\r\n\u3000\u3000新段落") == f"{full}\n\u3000\u3000新段落"

    def test_layout_mode_keeps_cells_and_lines_apart(self):
        raw = "类别 项目 金额\r\n收入合计 23,600.00\r\n\r\n"
        assert clean_text(raw, flow=False) == "类别 项目 金额\n收入合计 23,600.00"

    def test_control_characters_dropped(self):
        assert clean_text("a\x02b\ufffe") == "ab"
