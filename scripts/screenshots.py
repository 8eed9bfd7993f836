"""Screenshots of a running demo for the README: the dashboard, its map, a cluster page and the alerts inbox.

    make demo                 # in another terminal (or `fengqiao demo`), serving on 127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py [--base http://127.0.0.1:8000] [--out docs]

Logs in as demo-leader with the demo password and drives Debian's Chromium (/usr/bin/chromium).
"""
from __future__ import annotations

import argparse
import os
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(REPO / "docs"))
    parser.add_argument("--user", default="demo-leader")
    parser.add_argument("--password", default=os.environ.get("FENGQIAO_DEMO_PASSWORD", "fengqiao-demo"))
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_context(viewport={"width": 1360, "height": 900}, locale="zh-CN").new_page()
        page.set_default_timeout(30_000)
        page.goto(f"{args.base}/accounts/login/")
        page.fill("#id_username", args.user)
        page.fill("#id_password", args.password)
        page.click("button[type=submit].btn-primary")
        page.wait_for_url(f"{args.base}/reports/dashboard/")
        page.wait_for_function("() => document.querySelector('#chart-map canvas') !== null")
        page.wait_for_timeout(1500)  # the charts' entry animation
        page.screenshot(path=str(out / "screenshot-dashboard.png"), full_page=True)
        page.locator("#chart-map").screenshot(path=str(out / "screenshot-map.png"))
        page.goto(f"{args.base}/warning/clusters/")
        first = page.locator("main a[href*='/warning/clusters/']").first
        first.click()
        page.wait_for_load_state()
        page.screenshot(path=str(out / "screenshot-cluster.png"))  # its first screen: the cases, parties and timeline run long
        page.goto(f"{args.base}/warning/alerts/")
        page.screenshot(path=str(out / "screenshot-alerts.png"))
        browser.close()
    for name in ("dashboard", "map", "cluster", "alerts"):
        print(out / f"screenshot-{name}.png")


if __name__ == "__main__":
    main()
