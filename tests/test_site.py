"""The built book, as a reader sees it: every page in headless Chromium.

For each page in ``_toc.yml`` the test serves ``_build/html`` over HTTP on 127.0.0.1 (a
``file://`` page may not load MathJax's web fonts), opens the page in the system's
Chromium through playwright, waits for MathJax to typeset, saves a full-page screenshot
to ``_build/screenshots/`` and checks that

- the page loads with no console error, no uncaught exception and no failed request;
- it requests nothing from another host (pages must render offline);
- every ``<img>`` has loaded (``naturalWidth > 0``);
- every equation was typeset by MathJax;
- a chapter page (``notebooks/...``) shows at least one figure among its outputs.

Run after building the book: ``make test`` does, or ``make book`` then ``make test-site``.
"""

import functools
import http.server
import os
import threading
from pathlib import Path
from urllib.parse import urlparse

import pytest
import yaml

pytestmark = pytest.mark.site

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE = REPO_ROOT / "_build" / "html"
SCREENSHOTS = REPO_ROOT / "_build" / "screenshots"
CHROMIUM = os.environ.get("SCALINGLAWS_CHROMIUM", "/usr/bin/chromium")
# Flags for a quiet, offline, container-friendly headless Chromium.
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


def toc_pages(toc):
    """Document names (e.g. ``notebooks/01_x``) in the order of a jb-book ``_toc.yml``."""
    pages = [toc["root"]] if "root" in toc else []
    for key in ("parts", "chapters", "sections"):
        for entry in toc.get(key, []):
            if "file" in entry:
                pages.append(entry["file"])
            pages.extend(toc_pages(entry))
    return [str(Path(page).with_suffix("")) for page in pages]


PAGES = toc_pages(yaml.safe_load((REPO_ROOT / "_toc.yml").read_text()))

# Runs in the page once it has loaded: waits for MathJax and for every image, then
# reports what a reader would see.
INSPECT_PAGE = """
async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) {
    await MathJax.startup.promise;
  }
  const images = Array.from(document.images);
  for (const img of images) img.loading = "eager";
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  const inChapterOutput = img => img.closest(".cell_output, figure") !== null;
  return {
    images: images.map(img => ({src: img.currentSrc || img.src, width: img.naturalWidth})),
    figures: images.filter(img => inChapterOutput(img) && img.naturalWidth > 0).length,
    equations: document.querySelectorAll(".math").length,
    untypeset: Array.from(document.querySelectorAll(".math"))
      .filter(el => el.querySelector("mjx-container") === null)
      .map(el => el.textContent.slice(0, 60)),
  };
}
"""


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # the request log would drown pytest's output
        pass


@pytest.fixture(scope="module")
def site_url():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"no built book at {SITE}: run `make book` (or `make test`) first")
    handler = functools.partial(QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)  # a free port
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"no Chromium at {CHROMIUM}: `make test` installs it with apt; "
            "elsewhere set SCALINGLAWS_CHROMIUM to a Chromium binary"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


def test_the_table_of_contents_lists_pages():
    assert PAGES, "_toc.yml lists no pages"


@pytest.mark.parametrize("page_name", PAGES)
def test_page_renders(page_name, site_url, browser):
    host = urlparse(site_url).netloc
    problems = []
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.on(
        "console",
        lambda msg: (
            msg.type == "error"
            and problems.append(
                f"console error: {msg.text} (at {msg.location.get('url')})"
            )
        ),
    )
    page.on("pageerror", lambda error: problems.append(f"uncaught exception: {error}"))
    page.on(
        "requestfailed",
        lambda request: problems.append(
            f"request failed: {request.url} ({request.failure})"
        ),
    )
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and problems.append(f"HTTP {response.status}: {response.url}")
        ),
    )
    page.on(
        "request",
        lambda request: (
            urlparse(request.url).scheme in ("http", "https")
            and urlparse(request.url).netloc != host
            and problems.append(f"request to another host: {request.url}")
        ),
    )

    page.goto(f"{site_url}/{page_name}.html", wait_until="networkidle")
    seen = page.evaluate(INSPECT_PAGE)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(SCREENSHOTS / f"{page_name.replace('/', '__')}.png"), full_page=True
    )
    page.close()

    problems += [
        f"image did not load: {image['src']}"
        for image in seen["images"]
        if image["width"] == 0
    ]
    problems += [
        f"equation not typeset by MathJax: {text!r}" for text in seen["untypeset"]
    ]
    if page_name.startswith("notebooks/") and seen["figures"] == 0:
        problems.append("chapter page shows no figure")
    assert not problems, f"{page_name}.html:\n  " + "\n  ".join(problems)
