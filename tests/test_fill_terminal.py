"""`ropcli fill` on a real terminal: the installed command in a pseudo-terminal that is its
controlling terminal, so Ctrl-C is the terminal's interrupt, as a person presses it. A wrong
ИНН is asked again, the good answers are in the file at once, Ctrl-C keeps them, and the
next run starts from the first field still empty."""

from __future__ import annotations

import os
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from ropcli.editing.scaffold import render
from ropcli.validation.registry import open_registry

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="a pseudo-terminal needs POSIX")
ENV = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "NO_COLOR": "1"}
ORGANIZATION = {"full_name": "МБОУ «Средняя школа № 27»", "short_name": "МБОУ «СОШ № 27»"}


def _command() -> list[str]:
    beside = Path(sys.executable).with_name("ropcli")
    found = shutil.which("ropcli") or (str(beside) if beside.exists() else None)
    return [found] if found else [sys.executable, "-m", "ropcli"]


class Terminal:
    """`ropcli fill` with a pseudo-terminal as its controlling terminal."""

    def __init__(self, root: Path, site_id: str, *options: str) -> None:
        import pty

        self.leader, follower = pty.openpty()

        def own_terminal() -> None:  # a session of its own, this terminal controlling it
            import fcntl
            import termios

            os.setsid()
            fcntl.ioctl(0, termios.TIOCSCTTY, 0)

        self.process = subprocess.Popen(
            [*_command(), "--registry", str(root), "fill", site_id, *options],
            stdin=follower,
            stdout=follower,
            stderr=follower,
            env={**os.environ, **ENV},
            preexec_fn=own_terminal,  # what a terminal emulator does for its shell
        )
        os.close(follower)
        self.seen = ""

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.leader], [], [], timeout)
        if not ready:
            return False
        try:
            chunk = os.read(self.leader, 65536)
        except OSError:  # the child has closed the terminal
            return False
        self.seen += chunk.decode("utf-8", "replace").replace("\r", "")
        return bool(chunk)

    def prompt(self, label: str, timeout: float = 60) -> str:
        """Wait for the question `label` and return what the screen showed up to it."""
        start, end = len(self.seen), time.monotonic() + timeout
        while not self.seen[start:].endswith(f"{label}: "):
            if time.monotonic() > end or (self.process.poll() is not None and not self._read(0.1)):
                raise AssertionError(f"no prompt «{label}»; the screen shows:\n{self.seen}")
            self._read(0.2)
        return self.seen[start:]

    def type(self, text: str) -> None:
        os.write(self.leader, text.encode("utf-8") + b"\r")

    def press(self, key: bytes) -> int:
        os.write(self.leader, key)
        end = time.monotonic() + 60
        while self.process.poll() is None and time.monotonic() < end:
            self._read(0.2)
        while self._read(0.2):
            pass
        os.close(self.leader)
        return self.process.wait(timeout=60)


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    root = tmp_path / "registry"
    (root / "sites").mkdir(parents=True)
    (root / "ropcli.yaml").write_text("region: Курская область\n", encoding="utf-8")
    text = render(open_registry(root), "kursk-sosh-27", {"type": "school", **ORGANIZATION})
    (root / "sites" / "kursk-sosh-27.yaml").write_text(text, encoding="utf-8")
    return root


@pytest.mark.slow
def test_answers_are_kept_after_ctrl_c_and_the_next_run_resumes(registry: Path) -> None:
    path = registry / "sites" / "kursk-sosh-27.yaml"
    comments = [line for line in path.read_text(encoding="utf-8").splitlines() if "#" in line]

    terminal = Terminal(registry, "kursk-sosh-27")
    screen = terminal.prompt("ИНН")
    assert "Пустых полей в sites/kursk-sosh-27.yaml: 50" in screen
    assert "[1/50] Организация › ИНН" in screen
    assert "10 цифр в кавычках" in screen  # the schema's description as the hint
    terminal.type("4632000001")
    screen = terminal.prompt("ИНН")
    assert "не сходится контрольная цифра" in screen and "попробуйте ещё раз" in screen
    terminal.type("4632000002")
    terminal.prompt("ОГРН")
    assert '  inn: "4632000002"\n' in path.read_text(encoding="utf-8")  # saved at once
    terminal.type("1024600000006")
    screen = terminal.prompt("Муниципальное образование")
    assert "31. Хомутовский район" in screen
    terminal.type("Хомутовский")
    terminal.prompt("Официальный сайт")
    terminal.type("https://sosh27.example.ru")
    terminal.prompt("ФИО")
    code = terminal.press(b"\x03")  # Ctrl-C
    assert code == 1, terminal.seen
    assert "Прервано. Сохранено ответов: 4; продолжить: ropcli fill kursk-sosh-27" in terminal.seen
    assert "Traceback" not in terminal.seen

    text = path.read_text(encoding="utf-8")
    organization = yaml.safe_load(text)["organization"]
    assert organization["inn"] == "4632000002" and organization["ogrn"] == "1024600000006"
    assert organization["municipality"] == "khomutovsky"
    assert organization["website"] == "https://sosh27.example.ru"
    assert organization["head"] == {"name": None, "position": None}
    assert [line for line in text.splitlines() if "#" in line] == comments

    again = Terminal(registry, "kursk-sosh-27")
    screen = again.prompt("ФИО")
    assert "Пустых полей в sites/kursk-sosh-27.yaml: 46" in screen
    assert "[1/46] Организация › Руководитель › ФИО" in screen
    again.type("Петрова Анна Ивановна")
    again.prompt("Должность")
    assert again.press(b"\x04") == 1  # Ctrl-D: the same as Ctrl-C
    assert "Прервано. Сохранено ответов: 1" in again.seen
    head = yaml.safe_load(path.read_text(encoding="utf-8"))["organization"]["head"]
    assert head == {"name": "Петрова Анна Ивановна", "position": None}


@pytest.mark.slow
def test_an_answer_at_odds_with_another_field_says_which_and_can_be_skipped(
    registry: Path,
) -> None:
    path = registry / "sites" / "kursk-sosh-27.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("      school_year:\n", "      school_year: 2024/2025\n", 1))
    line = path.read_text(encoding="utf-8").splitlines().index("      school_year: 2024/2025") + 1

    terminal = Terminal(registry, "kursk-sosh-27", "--only", "заявка")
    terminal.prompt("Исходящий номер")
    terminal.type("")
    terminal.prompt("Дата заявки")
    terminal.type("14.04.2026")
    screen = terminal.prompt("Дата заявки")
    assert "ответ не сходится с другим полем — «Заявка › Документы › Приказ о закреплении" in screen
    assert f"(sites/kursk-sosh-27.yaml, строка {line})" in screen
    assert "(заявка от 14.04.2026)" in screen and "2026-04-14" not in screen
    assert "попробуйте ещё раз" not in screen and "ropcli import --force" in screen
    terminal.type("14.04.2026")  # the same answer again: the question waits, on to the next
    screen = terminal.prompt("Вкладка «Наставничество»")
    assert "Вопрос пропущен" in screen
    assert terminal.press(b"\x03") == 1
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["application"]["date"] is None
