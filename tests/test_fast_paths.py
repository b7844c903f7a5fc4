"""The fast paths give exactly the answers of the plain ones (docs/performance.md).

The compiled schema validator, the worker processes and the cache exist for speed only;
these tests pin that they never change a problem, a line or a message.
"""

from __future__ import annotations

import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from ropcli.core.problems import Problem
from ropcli.core.settings import Settings
from ropcli.validation.cache import Cache, code_files, fingerprint
from ropcli.validation.check import check, check_file
from ropcli.validation.registry import open_registry
from ropcli.validation.rules import REGISTRY_KEYS, value_at
from ropcli.yamlio import decode, parse_text, scan_values
from tests.conftest import SAMPLE_REGISTRY, SITE_TEXT, MakeRegistry, RunCli, edited
from tests.test_loader import LOADER_CASES
from tests.test_rules import CASES


def corpus() -> dict[str, str | bytes]:
    """Every file the rule and loader tests use: clean, failing and passing variants."""
    files: dict[str, str | bytes] = {"site.yaml": SITE_TEXT}
    for rule, case in CASES.items():
        files[f"fail-{rule}.yaml"] = edited(SITE_TEXT, *case.failing)
        files[f"pass-{rule}.yaml"] = edited(SITE_TEXT, *case.passing)
    for rule, (content, _, _) in LOADER_CASES.items():
        if rule not in ("unreadable", "file-type"):
            files[f"loader-{rule}.yaml"] = content
    for path in (SAMPLE_REGISTRY / "sites").glob("*.yaml"):
        files[path.name] = path.read_bytes()
    return files


def problems(root: Path, **options: object) -> list[Problem]:
    registry = open_registry(root)
    if options.pop("reference", False):
        registry = replace(registry, reference_schema=True)
    return check(registry, **options).problems  # type: ignore[arg-type]


@pytest.fixture
def corpus_registry(make_registry: MakeRegistry) -> Path:
    return make_registry(corpus())


def test_compiled_validator_agrees_with_jsonschema(corpus_registry: Path) -> None:
    fast = problems(corpus_registry)
    assert len(fast) > 40  # the corpus really fails, in many ways
    assert fast == problems(corpus_registry, reference=True)


@pytest.mark.parametrize(
    ("old", "new", "pointer"),
    [
        ('inn: "4632024170"', 'inn: "4632024170\\n"', "/organization/inn"),
        ('ogrn: "1024600003120"', 'ogrn: "1024600003120\\n"', "/organization/ogrn"),
        (
            "email: nastavnik@sosh5-kursk.example.ru",
            'email: "nastavnik@sosh5-kursk.example.ru\\n"',
            "/passport/contact/email",
        ),
        ("id: site", 'id: "site\\n"', "/id"),
    ],
)
def test_a_final_line_break_does_not_pass_a_pattern(
    make_registry: MakeRegistry, old: str, new: str, pointer: str
) -> None:
    """JSON Schema's `$` is the end of the text; Python's also matches before a final
    line break. Both validators must refuse «4632024170\\n» as an ИНН."""
    root = make_registry({"site.yaml": edited(SITE_TEXT, (old, new))})
    for reference in (False, True):
        found = problems(root, reference=reference)
        assert [p.pointer for p in found if p.rule in ("pattern", "schema")] == [pointer], found


def test_worker_processes_agree_with_one_process(corpus_registry: Path) -> None:
    assert problems(corpus_registry, workers=2) == problems(corpus_registry, workers=1)


def test_cache_gives_the_same_answer_and_is_used(corpus_registry: Path, tmp_path: Path) -> None:
    registry = open_registry(corpus_registry)
    first = Cache(tmp_path / "cache", registry.settings)
    cold = check(registry, keep_data=False, cache=first)
    first.close()
    second = Cache(tmp_path / "cache", registry.settings)
    warm = check(registry, keep_data=False, cache=second)
    second.close()
    assert warm.problems == cold.problems and warm.sources == cold.sources
    assert second.hits == cold.files - 1  # the file over 1 MiB is refused unread: not kept


def test_cache_sees_a_one_byte_change(make_registry: MakeRegistry, tmp_path: Path) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    registry = open_registry(root)
    for _ in range(2):
        cache = Cache(tmp_path / "cache", registry.settings)
        assert check(registry, keep_data=False, cache=cache).problems == []
        cache.close()
    site = root / "sites" / "site.yaml"
    site.write_text(edited(SITE_TEXT, ('inn: "4632024170"', 'inn: "4632024171"')), "utf-8")
    cache = Cache(tmp_path / "cache", registry.settings)
    found = check(registry, keep_data=False, cache=cache).problems
    cache.close()
    assert [p.rule for p in found] == ["identifier-checksums"]


def test_cache_key_changes_with_settings_version_and_schema(tmp_path: Path) -> None:
    base = fingerprint(Settings())
    assert fingerprint(Settings(max_years=2)) != base
    assert fingerprint(Settings(), version="0.0.0-other") != base
    files = [tmp_path / p.name for p in code_files()]
    for source, copy in zip(code_files(), files, strict=True):
        shutil.copyfile(source, copy)
    same = fingerprint(Settings(), files=files)
    schema = next(f for f in files if f.name == "site.schema.json")
    schema.write_text(schema.read_text("utf-8").replace("Срок", "Период", 1), "utf-8")
    assert fingerprint(Settings(), files=files) != same


def test_unusable_cache_folder_is_ignored(make_registry: MakeRegistry, tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    registry = open_registry(make_registry({"site.yaml": SITE_TEXT}))
    cache = Cache(blocker / "cache", registry.settings)
    assert check(registry, keep_data=False, cache=cache).problems == []
    cache.close()


TRICKY = [
    "id: a\norganization: {inn: '4632000002', ogrn: \"1024600000006\"}\n",
    "id: a\nid: b\norganization:\n  inn: 4632000002\n  inn: '1'\n",
    "organization:\n  head: {inn: x}\n  ogrn: 1024600000006\nid: 7\n",
    "? [complex, key]\n: 1\nid: a\norganization: []\n",
    "id: !!str 12\norganization:\n  inn: !custom 463\n",
    "id: a\n---\nid: b\n",
    "organization: {inn: '1', ogrn: '2'}\nid: a\n---\nid: b\n",
    "id: a\norganization: {inn: '1', ogrn: '2'}\nbroken: [\n",
    "id: &x a\norganization: {inn: *x}\n",
    "---\n",
    "# nothing\n",
    "- id: a\n",
    "id: a\norganization:\n  inn: [1\n",
    "history:\n  - id: nested\norganization:\n  ogrn: '2'\n",
]


@pytest.mark.parametrize("index", range(len(TRICKY)))
def test_scanned_identifiers_equal_the_parsed_ones_tricky(index: int) -> None:
    assert_scan_matches(TRICKY[index])


def test_scanned_identifiers_equal_the_parsed_ones_on_the_corpus() -> None:
    for name, content in corpus().items():
        text = content if isinstance(content, str) else decode(content, name)[0]
        if text is not None:
            assert_scan_matches(text)


def assert_scan_matches(text: str) -> None:
    """Where the file parses, the scan reads the same values; where it does not, the scan
    gives nothing or (when the file breaks after them) all the identifiers."""
    document = parse_text(text, "f.yaml").document
    scanned = scan_values(text, REGISTRY_KEYS)
    if document is None:
        assert scanned is None or set(scanned) == set(REGISTRY_KEYS), text
        return
    assert scanned is not None, text
    expected = {p: value_at(document.data, p) for p in REGISTRY_KEYS}
    assert {p: scanned.get(p) for p in REGISTRY_KEYS} == expected, text


def test_a_large_run_through_the_cli_is_quiet_off_a_terminal(
    make_registry: MakeRegistry, cli: RunCli
) -> None:
    """Over 300 files: worker processes and the progress bar's threshold are crossed; off a
    terminal nothing but the report is printed, and the answer is the serial one."""
    sites = {f"s{n}.yaml": edited(SITE_TEXT, ("id: site", f"id: s{n}")) for n in range(310)}
    root = make_registry(sites)
    result = cli("--registry", str(root), "validate", "--format", "json")
    assert result.stderr == ""
    found = json.loads(result.stdout)
    assert found["files"] == 310
    # Every file repeats one ИНН and ОГРН: each file is reported, twice.
    assert len(found["problems"]) == 2 * 310
    serial = check(open_registry(root), workers=1).problems
    assert [p.to_dict() for p in serial] == found["problems"]


def test_a_broken_copy_elsewhere_is_not_a_duplicate(make_registry: MakeRegistry) -> None:
    """`validate FILE` reads other files' identifiers cheaply; a copy that shares them but
    does not parse is reported as broken by a full check, never as a duplicate."""
    broken = edited(SITE_TEXT, ("id: site", "id: b-copy")) + "oops:\n\t- tab\n"
    other = edited(
        SITE_TEXT,
        ("id: site", "id: c-other"),
        ('"4632024170"', '"4632000002"'),
        ('"1024600003120"', '"1024600000006"'),
    )
    root = make_registry(
        {
            "a-good.yaml": edited(SITE_TEXT, ("id: site", "id: a-good")),
            "b-copy.yaml": broken,
            "c-other.yaml": other,
        }
    )
    registry = open_registry(root)
    full = check(registry).problems
    assert {(p.file, p.rule) for p in full} == {("sites/b-copy.yaml", "yaml")}
    for name in ("a-good", "c-other"):
        assert check(registry, [root / "sites" / f"{name}.yaml"]).problems == []
    alone = check(registry, [root / "sites" / "b-copy.yaml"]).problems
    assert alone == [p for p in full if p.file == "sites/b-copy.yaml"]


def test_a_copied_file_is_a_duplicate_when_checked_alone(make_registry: MakeRegistry) -> None:
    root = make_registry(
        {
            "a.yaml": edited(SITE_TEXT, ("id: site", "id: a")),
            "b.yaml": edited(SITE_TEXT, ("id: site", "id: b")),
        }
    )
    registry = open_registry(root)
    alone = check(registry, [root / "sites" / "b.yaml"]).problems
    assert alone == [p for p in check(registry).problems if p.file == "sites/b.yaml"]
    assert {p.rule for p in alone} == {"unique-identifiers"}


def test_the_cache_keys_what_was_checked_not_what_is_there_now(
    make_registry: MakeRegistry, tmp_path: Path
) -> None:
    root = make_registry({"site.yaml": SITE_TEXT})
    registry = open_registry(root)
    site = root / "sites" / "site.yaml"
    checked = check_file(registry, site, "sites/site.yaml")
    site.write_text(edited(SITE_TEXT, ('inn: "4632024170"', 'inn: "94632000010"')), "utf-8")
    cache = Cache(tmp_path / "cache", registry.settings)
    cache.put(checked)  # saved by an editor after the check: the result is for the old bytes
    cache.close()
    again = Cache(tmp_path / "cache", registry.settings)
    assert again.get(site, "sites/site.yaml") is None
    assert [p.rule for p in check(registry, keep_data=False, cache=again).problems] == ["pattern"]
    again.close()


def test_spawned_workers_keep_the_parents_settings(make_registry: MakeRegistry) -> None:
    root = make_registry({"site.yaml": SITE_TEXT}, settings="term:\n  max_years: 2\n")
    registry = open_registry(root)
    serial = check(registry, workers=1).problems
    assert {p.rule for p in serial} == {"term-cap"}
    assert check(registry, workers=2, start_method="spawn").problems == serial
