"""Facet clicks: the overview page in Chromium, from a click on a checkbox to the new count."""

from __future__ import annotations

import contextlib
import functools
import http.server
import statistics
import threading
from collections.abc import Iterator
from pathlib import Path

from playwright.sync_api import sync_playwright

from bench.results import CLICK_BUDGET, FRAME_BUDGET, Results, Row, log, verdict
from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGUMENTS, QuietHandler

CLICK_SCRIPT = """
async ({selector, clicks, warmup}) => {
  const status = document.querySelector(".ww-result-count");
  const boxes = [...document.querySelectorAll(selector)];
  if (!status || !boxes.length) throw new Error("no overview or no facet " + selector);
  const nextFrame = () => new Promise((resolve) =>
    requestAnimationFrame(() => { const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve(); channel.port2.postMessage(0); }));
  const changed = (before) => new Promise((resolve) => {
    if (status.textContent !== before) return resolve(performance.now());
    const observer = new MutationObserver(() => {
      if (status.textContent !== before) { observer.disconnect(); resolve(performance.now()); }
    });
    observer.observe(status, {childList: true, characterData: true, subtree: true});
  });
  const toList = [], toFrame = [];
  for (let i = 0; i < warmup + clicks; i++) {
    // Check a box, then uncheck it: every click changes the count.
    const box = boxes[Math.floor(i / 2) % boxes.length];
    await nextFrame();
    const before = status.textContent;
    const start = performance.now();
    box.click();
    const listed = await changed(before);
    await nextFrame();
    const painted = performance.now();
    if (i >= warmup) { toList.push(listed - start); toFrame.push(painted - start); }
  }
  // Where the time goes: the same clicks with the history calls made no-ops (the handler's own
  // script), then a forced style and layout (what the list's new state costs to render).
  const push = history.pushState, replace = history.replaceState;
  history.pushState = history.replaceState = () => {};
  const script = [], layout = [];
  try {
    for (let i = 0; i < warmup + clicks; i++) {
      await nextFrame();
      const start = performance.now();
      boxes[Math.floor(i / 2) % boxes.length].click();
      const handled = performance.now();
      document.documentElement.offsetHeight;
      if (i >= warmup) { script.push(handled - start); layout.push(performance.now() - handled); }
    }
  } finally {
    history.pushState = push;
    history.replaceState = replace;
  }
  return {toList, toFrame, script, layout, total: status.textContent, boxes: boxes.length};
}
"""


@contextlib.contextmanager
def static_server(directory: Path) -> Iterator[str]:
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()


def measure_clicks(site_dir: Path, clicks: int) -> dict:
    """Milliseconds from a programmatic click on a phenomenon checkbox to the new result count."""
    with static_server(site_dir) as base_url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGUMENTS)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{base_url}/interventies/", wait_until="load", timeout=120_000)
            result = page.evaluate(
                CLICK_SCRIPT,
                {"selector": 'input[name="fenomeen"]', "clicks": clicks, "warmup": 2},
            )
            if errors:
                raise RuntimeError(f"errors in the overview page: {errors}")
            return result
        finally:
            browser.close()


def add_clicks(results: Results, size: int, site_dir: Path, clicks: int) -> None:
    log(f"{size:,} records: facet clicks in Chromium")
    measured = measure_clicks(site_dir, clicks)
    to_list = statistics.median(measured["toList"])
    to_frame = statistics.median(measured["toFrame"])
    results.add(
        Row(
            "Facet click → updated count (Chromium)",
            size,
            f"{to_list:.1f} ms (median of {len(measured['toList'])} clicks)",
            "—",
            "—",
            CLICK_BUDGET.text,
            verdict(CLICK_BUDGET, size, to_list),
            "click",
        )
    )
    results.add(
        Row(
            "Facet click → next painted frame (Chromium)",
            size,
            f"{to_frame:.1f} ms (median of {len(measured['toFrame'])} clicks)",
            "—",
            "—",
            FRAME_BUDGET.text,
            verdict(FRAME_BUDGET, size, to_frame),
            "frame",
        )
    )
    results.note(
        f"Facet click at {size:,} records: {to_list:.1f} ms from `click()` to the new count "
        f"(synchronous work of the change handler); {to_frame:.1f} ms to the next frame "
        f"(style, layout and paint of the list included), median of "
        f"{len(measured['toFrame'])} clicks on the {measured['boxes']} phenomenon boxes. "
        "With `history.pushState`/`replaceState` made no-ops the handler's own script "
        f"takes {statistics.median(measured['script']):.1f} ms and a forced style and layout "
        f"after it {statistics.median(measured['layout']):.1f} ms (a history call made "
        "while the list is changed forces that layout inside the click)."
    )
