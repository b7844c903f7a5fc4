"""Templates are untrusted input: a pull request can add or change any file under
`<registry>/templates/`. Each case here was a way to run code, read files outside the
register or exhaust the machine through a template; each must end in exit 3 with a clear
message, nothing executed, nothing written, no traceback."""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest

from tests.cli_support import invoke, run_installed
from tests.render_support import approved_registry, render

# Runs a shell command through the globals of a function Jinja puts in every template.
PAYLOAD = "{{{{ cycler.__init__.__globals__.os.popen('touch {marker}').read() }}}}"
BUILTIN = Path(__file__).resolve().parents[1] / "templates"


def _override(tmp_path: Path, name: str, text: str) -> Path:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / name).write_text(text, encoding="utf-8")
    return registry


def _refused(tmp_path: Path, registry: Path, *args: str) -> str:
    result = render(registry, tmp_path / "out", *args)
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
    return result.stderr


@pytest.mark.parametrize("name", ["passport.md.j2", "passport.html.j2"])
def test_payload_in_a_text_template_does_not_run(tmp_path: Path, name: str) -> None:
    marker = tmp_path / "PWNED"
    registry = _override(tmp_path, name, PAYLOAD.format(marker=marker) + "\n")
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", name.split(".")[1])
    assert not marker.exists()
    assert name in stderr and "запрещ" in stderr


def test_payload_in_a_word_template_does_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    source = zipfile.ZipFile(BUILTIN / "passport.docx")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/document.xml":
                data = data.replace(b"</w:body>", b"").replace(
                    b"<w:sectPr",
                    f"<w:p><w:r><w:t>{PAYLOAD.format(marker=marker)}</w:t></w:r></w:p><w:sectPr".encode(),
                    1,
                )
                data = data.replace(b"</w:document>", b"</w:body></w:document>")
            target.writestr(item, data)
    (registry / "templates" / "passport.docx").write_bytes(buffer.getvalue())
    _refused(tmp_path, registry, "passport", "fresh", "-f", "docx")
    assert not marker.exists()


def test_payload_in_the_scaffold_does_not_run(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "site-scaffold.yaml.j2").write_text(
        PAYLOAD.format(marker=marker) + "\nid: {{ id }}\n", encoding="utf-8"
    )
    result = invoke(registry, "new", "kursk-sosh-27")
    assert result.exit_code == 3, result.output
    assert "site-scaffold.yaml.j2" in result.stderr
    assert not marker.exists()
    assert not (registry / "sites" / "kursk-sosh-27.yaml").exists()


def test_installed_ropcli_refuses_the_payload(tmp_path: Path) -> None:
    marker = tmp_path / "PWNED"
    registry = _override(tmp_path, "passport.md.j2", PAYLOAD.format(marker=marker))
    done = run_installed(
        "--registry", str(registry), "render", "passport", "fresh", "-f", "md",
        "--out", f"{tmp_path / 'out'}/",
    )  # fmt: skip
    assert done.returncode == 3, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    assert not marker.exists()


def _secret(tmp_path: Path) -> Path:
    secret = tmp_path / "secret.txt"
    secret.write_text("root:x:0:0:СЕКРЕТ\n", encoding="utf-8")
    return secret


def test_template_that_is_a_link_out_is_refused_without_its_content(tmp_path: Path) -> None:
    secret = _secret(tmp_path)
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "passport.md.j2").symlink_to(secret)
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert "символическая ссылка" in stderr and "СЕКРЕТ" not in stderr


@pytest.mark.parametrize(
    "include",
    ["../../secret.txt", "{secret}", "link.j2", "sub/../../secret.txt"],
)
def test_include_outside_the_folder_is_refused(tmp_path: Path, include: str) -> None:
    secret = _secret(tmp_path)
    registry = _override(
        tmp_path, "passport.md.j2", f'{{% include "{include.format(secret=secret)}" %}}\n'
    )
    (registry / "templates" / "link.j2").symlink_to(secret)
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert "СЕКРЕТ" not in stderr


def test_templates_folder_that_is_a_link_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "passport.md.j2").write_text("чужой шаблон\n", encoding="utf-8")
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").symlink_to(elsewhere)
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert "папка шаблонов" in stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are a POSIX thing")
def test_template_that_is_a_fifo_does_not_hang(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    os.mkfifo(registry / "templates" / "passport.md.j2")
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert "не обычный файл" in stderr


def test_template_that_cannot_be_read_is_refused(tmp_path: Path) -> None:
    """A folder where a template file belongs (like a file without read permission: the
    system will not give its bytes) is a clear refusal, exit 3, not an OSError."""
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates" / "passport.md.j2").mkdir(parents=True)
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert "passport.md.j2" in stderr and "не обычный файл" in stderr


@pytest.mark.parametrize(
    ("template", "words"),
    [
        ("{% macro m() %}{{ m() }}{% endmacro %}{{ m() }}", "рекурсия"),
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
            "циклы",
        ),
        ("{{ 'x' * 1000000000 }}", "слишком большое значение"),
        ("{{ 10 ** 10000000 }}", "степень"),
        ("{{ 'x'|center(1000000000) }}", "center"),
        ("{{ '{:>999999999}'.format(1) }}", "ширину"),
        ("{{ '%999999999d' % 1 }}", "ширину"),
        ("{{ 'ab'|replace('', 'x' * 900000) }}", "replace"),
        ("{% for i in range(99999) %}{{ 'x' * 900 }}{% endfor %}", "слишком длинный текст"),
        ("{{ ''.__class__.__mro__ }}", "запрещ"),
        ("{{ site.__dict__ }}", "запрещ"),
    ],
)
def test_resource_and_access_limits(tmp_path: Path, template: str, words: str) -> None:
    registry = _override(tmp_path, "passport.md.j2", template)
    stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "md")
    assert words in stderr


def test_mutation_of_context_lists_is_refused(tmp_path: Path) -> None:
    registry = _override(tmp_path, "passport.md.j2", "{{ sites.append(1) }}")
    assert "запрещ" in _refused(tmp_path, registry, "passport", "fresh", "-f", "md")


def test_a_template_not_in_utf8_is_named(tmp_path: Path) -> None:
    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    (registry / "templates" / "passport.md.j2").write_bytes("Паспорт".encode("cp1251"))
    assert "UTF-8" in _refused(tmp_path, registry, "passport", "fresh", "-f", "md")


def test_an_honest_override_still_renders(tmp_path: Path) -> None:
    registry = _override(
        tmp_path,
        "passport.md.j2",
        '{% include "_part.md.j2" %}{% for i in range(3) %}{{ i }}{% endfor %}\n',
    )
    (registry / "templates" / "_part.md.j2").write_text("Часть: ", encoding="utf-8")
    result = render(registry, tmp_path / "out", "passport", "fresh", "-f", "md")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "passport-fresh.md").read_text(encoding="utf-8") == "Часть: 012\n"


def test_a_word_template_lying_about_its_sizes_is_refused_without_unpacking_it(
    tmp_path: Path,
) -> None:
    # A 100 KB template whose document.xml says 5 000 bytes and unpacks to 96 MiB: the
    # old check trusted the declared sizes and docxtpl unpacked it all.
    import tracemalloc

    from tests.test_import_hostile import _lying_bomb

    registry = approved_registry(tmp_path / "registry")
    (registry / "templates").mkdir()
    _lying_bomb(registry / "templates" / "passport.docx", 96 * 1024 * 1024)
    tracemalloc.start()
    try:
        stderr = _refused(tmp_path, registry, "passport", "fresh", "-f", "docx")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert "passport.docx" in stderr
    assert peak < 16 * 1024 * 1024
