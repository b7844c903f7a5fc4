"""The open register in a real browser: headless Chromium (Debian's chromium and
chromium-driver, driven by selenium) opens `index.html` from disk and is used like a person
would — search, each filter, sorting, a site page from the table — with no console error
and no request leaving the machine."""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.cli_support import SAMPLE_REGISTRY, invoke

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver") or (
    "/usr/bin/chromedriver" if Path("/usr/bin/chromedriver").exists() else None
)
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        CHROMIUM is None or CHROMEDRIVER is None,
        reason="нет Chromium: apt-get install chromium chromium-driver",
    ),
]
webdriver = pytest.importorskip("selenium.webdriver")
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

ON = "2026-09-01"
LOCAL = ("file://", "data:", "about:")
PUBLIC = 10  # the sample's sites less its draft
DOCS = Path(__file__).resolve().parents[1] / "docs"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("publish") / "site"
    result = invoke(SAMPLE_REGISTRY, "publish", "--out", str(out), "--on", ON)
    assert result.exit_code == 0, result.stderr
    return out


def chromium(profile: str, *, javascript: bool = True) -> object:
    """Debian's headless Chromium on a fresh profile, with no traffic of its own (the
    flags this machine's closed network needs)."""
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        f"--user-data-dir={profile}",
    ):
        options.add_argument(flag)
    # The performance log carries Chromium's own network events: every request it made.
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    if not javascript:
        options.add_experimental_option(
            "prefs", {"profile.managed_default_content_settings.javascript": 2}
        )
    return webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    profile = tempfile.mkdtemp(prefix="ropcli-chromium-")
    driver: Any = chromium(profile)
    driver.get("about:blank")
    driver.get_log("performance")  # what the browser's own start page loaded is not ours
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def visible_rows(driver: object) -> list[str]:
    rows = driver.find_elements(By.CSS_SELECTOR, "#register tbody tr")  # type: ignore[attr-defined]
    return [r.get_attribute("data-id") for r in rows if r.is_displayed()]


def severe_logs(driver: object) -> list[dict[str, object]]:
    return [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]  # type: ignore[attr-defined]


def resource_urls(driver: object) -> list[str]:
    """Every URL the browser requested since the last call (its network log), and every
    resource the page names."""
    requested = []
    for entry in driver.get_log("performance"):  # type: ignore[attr-defined]
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            requested.append(message["params"]["request"]["url"])
    script = (
        "return [location.href].concat(performance.getEntriesByType('resource')"
        ".map(function (e) { return e.name; }), Array.prototype.map.call("
        "document.querySelectorAll('script[src], link[rel=stylesheet], img[src]'),"
        " function (e) { return e.src || e.href; }));"
    )
    return requested + list(driver.execute_script(script))  # type: ignore[attr-defined]


def open_index(driver: object, site: Path) -> None:
    driver.get_log("performance")  # type: ignore[attr-defined]
    driver.get((site / "index.html").as_uri())  # type: ignore[attr-defined]
    driver.find_element(By.ID, "filters")  # type: ignore[attr-defined]


def test_table_search_and_filters_narrow_it(browser: object, site: Path) -> None:
    open_index(browser, site)
    driver = browser
    assert len(visible_rows(driver)) == PUBLIC
    assert driver.find_element(By.ID, "filters").is_displayed()  # type: ignore[attr-defined]
    search = driver.find_element(By.ID, "q")  # type: ignore[attr-defined]
    search.send_keys("гимназ")
    assert visible_rows(driver) == ["oboyan-gimn-1"]
    assert "1 из 10" in driver.find_element(By.ID, "count").text  # type: ignore[attr-defined]
    search.clear()
    search.send_keys(" ")  # an input event with an empty query shows everything again
    assert len(visible_rows(driver)) == PUBLIC
    for select_id, value, expected in (
        ("f-state", "active", {"kursk-sosh-12", "kursk-sosh-5", "zhel-cdt"}),
        ("f-municipality", "город Курск", {"kursk-kits", "kursk-sosh-12", "kursk-sosh-5"}),
        ("f-form", "учитель – учитель", None),
    ):
        driver.find_element(By.ID, "f-reset").click()  # type: ignore[attr-defined]
        Select(driver.find_element(By.ID, select_id)).select_by_value(value)  # type: ignore[attr-defined]
        shown = set(visible_rows(driver))
        assert 0 < len(shown) < PUBLIC, select_id
        if expected is not None:
            assert shown == expected
        else:
            assert "kursk-sosh-5" in shown and "kurchatov-sosh-4" not in shown
    driver.find_element(By.ID, "f-reset").click()  # type: ignore[attr-defined]
    assert len(visible_rows(driver)) == PUBLIC
    assert severe_logs(driver) == []


def test_column_sorting_by_keyboard_and_click(browser: object, site: Path) -> None:
    open_index(browser, site)
    driver = browser
    header = driver.find_element(By.CSS_SELECTOR, "#register thead th:nth-child(2) button")  # type: ignore[attr-defined]
    header.click()
    towns = [
        r.find_element(By.CSS_SELECTOR, "td").text
        for r in driver.find_elements(By.CSS_SELECTOR, "#register tbody tr")  # type: ignore[attr-defined]
    ]
    assert towns == sorted(towns, key=str.lower)
    header.send_keys("\ue007")  # Enter on the focused button: descending
    towns_down = [
        r.find_element(By.CSS_SELECTOR, "td").text
        for r in driver.find_elements(By.CSS_SELECTOR, "#register tbody tr")  # type: ignore[attr-defined]
    ]
    assert towns_down == list(reversed(towns))
    th = driver.find_element(By.CSS_SELECTOR, "#register thead th:nth-child(2)")  # type: ignore[attr-defined]
    assert th.get_attribute("aria-sort") == "descending"


def test_site_page_opens_from_the_table(browser: object, site: Path) -> None:
    open_index(browser, site)
    driver = browser
    driver.find_element(By.CSS_SELECTOR, 'a[href="sites/kursk-sosh-5.html"]').click()  # type: ignore[attr-defined]
    assert driver.current_url.endswith("/sites/kursk-sosh-5.html")  # type: ignore[attr-defined]
    heading = driver.find_element(By.TAG_NAME, "h1").text  # type: ignore[attr-defined]
    assert heading == "МБОУ «СОШ № 5»"
    assert "Паспорт практики" in driver.page_source  # type: ignore[attr-defined]
    assert severe_logs(driver) == []
    urls = resource_urls(driver)
    assert all(url.startswith(LOCAL) for url in urls), urls


def test_nothing_leaves_the_machine_and_no_console_errors(browser: object, site: Path) -> None:
    driver = browser
    for page in ("index.html", "stats.html", "sites/rylsk-sosh-1.html"):
        driver.get((site / page).as_uri())  # type: ignore[attr-defined]
        urls = resource_urls(driver)
        assert any(url.endswith("assets/publish.css") for url in urls), page
        assert all(url.startswith(LOCAL) for url in urls), urls
        assert severe_logs(driver) == [], page
        header = driver.find_element(By.CSS_SELECTOR, ".site-header")  # type: ignore[attr-defined]
        assert header.value_of_css_property("background-color") == "rgba(18, 53, 91, 1)"


def test_without_javascript_the_whole_table_shows(site: Path, tmp_path: Path) -> None:
    driver: Any = chromium(str(tmp_path / "profile"), javascript=False)
    try:
        driver.get((site / "index.html").as_uri())
        assert len(visible_rows(driver)) == PUBLIC
        assert not driver.find_element(By.ID, "filters").is_displayed()
    finally:
        driver.quit()
