"""`ropcli import` of hostile or odd Word files: a zip that lies about its sizes, table
markup no editor writes, huge tables, text built to make patterns backtrack — each is
refused or read with bounded work, never a traceback."""

from __future__ import annotations

import io
import re
import struct
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from docx import Document
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from ropcli.core import archive
from ropcli.intake import rows
from ropcli.intake.reading import Unreadable, read_entries
from tests.cli_support import invoke


def _registry(root: Path) -> Path:
    assert invoke(root, "init", str(root)).exit_code == 0
    return root


def _plain_docx() -> bytes:
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "ИНН"
    table.cell(0, 1).text = "4632000002"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _lying_bomb(path: Path, unpacked: int) -> Path:
    """document.xml padded with `unpacked` spaces inside a comment, deflated, with the
    declared size of the member rewritten to 5 000 bytes in both headers."""
    source = zipfile.ZipFile(io.BytesIO(_plain_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as packed:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "word/document.xml":
                data = data.replace(b"<w:body>", b"<w:body><!--" + b" " * unpacked + b"-->", 1)
            packed.writestr(info.filename, data)
    raw = bytearray(out.getvalue())
    name = b"word/document.xml"
    for sig, size_at, length_at, name_at in (
        (b"PK\x01\x02", 24, 28, 46),
        (b"PK\x03\x04", 22, 26, 30),
    ):
        at = 0
        while (at := raw.find(sig, at)) >= 0:
            length = struct.unpack_from("<H", raw, at + length_at)[0]
            if bytes(raw[at + name_at : at + name_at + length]) == name:
                struct.pack_into("<I", raw, at + size_at, 5000)
            at += 4
    path.write_bytes(bytes(raw))
    return path


def test_a_zip_lying_about_its_sizes_is_refused_without_unpacking_it(tmp_path: Path) -> None:
    bomb = _lying_bomb(tmp_path / "bomb.docx", 96 * 1024 * 1024)
    tracemalloc.start()
    try:
        with pytest.raises(Unreadable):
            read_entries(bomb)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 16 * 1024 * 1024  # the old reading unpacked all 96 MiB at once
    result = invoke(_registry(tmp_path / "reg"), "import", str(bomb), "--id", "sosh-7")
    assert result.exit_code == 3
    assert "повреждён" in result.output and "Traceback" not in result.output


def test_an_honest_zip_too_big_unpacked_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "big.docx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as packed:
        for info in zipfile.ZipFile(io.BytesIO(_plain_docx())).infolist():
            packed.writestr(info.filename, zipfile.ZipFile(io.BytesIO(_plain_docx())).read(info))
        packed.writestr("word/media/big.bin", b"\0" * (archive.MAX_UNPACKED + 1))
    result = invoke(_registry(tmp_path / "reg"), "import", str(path), "--id", "sosh-7")
    assert result.exit_code == 3
    assert "распаковывается больше чем в 64 МиБ" in result.output


def test_a_compression_word_does_not_use_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bz.docx"
    source = zipfile.ZipFile(io.BytesIO(_plain_docx()))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_BZIP2) as packed:
        for info in source.infolist():
            packed.writestr(info.filename, source.read(info))
    result = invoke(_registry(tmp_path / "reg"), "import", str(path), "--id", "sosh-7")
    assert result.exit_code == 3
    assert "так Word файлы не сохраняет" in result.output


def test_a_verified_archive_reads_as_before(tmp_path: Path) -> None:
    path = tmp_path / "ok.docx"
    path.write_bytes(_plain_docx())
    (entry,) = read_entries(path)
    assert entry.label == "ИНН" and entry.lines == ("4632000002",)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _cell(text: str, properties: str = "") -> str:
    return f"<w:tc><w:tcPr>{properties}</w:tcPr><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>"


def _with_body(path: Path, body: str) -> Path:
    """A Word file whose body is `body` (WordprocessingML without the namespace)."""
    from lxml import etree

    document = Document()
    element = document.element.body
    for child in list(element):
        if not child.tag.endswith("sectPr"):
            element.remove(child)
    for child in etree.fromstring(f"<w:body {W}>{body}</w:body>"):
        element.insert(len(element) - 1, child)
    document.save(str(path))
    return path


def _table(*rows: str) -> str:
    return "<w:tbl>" + "".join(f"<w:tr>{row}</w:tr>" for row in rows) + "</w:tbl>"


@pytest.mark.parametrize(
    "properties",
    [
        '<w:gridSpan w:val="2000000000"/>',  # python-docx: a cell per spanned column
        '<w:gridSpan w:val="abc"/>',  # python-docx: ValueError
        '<w:vMerge w:val="continue"/>',  # in the first row: nothing above to continue
        "<w:vMerge/>",
    ],
)
def test_odd_merge_markup_is_read_with_limits(tmp_path: Path, properties: str) -> None:
    path = _with_body(
        tmp_path / "odd.docx",
        _table(_cell("ИНН", properties) + _cell("4632000002"), _cell("ОГРН") + _cell("1")),
    )
    from docx import Document as Open

    from ropcli.intake import tables

    (tbl,) = Open(str(path)).element.body.iterchildren("{*}tbl")
    spans = [[cell.span for cell in row] for row in tables.rows(tbl, tables.Budget())]
    assert spans == [[1, 1], [1, 1]]  # a span of 2·10⁹ counts as 1, not 2·10⁹ cells
    entries = read_entries(path)
    assert [(e.label, e.lines) for e in entries] == [
        ("ИНН", ("4632000002",)),
        ("ОГРН", ("1",)),
    ]


def test_a_vertical_merge_continues_the_cell_above(tmp_path: Path) -> None:
    restart, going_on = '<w:vMerge w:val="restart"/>', "<w:vMerge/>"
    path = _with_body(
        tmp_path / "merged.docx",
        _table(
            _cell("Риски") + _cell("первый", restart),
            _cell("Риски (продолжение)") + _cell("", going_on),
        ),
    )
    assert [e.lines for e in read_entries(path)] == [("первый",), ()]


def test_too_many_rows_are_refused_before_reading_them(tmp_path: Path) -> None:
    from ropcli.intake import tables

    row = _cell("Графа") + _cell("значение")
    path = _with_body(tmp_path / "rows.docx", _table(*[row] * (tables.MAX_ROWS + 1)))
    with pytest.raises(Unreadable, match=f"больше {tables.MAX_ROWS} строк"):
        read_entries(path)
    result = invoke(_registry(tmp_path / "reg"), "import", str(path), "--id", "sosh-7")
    assert result.exit_code == 3 and "Traceback" not in result.output


def test_too_much_text_is_refused(tmp_path: Path) -> None:
    from ropcli.intake import tables

    text = "а" * (tables.MAX_TEXT // 4 + 1)
    path = _with_body(tmp_path / "text.docx", _table(*[_cell("Графа") + _cell(text)] * 4))
    with pytest.raises(Unreadable, match="текста больше"):
        read_entries(path)


def test_markup_python_docx_cannot_read_is_a_broken_file(tmp_path: Path) -> None:
    run = '<w:r><w:rPr><w:i w:val="maybe"/></w:rPr><w:t>ИНН</w:t></w:r>'
    path = _with_body(tmp_path / "bad.docx", _table(f"<w:tc><w:p>{run}</w:p></w:tc>" + _cell("1")))
    result = invoke(_registry(tmp_path / "reg"), "import", str(path), "--id", "sosh-7")
    assert result.exit_code == 3, result.output
    assert "повреждён" in result.output and "Traceback" not in result.output


def _wrapped(inner: str) -> str:
    return f"<w:tc><w:p>{inner}</w:p></w:tc>"


def _r(text: str) -> str:
    return f"<w:r><w:t>{text}</w:t></w:r>"


@pytest.mark.parametrize(
    "value",
    [
        f'<w:ins w:id="1" w:author="a">{_r("4632000002")}</w:ins>',
        f"<w:sdt><w:sdtPr/><w:sdtContent>{_r('4632000002')}</w:sdtContent></w:sdt>",
        f'<w:smartTag w:uri="u" w:element="e">{_r("4632")}</w:smartTag>{_r("000002")}',
        f'<w:fldSimple w:instr="DOCPROPERTY inn">{_r("4632000002")}</w:fldSimple>',
        _r("4632")
        + '<w:del w:id="2" w:author="a"><w:r><w:delText>999</w:delText></w:r></w:del>'
        + f'<w:ins w:id="3" w:author="a">{_r("000002")}</w:ins>',
    ],
)
def test_text_inside_any_wrapper_is_read_deleted_text_is_not(tmp_path: Path, value: str) -> None:
    path = _with_body(tmp_path / "wrapped.docx", _table(_cell("ИНН") + _wrapped(value)))
    assert [(e.label, e.lines) for e in read_entries(path)] == [("ИНН", ("4632000002",))]


def test_tables_inside_content_controls_are_found(tmp_path: Path) -> None:
    inner = _table(_cell("ОГРН") + _cell("1024600000776"))
    cell_control = (
        f"<w:tc><w:sdt><w:sdtPr/><w:sdtContent>{inner}<w:p/></w:sdtContent></w:sdt></w:tc>"
    )
    body = (
        f"<w:sdt><w:sdtPr/><w:sdtContent>{_table(_cell('ИНН') + _cell('4632000002'))}"
        "</w:sdtContent></w:sdt>" + _table(_cell("Сведения") + cell_control)
    )
    entries = read_entries(_with_body(tmp_path / "controls.docx", body))
    assert [(e.label, e.lines) for e in entries] == [
        ("ИНН", ("4632000002",)),
        ("Сведения", ("ОГРН", "1024600000776")),
    ]


def test_a_column_empty_in_the_whole_table_is_not_the_value(tmp_path: Path) -> None:
    body = _table(
        _cell("Полное наименование образовательной организации")
        + _cell("МБОУ «СОШ № 77»")
        + _cell(""),
        _cell("ИНН") + _cell("4632000002") + _cell(""),
        _cell("ОГРН") + _cell("") + _cell(""),
    )
    entries = read_entries(_with_body(tmp_path / "three.docx", body))
    assert [e.lines for e in entries] == [("МБОУ «СОШ № 77»",), ("4632000002",), ()]


def test_a_value_in_the_last_column_of_a_form_stays_the_value(tmp_path: Path) -> None:
    """№ | графа | значение, with a header row: an empty value is empty, not the label."""
    body = _table(
        _cell("№") + _cell("Графа") + _cell("Заполняет организация"),
        _cell("1.") + _cell("ИНН") + _cell(""),
        _cell("2.") + _cell("ОГРН") + _cell("1024600000776"),
    )
    entries = read_entries(_with_body(tmp_path / "form.docx", body))
    assert [(e.label, e.lines) for e in entries][1:] == [
        ("ИНН", ()),
        ("ОГРН", ("1024600000776",)),
    ]


# The patterns the rows were read with before: the reference for what the linear
# readers must find (they backtracked quadratically on long lines).
OLD_STAGE = re.compile(
    r"^(?:(?:этап\s*)?[0-9]{1,2}[.)]\s*)?(?P<stage>.+?)\.?\s*(?:основные\s+)?мероприятия\s*:"
    r"\s*(?P<acts>.+?)\.?\s*(?:методики[^:]*|инструментарий):\s*(?P<methods>.+?)\.?$",
    re.I,
)
OLD_CONTACT = re.compile(
    r"телефон\s*:?\s*(?P<phone>.+?)\s*,?\s*(?:электронная почта|e-?mail)\s*:?\s*(?P<email>\S+)$",
    re.I,
)
PIECES = st.sampled_from(
    [
        "Этап 1. ",
        "1) ",
        "Основные ",
        "мероприятия",
        ": ",
        "методики и инструментарий",
        ":",
        "инструментарий",
        "телефон",
        "e-mail",
        "email",
        "электронная почта",
        " ",
        ", ",
        ".",
        "8 (4712) 00-00-07",
        "a@b.ru",
        "встречи",
        "анкета; кейс",
    ]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=10).map("".join))
def test_the_linear_contact_reader_finds_what_the_old_pattern_found(line: str) -> None:
    line = " ".join(line.split())
    old_contact = OLD_CONTACT.search(line)
    # «e-mail:» and nothing after, or a «phone» that is only «:» or «,»: no contact either way
    assume(not old_contact or (old_contact["email"] != ":" and old_contact["phone"].strip(" ,:")))
    new_contact = rows.phone_and_email(line)
    assert (old_contact is None) == (new_contact is None)
    if old_contact and new_contact:
        assert new_contact == (old_contact["phone"].strip(), old_contact["email"])


WORDS = st.lists(
    st.sampled_from(["встречи", "пар", "анкета;", "кейс-метод", "наблюдение."]),
    min_size=1,
    max_size=4,
).map(" ".join)


@settings(max_examples=300, deadline=None)
@given(
    st.sampled_from(["", "1. ", "Этап 2) ", "3) "]),
    WORDS,
    st.sampled_from(["Основные мероприятия:", "мероприятия :", "Мероприятия:"]),
    WORDS,
    st.sampled_from(["Методики и инструментарий:", "Инструментарий:", "методики:"]),
    WORDS,
)
def test_a_stage_line_reads_as_the_old_pattern_read_it(
    lead: str, name: str, acts_key: str, acts: str, methods_key: str, methods: str
) -> None:
    line = f"{lead}{name}. {acts_key} {acts}. {methods_key} {methods}."
    old = OLD_STAGE.match(line)
    assert old is not None
    assert rows.stage_line(line) == tuple(old[k].strip() for k in ("stage", "acts", "methods"))


def test_long_hostile_lines_are_read_with_linear_work() -> None:
    """Lines built to make the old patterns backtrack: the readers find nothing in them
    and do it in one pass (the old patterns took seconds on a tenth of this)."""
    contact = "телефон 1 email x " * 20_000 + "конец строки"
    assert rows.phone_and_email(contact) is None
    stage = "мероприятия: " + "методики " * 40_000
    assert rows.stage_line(stage) is None
    assert rows.PART.match("методики " * 40_000) is None


def test_a_field_longer_than_a_page_is_not_read_and_says_so(tmp_path: Path) -> None:
    from ropcli.intake import compose

    label = "Контакты лица, ответственного за взаимодействие по вопросам реализации практики"
    text = "телефон 1 email x " * (compose.MAX_FIELD // 18 + 1)
    document = Document()
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = label, text
    document.save(str(tmp_path / "long.docx"))
    result = invoke(
        _registry(tmp_path / "reg"), "import", str(tmp_path / "long.docx"), "--id", "s-7"
    )
    assert result.exit_code == 1, result.output
    assert f"больше {compose.MAX_FIELD}" in result.output


def test_a_read_only_site_file_is_refused_before_the_report(tmp_path: Path) -> None:
    import stat

    registry = _registry(tmp_path / "reg")
    assert (
        invoke(registry, "new", "sosh-7", "--name", "МБОУ «СОШ № 7»", "--type", "школа").exit_code
        == 0
    )
    path = registry / "sites" / "sosh-7.yaml"
    before = path.read_bytes()
    word = tmp_path / "inn.docx"
    word.write_bytes(_plain_docx())
    path.chmod(0o444)
    try:
        result = invoke(registry, "import", str(word), "--id", "sosh-7")
        assert result.exit_code == 3, result.output
        assert "защищён от записи" in result.output
        assert "Заполнено полей" not in result.output  # nothing was filled
        assert path.read_bytes() == before and stat.S_IMODE(path.stat().st_mode) == 0o444
        shown = invoke(registry, "import", str(word), "--id", "sosh-7", "--dry-run")
        assert shown.exit_code == 0 and "Заполнено полей: 1" in shown.output
    finally:
        path.chmod(0o644)


ROW8 = "Необходимые ресурсы (финансовые, кадровые, материально-технические, методические)"
ROW12 = "Контакты лица, ответственного за взаимодействие по вопросам реализации практики"


def _passport(path: Path, rows_: list[tuple[str, str, list[str]]]) -> Path:
    """The regulation's layout: № | графа | значение, a paragraph per line of a value."""
    document = Document()
    table = document.add_table(rows=len(rows_), cols=3)
    for row, (number, label, lines) in zip(table.rows, rows_, strict=True):
        row.cells[0].text, row.cells[1].text, row.cells[2].text = number, label, lines[0]
        for line in lines[1:]:
            row.cells[2].add_paragraph(line)
    document.save(str(path))
    return path


def _missing(output: str) -> str:
    return output.split("Не заполнено (нет в файлах Word)", 1)[-1]


def test_rows_8_and_12_written_line_by_line_are_read(tmp_path: Path) -> None:
    from ropcli.core.settings import Settings
    from ropcli.intake.compose import read

    path = _passport(
        tmp_path / "p.docx",
        [
            ("8", ROW8, ["Кадровые — 12 наставников", "Методические – программа «Шаг»"]),
            (
                "12",
                ROW12,
                [
                    "Петрова Анна Ивановна",
                    "заместитель директора",
                    "тел. +7 (4712) 00-00-07",
                    "sosh7@example.ru",
                ],
            ),
        ],
    )
    reading = read(read_entries(path), Settings())
    assert not reading.refusals
    got = {p[-1]: f.value for p, f in reading.fields.items()}
    assert got == {
        "staffing": "12 наставников",
        "methodological": "программа «Шаг»",
        "name": "Петрова Анна Ивановна",
        "position": "заместитель директора",
        "phone": "+7 (4712) 00-00-07",
        "email": "sosh7@example.ru",
    }


def test_text_of_a_found_row_that_cannot_be_read_is_named_not_dropped(tmp_path: Path) -> None:
    path = _passport(
        tmp_path / "p.docx",
        [
            ("8", ROW8, ["Всё необходимое есть", "Кадровые: 12 наставников"]),
            ("12", ROW12, ["звоните в приёмную директора"]),
            ("1.1", "Локальный акт (приказ) о внедрении системы наставничества", ["есть на сайте"]),
        ],
    )
    result = invoke(_registry(tmp_path / "reg"), "import", str(path), "--id", "sosh-7", "--dry-run")
    assert result.exit_code == 1, result.output
    assert "не прочитано: «Всё необходимое есть»" in result.output
    assert (
        "(«паспорт, строка 12: контакты»): не прочитано: «звоните в приёмную директора»"
        in result.output
    )
    assert "не прочитано: «есть на сайте»" in result.output
    assert "кадровые ресурсы: 12 наставников" in result.output
    missing = _missing(result.output)
    assert "строка 12" not in missing and "1.1 приказ" not in missing
    assert "строка 8" not in missing
