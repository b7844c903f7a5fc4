"""`ropcli publish`: the open register built from the sample registry into tmp_path — pages,
feed (parsed as Atom), dataset (checked by `frictionless validate`), what is public, the
output folder's rules (refusal, --force, all or nothing) and template overrides."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke, run_installed

ON = "2026-09-01"
ATOM = "{http://www.w3.org/2005/Atom}"
PUBLIC_IDS = {
    "fatezh-sosh-1",
    "kurchatov-sosh-4",
    "kursk-kits",
    "kursk-sosh-12",
    "kursk-sosh-5",
    "medven-sosh-1",
    "oboyan-gimn-1",
    "rylsk-sosh-1",
    "shchigry-sosh-2",
    "zhel-cdt",
}  # every sample site but the draft kursky-seym-sosh
PHONE = "+7 (4712) 51-23-45"
EMAIL = "nastavnik@sosh5-kursk.example.ru"


def copy_registry(tmp_path: Path, extra_settings: str = "") -> Path:
    root = tmp_path / "registry"
    shutil.copytree(SAMPLE_REGISTRY, root)
    if extra_settings:
        with (root / "ropcli.yaml").open("a", encoding="utf-8") as settings:
            settings.write("\n" + extra_settings)
    return root


def build(registry: Path, out: Path, *args: str) -> tuple[int, str, str]:
    result = invoke(registry, "publish", "--out", str(out), "--on", ON, *args)
    return result.exit_code, result.stdout, result.stderr


def all_text(folder: Path) -> str:
    return "".join(p.read_text("utf-8") for p in sorted(folder.rglob("*")) if p.is_file())


def test_site_has_every_public_site_and_no_draft(tmp_path: Path) -> None:
    out = tmp_path / "site"
    code, stdout, _ = build(SAMPLE_REGISTRY, out)
    assert code == 0
    assert "Записан сайт" in stdout
    pages = {p.stem for p in (out / "sites").glob("*.html")}
    assert pages == PUBLIC_IDS
    index = (out / "index.html").read_text("utf-8")
    for site_id in PUBLIC_IDS:
        assert f'href="sites/{site_id}.html"' in index
    assert "kursky-seym-sosh" not in all_text(out)
    assert '<html lang="ru">' in index and "<main" in index and 'scope="col"' in index
    assert "@media print" in (out / "assets" / "publish.css").read_text("utf-8")
    # Everything the pages load is in the folder: no address of another host in src/href
    # of a script, style or image.
    for page in out.rglob("*.html"):
        text = page.read_text("utf-8")
        assert '<script src="http' not in text and 'rel="stylesheet" href="http' not in text
        assert "//cdn" not in text


def test_site_page_shows_passport_links_reports_and_state(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(SAMPLE_REGISTRY, out)[0] == 0
    page = (out / "sites" / "kursk-sosh-5.html").read_text("utf-8")
    for number in range(1, 13):
        assert f'<span class="num">{number}.</span>' in page
    assert "«Школа молодого педагога „Первые шаги“»" in page
    assert "https://sosh5-kursk.example.ru/docs/prikaz-98-o.pdf" in page  # application
    assert "https://sosh5-kursk.example.ru/docs/otchet-rop-2024.pdf" in page  # a report
    assert "Состояние на 01.09.2026" in page and "действует" in page
    assert "№ 1-398" in page and "19.06.2029" in page  # the second term and its order
    assert "Малахова Ирина Сергеевна" in page
    assert PHONE not in page and EMAIL not in page  # contacts are not public by default


def test_contacts_appear_only_when_the_registry_publishes_them(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden"
    assert build(SAMPLE_REGISTRY, hidden)[0] == 0
    assert PHONE not in all_text(hidden) and EMAIL not in all_text(hidden)
    registry = copy_registry(tmp_path, "publish:\n  contacts: true\n")
    shown = tmp_path / "shown"
    assert build(registry, shown)[0] == 0
    assert PHONE in (shown / "sites" / "kursk-sosh-5.html").read_text("utf-8")
    data = next((shown / "data").glob("data-*.csv")).read_text("utf-8")
    assert EMAIL in data


def test_text_from_site_files_is_escaped(tmp_path: Path) -> None:
    registry = copy_registry(tmp_path)
    site = registry / "sites" / "kursk-sosh-5.yaml"
    text = site.read_text("utf-8").replace(
        "practice_name: «Школа молодого педагога „Первые шаги“»",
        'practice_name: "<script>alert(1)</script> & <b>"',
    )
    site.write_text(text, "utf-8")
    out = tmp_path / "site"
    assert build(registry, out)[0] == 0
    for page in ("index.html", "sites/kursk-sosh-5.html"):
        html = (out / page).read_text("utf-8")
        assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    ET.parse(out / "feed.xml")  # still well-formed XML


def test_feed_is_atom_with_the_changes(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(SAMPLE_REGISTRY, out, "--base-url", "https://rop.example.org/reestr")[0] == 0
    feed = ET.parse(out / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    assert feed.findtext(f"{ATOM}title")
    entries = feed.findall(f"{ATOM}entry")
    assert entries
    kinds = {e.find(f"{ATOM}category").get("term") for e in entries}  # type: ignore[union-attr]
    assert {"application", "assigned", "extended", "revoked", "report"} <= kinds
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(ids) == len(set(ids))
    days = [e.findtext(f"{ATOM}updated") or "" for e in entries]
    assert days == sorted(days, reverse=True) and all(d <= f"{ON}T00:00:00Z" for d in days)
    links = [e.find(f"{ATOM}link").get("href") for e in entries]  # type: ignore[union-attr]
    assert all(str(h).startswith("https://rop.example.org/reestr/sites/") for h in links)
    assert "kursky-seym-sosh" not in (out / "feed.xml").read_text("utf-8")
    later = tmp_path / "later"
    assert build(SAMPLE_REGISTRY, later, "--on", "2027-03-01")[0] == 0
    assert ET.parse(later / "feed.xml").getroot().findtext(f"{ATOM}id") == feed.findtext(
        f"{ATOM}id"
    )  # the feed keeps its id whatever the date


def test_dataset_files_and_passport(tmp_path: Path) -> None:
    out = tmp_path / "site"
    settings = (
        "publish:\n  identifier: 4632000000-rop\n  owner: Минобрнауки Курской области\n"
        "  responsible: {name: Иванова Анна Петровна, phone: '+7 (4712) 00-00-00', "
        "email: opendata@example.org}\n  update_frequency: ежемесячно\n"
        "  first_published: 2026-01-15\n"
    )
    registry = copy_registry(tmp_path, settings)
    assert build(registry, out)[0] == 0
    data_dir = out / "data"
    names = {p.name for p in data_dir.iterdir()}
    data_name = f"data-{ON.replace('-', '')}-structure-20261129.csv"
    assert names == {data_name, "structure-20261129.csv", "meta.csv", "datapackage.json"}
    rows = list(csv.DictReader(io.StringIO((data_dir / data_name).read_text("utf-8"))))
    assert {r["id"] for r in rows} == PUBLIC_IDS
    sosh5 = next(r for r in rows if r["id"] == "kursk-sosh-5")
    assert (sosh5["state"], sosh5["term"], sosh5["order_number"]) == ("active", "2", "1-398")
    assert sosh5["contact_phone"] == ""
    meta = dict(csv.reader(io.StringIO((data_dir / "meta.csv").read_text("utf-8"))))
    assert meta["identifier"] == "4632000000-rop"
    assert meta["creator"] == "Минобрнауки Курской области"
    assert meta["publishername"] == "Иванова Анна Петровна"
    assert meta["periodicity"] == "ежемесячно"
    assert meta["created"] == "20260115"
    assert meta[data_name.removesuffix(".csv")] == data_name
    package = json.loads((data_dir / "datapackage.json").read_text("utf-8"))
    assert package["resources"][0]["path"] == data_name


def test_frictionless_accepts_the_datapackage(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(SAMPLE_REGISTRY, out)[0] == 0
    done = subprocess.run(
        [sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
        cwd=out / "data",
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    report = json.loads(done.stdout)
    assert report["valid"] is True
    assert len(report["tasks"]) == 3


def test_stats_page_draws_inline_svg_with_tables(tmp_path: Path) -> None:
    out = tmp_path / "site"
    assert build(SAMPLE_REGISTRY, out)[0] == 0
    page = (out / "stats.html").read_text("utf-8")
    assert page.count("<svg") == 4 and page.count('<table class="numbers">') == 4
    for title in ("по состояниям", "по муниципалитетам", "Действующие", "в срок"):
        assert title in page
    assert "<script" not in page


def test_refuses_a_foreign_folder_and_rebuilds_its_own(tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "thesis.docx").write_bytes(b"precious")
    code, _, stderr = build(SAMPLE_REGISTRY, out)
    assert code == 3
    assert "не пуста" in stderr and "--force" in stderr
    assert [p.name for p in out.iterdir()] == ["thesis.docx"]
    assert build(SAMPLE_REGISTRY, out, "--force")[0] == 0
    assert not (out / "thesis.docx").exists() and (out / "index.html").is_file()
    (out / "stale.html").write_text("old", "utf-8")
    assert build(SAMPLE_REGISTRY, out)[0] == 0  # its own folder: replaced whole
    assert not (out / "stale.html").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # no temporary left


def test_never_replaces_the_registry_or_the_current_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    registry = copy_registry(tmp_path)
    for out in (registry, tmp_path):
        code, _, stderr = build(registry, out, "--force")
        assert code == 3 and "заменяется целиком" in stderr
    assert (registry / "sites" / "kursk-sosh-5.yaml").is_file()
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert build(registry, work, "--force")[0] == 3
    assert build(registry, work / "public")[0] == 0


def test_a_failed_build_leaves_nothing(tmp_path: Path) -> None:
    registry = copy_registry(tmp_path)
    (registry / "templates").mkdir()
    (registry / "templates" / "publish-site.html.j2").write_text(
        "{{ site.no_such_thing }}", "utf-8"
    )
    out = tmp_path / "out" / "site"
    out.parent.mkdir()
    code, _, stderr = build(registry, out)
    assert code == 3
    assert "publish-site.html.j2" in stderr
    assert list(out.parent.iterdir()) == []


def test_registry_override_is_honoured_and_sandboxed(tmp_path: Path) -> None:
    registry = copy_registry(tmp_path)
    (registry / "templates").mkdir()
    (registry / "templates" / "publish.css").write_text("body { color: #000; }\n", "utf-8")
    out = tmp_path / "site"
    assert build(registry, out)[0] == 0
    assert (out / "assets" / "publish.css").read_text("utf-8") == "body { color: #000; }\n"
    (registry / "templates" / "publish-stats.html.j2").write_text(
        "{{ cycler.__init__.__globals__ }}", "utf-8"
    )
    code, _, stderr = build(registry, tmp_path / "other")
    assert code == 3 and "ошибка в шаблоне" in stderr
    assert not (tmp_path / "other").exists()


def test_bad_base_url_is_a_usage_error(tmp_path: Path) -> None:
    code, _, stderr = build(SAMPLE_REGISTRY, tmp_path / "site", "--base-url", "rop.example")
    assert code == 2 and "https://" in stderr


@pytest.mark.slow
def test_installed_ropcli_publishes(tmp_path: Path) -> None:
    out = tmp_path / "site"
    done = run_installed(
        "--registry", str(SAMPLE_REGISTRY), "publish", "--out", str(out), "--on", ON
    )
    assert done.returncode == 0, done.stderr.decode()
    assert (out / "index.html").is_file() and (out / "feed.xml").is_file()
