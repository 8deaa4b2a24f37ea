"""`make screenshots`: docs/explorer.png, the explorer of the published warehouse in Debian's chromium.

    python -m pipelines.report.screenshot docs/explorer.png [--warehouse FILE]

Run `make demo` (or the pipeline) first: it writes the report from the published copy into a
temporary directory, filters it to one goal's actions, and takes the picture."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

# Debian's chromium (`make .chromium`), the one browser the tests, the bench and the pictures use.
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
# Chosen before the picture, so it shows the filters at work.
GOAL = "prosecution"


def take(index: Path, target: Path) -> None:
    from playwright.sync_api import sync_playwright  # a dev dependency: only this tool needs it

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM)
        page = browser.new_page(viewport={"width": 1280, "height": 1500})
        page.goto(index.as_uri())
        page.wait_for_function("document.body.dataset.renderMs !== undefined")
        page.select_option("#f-goal", GOAL)
        page.select_option("#f-mode", "action")
        page.evaluate("window.explorerDrawStale()")  # charts below the fold follow the filters too
        page.wait_for_timeout(300)  # plotly's transitions settle before the picture
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=False)
        browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path)
    parser.add_argument("--warehouse", type=Path, default=None,
                        help="DuckDB file (default: the published copy of $ALLIANCE_WAREHOUSE)")
    args = parser.parse_args(argv)
    from pipelines.report import ReportError, write_report
    from warehouse.location import warehouse_path
    from warehouse.publish import published_path

    source = args.warehouse or published_path(warehouse_path(None))
    if not Path(CHROMIUM).is_file():
        print(f"screenshot: no chromium at {CHROMIUM} (`make .chromium` installs it)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="alliance-explorer-") as out:
        try:
            report = write_report(source, Path(out))
        except ReportError as error:
            print(f"screenshot: {error} (run `make demo` first)", file=sys.stderr)
            return 2
        take(report.index, args.target)
    print(f"screenshot: {args.target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
