"""Browser tests: Playwright drives Debian's chromium against pytest-django's live server.

Fixtures (use them in tests marked ``@pytest.mark.browser``):
- ``browser_page`` (alias ``page``): a fresh context and page at desktop size (1366x768),
  ``base_url`` = the live server, CSP bypassed only so axe-core can be injected;
- ``login_as(user) -> Page``: signs ``user`` in on ``browser_page`` (a session cookie made by
  Django's test client ``force_login``) and returns the page;
- ``live_url(path) -> str``: the live server's absolute URL of ``path``.
Helpers, importable as ``from tests.browser.conftest import screenshot, check_accessibility``
and also given as fixtures of the same names:
- ``screenshot(page, name)``: ``var/screenshots/<name>-desktop.png`` (1366x768) and
  ``<name>-phone.png`` (390x844), full page;
- ``check_accessibility(page)``: runs the npm-installed axe-core, fails on any serious or
  critical violation with a readable list.
One chromium per session; without /usr/bin/chromium (``make setup`` installs it as root) or
node_modules/axe-core (``npm ci``) the tests skip, saying why.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = Path(os.environ.get("GONGKAI_CHROMIUM", "/usr/bin/chromium"))
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = REPO / "var" / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
BLOCKING_IMPACTS = ("serious", "critical")

__all__ = ["check_accessibility", "keyboard_pass", "screenshot"]


def _missing() -> str | None:
    """Why the browser tests cannot run here, or None."""
    if not CHROMIUM.exists():
        return (
            f"no {CHROMIUM}: the browser tests need Debian's chromium and fonts-noto-cjk "
            "(make setup installs them when run as root)"
        )
    if not AXE.exists():
        return "no node_modules/axe-core: run make setup (npm ci)"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "no playwright: pip install -e '.[dev]'"
    return None


@pytest.fixture(scope="session")
def _browser() -> Iterator[Any]:
    reason = _missing()
    if reason:
        # CI (.ci/run) sets GONGKAI_REQUIRE_BROWSER=1: there a missing browser is a failure.
        if os.environ.get("GONGKAI_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an asyncio loop in this thread; the test body's ORM calls
    # are still synchronous, so Django's async-safety guard is lifted for the browser tests.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # Playwright gives each launch a fresh temporary user-data-dir; HOME is pointed at a
    # throw-away folder too so chromium writes nothing into the real one.
    home = tempfile.mkdtemp(prefix="gongkai-chromium-")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_ARGS,
            env={**os.environ, "HOME": home},
        )
        try:
            yield browser
        finally:
            browser.close()
    os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    shutil.rmtree(home, ignore_errors=True)


@pytest.fixture
def live_url(live_server: Any) -> Callable[[str], str]:
    """The live server's absolute URL of a path."""
    return lambda path: f"{live_server.url}{path}"


@pytest.fixture
def browser_page(_browser: Any, live_server: Any, transactional_db: None) -> Iterator[Any]:
    """A fresh context and page (desktop size, Chinese locale) on the live server."""
    context = _browser.new_context(
        base_url=live_server.url,
        viewport=DESKTOP,
        locale="zh-CN",
        timezone_id="Asia/Shanghai",
        bypass_csp=True,  # axe-core is injected as an inline script
    )
    context.set_default_timeout(10_000)
    page = context.new_page()
    try:
        yield page
    finally:
        context.close()


@pytest.fixture
def page(browser_page: Any) -> Any:
    """The same page as ``browser_page``."""
    return browser_page


@pytest.fixture
def login_as(browser_page: Any, live_server: Any) -> Callable[[Any], Any]:
    """Sign a user in on ``browser_page`` (no password: Django's force_login) and return it."""

    def login(user: Any) -> Any:
        client = Client()
        client.force_login(user)
        session = client.cookies["sessionid"].value
        browser_page.context.add_cookies(
            [{"name": "sessionid", "value": session, "url": live_server.url}]
        )
        return browser_page

    return login


def screenshot(page: Any, name: str) -> list[Path]:
    """Save ``<name>-desktop.png`` (1366x768) and ``<name>-phone.png`` (390x844), full page."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    before = page.viewport_size or DESKTOP
    saved = []
    for label, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        saved.append(path)
    page.set_viewport_size(before)
    return saved


def _describe(violation: dict[str, Any]) -> str:
    targets = "; ".join(
        " ".join(str(part) for part in node.get("target", [])) for node in violation["nodes"][:5]
    )
    return f"- [{violation['impact']}] {violation['id']}: {violation['help']}\n    at {targets}"


def check_accessibility(page: Any) -> list[dict[str, Any]]:
    """Run axe-core on the page; fail on serious or critical violations, return the rest."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    violations: list[dict[str, Any]] = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
    )
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        listing = "\n".join(_describe(v) for v in blocking)
        pytest.fail(f"axe-core: {len(blocking)} serious/critical on {page.url}:\n{listing}")
    return [v for v in violations if v not in blocking]


@pytest.fixture(name="screenshot")
def _screenshot_fixture() -> Callable[[Any, str], list[Path]]:
    return screenshot


@pytest.fixture(name="check_accessibility")
def _check_accessibility_fixture() -> Callable[[Any], list[dict[str, Any]]]:
    return check_accessibility


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test under tests/browser is a browser test."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.path)).parents:
            item.add_marker(pytest.mark.browser)


_FOCUSABLE = (
    "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), "
    "select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"
)

# Where focus is now: a stable key, the element's text, and whether its focus ring shows.
_FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    const ring = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0)
        || style.boxShadow !== 'none';
    if (!el.dataset.kbd) el.dataset.kbd = String(document.querySelectorAll('[data-kbd]').length);
    return {key: el.dataset.kbd, text: (el.textContent || el.value || el.name || '').trim(),
            ring: ring, seen: box.width > 0 && box.height > 0};
}"""


def keyboard_pass(page: Any, *, limit: int = 300) -> list[str]:
    """Tab through the page from the top; fail unless the skip link comes first, every
    visible control is reached with its focus shown, and focus leaves the page (no trap).
    Return the focused elements' texts in order."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); }")
    page.evaluate("() => window.scrollTo(0, 0)")
    order: list[str] = []
    keys: set[str] = set()
    last = ""
    for _ in range(limit):
        page.keyboard.press("Tab")
        state = page.evaluate(_FOCUS_STATE)
        if state is not None and order and state["key"] == last:
            continue  # a date input's day, month and year take a Tab each
        if state is None or state["key"] in keys:
            break  # focus went past the last control to the browser, or came round again
        keys.add(state["key"])
        last = state["key"]
        order.append(state["text"])
        if not state["ring"] or not state["seen"]:
            pytest.fail(f"focus not visible on {state['text']!r} ({page.url})")
    else:
        pytest.fail(f"keyboard trap: {limit} Tabs without leaving {page.url}")
    assert order and order[0] == "跳到主要内容", order[:3]
    unreached = page.evaluate(
        """(selector) => [...document.querySelectorAll(selector)]
            .filter(el => el.getClientRects().length && !el.dataset.kbd
                          && getComputedStyle(el).visibility !== 'hidden')
            .map(el => (el.textContent || el.name || el.outerHTML).trim().slice(0, 60))""",
        _FOCUSABLE,
    )
    assert unreached == [], f"not reached by Tab on {page.url}: {unreached}"
    return order
