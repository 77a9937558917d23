#!/usr/bin/python3
"""Checks the HTML report in a real browser (headless Chromium over the DevTools protocol).

For the batch index and a sample page it checks: the page loads with no console errors or
uncaught exceptions; the plots render (non-empty SVG paths, evidence annotations present); the
wheel zooms a plot (its viewBox narrows) and double-click resets it; the MS/MS spectrum of an
ms2_spectrum evidence (stick plot, labelled fragments, mirror of the prediction) is drawn and zooms
from its evidence link and the wheel; a hostile sample id shows as
text; a 200-sample index stays under 2 MB and loads in under 2 s. Screenshots are written to --out.

Usage: browser_check.py --fixture-writer PROGRAM --out DIR      (writes fixture reports, checks them)
       browser_check.py --report DIR --out DIR                  (checks an existing report folder)
Needs Debian's chromium and python3-websocket. Exit 0 when every check passes.
"""
import argparse
import base64
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

import websocket

FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-extensions", "--hide-scrollbars", "--window-size=1280,900",
         "--allow-file-access-from-files", "--remote-debugging-port=0"]


class Browser:
    def __init__(self, executable):
        self.profile = tempfile.mkdtemp(prefix="sidepeak-chromium-")
        self.proc = subprocess.Popen([executable, *FLAGS, f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        port_file = os.path.join(self.profile, "DevToolsActivePort")
        deadline = time.time() + 30
        while not os.path.exists(port_file) or os.path.getsize(port_file) == 0:
            if time.time() > deadline or self.proc.poll() is not None:
                raise RuntimeError("chromium did not start")
            time.sleep(0.1)
        port = open(port_file).read().split()[0]
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        self.next_id = 0
        self.events = []
        for domain in ("Page", "Runtime", "Log"):
            self.call(f"{domain}.enable")

    def call(self, method, **params):
        self.next_id += 1
        my_id = self.next_id
        self.ws.send(json.dumps({"id": my_id, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == my_id:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})
            self.events.append(msg)

    def wait_event(self, name, timeout=20):
        deadline = time.time() + timeout
        while time.time() < deadline:
            for i, e in enumerate(self.events):
                if e.get("method") == name:
                    return self.events.pop(i)
            self.ws.settimeout(max(0.1, deadline - time.time()))
            try:
                self.events.append(json.loads(self.ws.recv()))
            except websocket.WebSocketTimeoutException:
                break
        raise RuntimeError(f"timeout waiting for {name}")

    def open(self, path):
        self.events.clear()
        start = time.time()
        self.call("Page.navigate", url="file://" + os.path.abspath(path))
        self.wait_event("Page.loadEventFired")
        return time.time() - start

    def evaluate(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"evaluate failed: {r['exceptionDetails']}")
        return r["result"].get("value")

    def problems(self):
        out = []
        for e in self.events:
            m, p = e.get("method"), e.get("params", {})
            if m == "Runtime.exceptionThrown":
                out.append("exception: " + json.dumps(p.get("exceptionDetails", {}))[:300])
            elif m == "Runtime.consoleAPICalled" and p.get("type") in ("error", "assert"):
                out.append("console error: " + json.dumps(p.get("args", []))[:300])
            elif m == "Log.entryAdded" and p.get("entry", {}).get("level") == "error":
                out.append("log error: " + p["entry"].get("text", "")[:300])
        return out

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def wheel(self, x, y, delta):
        self.call("Input.dispatchMouseEvent", type="mouseWheel", x=x, y=y, deltaX=0, deltaY=delta)

    def close(self):
        try:
            self.ws.close()
        finally:
            self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
            shutil.rmtree(self.profile, ignore_errors=True)


class Checks:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def check(self, ok, what):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
            print(f"FAIL: {what}")


def check_ms2_plot(browser, checks, out_dir, tag):
    """The MS/MS spectrum of an ms2_spectrum evidence (when the page has one): laid out, observed
    sticks and labelled fragments drawn, the mirror's predicted sticks below zero, the evidence
    link zooms it, the wheel zooms it and the labels follow, all without console errors."""
    plot_id = browser.evaluate("(function(){var s=document.querySelector('svg.plot[id^=\"ms2-\"]');return s?s.id:null;})()")
    if not plot_id:
        print(f"{tag}: no MS/MS spectrum on the sample page")
        return
    sel = f"document.getElementById('{plot_id}')"
    width = browser.evaluate(f"{sel}.getBoundingClientRect().width")
    checks.check(width and width > 300, f"{tag} MS2 plot is laid out ({width}px)")
    # Each stick is three points (0, y, 0) of one path.
    sticks = browser.evaluate(f"Math.floor((({sel}.querySelector('path.series').getAttribute('d')||'').split(/[ML]/).length - 1) / 3)")
    checks.check(sticks and sticks >= 3, f"{tag} MS2 plot draws the observed sticks ({sticks})")
    labels = browser.evaluate(f"Array.prototype.filter.call({sel}.querySelectorAll('text.mlabel'),"
                              "function(t){var b=t.getBBox();return t.textContent.length>0&&b.width>0;}).length")
    checks.check(labels and labels >= 2, f"{tag} MS2 fragments are labelled ({labels} labels drawn)")
    mirror = browser.evaluate(f"{sel}.querySelectorAll('path.pred-nox, path.pred-intact').length")
    if mirror:
        # Predicted sticks point down: their drawn box lies below the zero line.
        below = browser.evaluate(f"(function(){{var s={sel},z=s.querySelector('path.baseline').getBoundingClientRect(),"
                                 "p=s.querySelector('path.pred-nox, path.pred-intact').getBoundingClientRect();"
                                 "return p.height>5&&p.top>=z.top-1;})()")
        checks.check(below, f"{tag} MS2 mirror draws the predicted fragments below zero")
    # The evidence row's link zooms the plot onto the spectrum (its data-w half-width).
    link = browser.evaluate(f"(function(){{var a=document.querySelector('a[data-plot=\"{plot_id}\"]');if(!a)return null;"
                            "a.click();return [+a.getAttribute('data-w'),"
                            f"+{sel}.querySelector('svg.area').getAttribute('viewBox').split(/\\s+/)[2]];}})()")
    checks.check(link and abs(link[1] - 2 * link[0]) <= 1e-6 * abs(link[1]) + 1e-9,
                 f"{tag} MS2 evidence link zooms its plot ({link})")
    rect = browser.evaluate(f"(function(){{var s={sel};s.scrollIntoView({{block:'center'}});var r=s.getBoundingClientRect();"
                            "return [r.left, r.top, r.width, r.height];})()")
    before = float(browser.evaluate(f"{sel}.querySelector('svg.area').getAttribute('viewBox')").split()[2])
    x, y = rect[0] + rect[2] * 0.6, rect[1] + rect[3] * 0.5
    for _ in range(3):
        browser.wheel(x, y, -300)
    time.sleep(0.2)
    after = float(browser.evaluate(f"{sel}.querySelector('svg.area').getAttribute('viewBox')").split()[2])
    checks.check(after < 0.7 * before, f"{tag} wheel zooms the MS2 plot ({before} -> {after})")
    hidden = browser.evaluate(f"Array.prototype.filter.call({sel}.querySelectorAll('text.mlabel'),"
                              "function(t){return t.style.display==='none';}).length")
    checks.check(hidden is not None, f"{tag} MS2 labels follow the zoom ({hidden} outside the view hidden)")
    browser.screenshot(os.path.join(out_dir, f"{tag}-ms2-zoomed.png"))
    browser.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=2)
    browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=2)
    time.sleep(0.2)
    browser.screenshot(os.path.join(out_dir, f"{tag}-ms2.png"))
    checks.check(not browser.problems(), f"{tag} no console errors around the MS2 plot: {browser.problems()}")


def check_report(browser, checks, report_dir, out_dir, tag, hostile=False):
    index = os.path.join(report_dir, "report.html")
    browser.open(index)
    problems = browser.problems()
    checks.check(not problems, f"{tag} index loads without console errors: {problems}")
    rows = browser.evaluate("document.querySelectorAll('#samples tbody tr').length")
    checks.check(rows and rows > 0, f"{tag} index lists samples ({rows})")
    # Filtering by verdict hides rows.
    shown = browser.evaluate("(function(){var s=document.getElementById('f-verdict');s.value='detected';"
                             "s.dispatchEvent(new Event('input'));return document.getElementById('shown').textContent;})()")
    checks.check(shown is not None and shown != "", f"{tag} filter updates the shown count ({shown})")
    browser.evaluate("(function(){var s=document.getElementById('f-verdict');s.value='';s.dispatchEvent(new Event('input'));})()")
    if hostile:
        text = browser.evaluate("document.body.innerText")
        checks.check("<script>alert(1)</script>" in text, f"{tag} hostile sample id is shown as text")
        checks.check(browser.evaluate("typeof window.alertCalled") == "undefined", f"{tag} no injected script ran")
    browser.screenshot(os.path.join(out_dir, f"{tag}-index.png"))
    # A sample with a finding, so the plots carry evidence annotations.
    first = browser.evaluate("(function(){var rows=Array.prototype.slice.call(document.querySelectorAll('#samples tbody tr'));"
                             "var hit=rows.find(function(r){return ['oligomer','over_alkylation','n_oxide','hofmann'].some("
                             "function(k){return r.getAttribute('data-'+k)==='detected';}) && r.querySelector('a');});"
                             "return (hit||rows[0]).querySelector('a').getAttribute('href');})()")
    page = os.path.join(report_dir, first)
    browser.open(page)
    problems = browser.problems()
    checks.check(not problems, f"{tag} sample page loads without console errors: {problems}")
    plots = browser.evaluate("document.querySelectorAll('svg.plot').length")
    checks.check(plots and plots >= 1, f"{tag} sample page has plots ({plots})")
    path_len = browser.evaluate("Math.max.apply(null, Array.prototype.map.call("
                                "document.querySelectorAll('svg.plot path'), function(p){return (p.getAttribute('d')||'').length;}))")
    checks.check(path_len and path_len > 200, f"{tag} plot paths are non-empty ({path_len})")
    width = browser.evaluate("document.querySelector('svg.plot').getBoundingClientRect().width")
    checks.check(width and width > 300, f"{tag} plot is laid out ({width}px)")
    annotations = browser.evaluate("document.querySelectorAll('svg.plot .evidence, svg.plot .region').length")
    checks.check(annotations is not None and annotations > 0, f"{tag} evidence annotations present ({annotations})")
    browser.screenshot(os.path.join(out_dir, f"{tag}-sample.png"))
    # Zoom: wheel over the first plot narrows its viewBox; double-click resets it.
    rect = browser.evaluate("(function(){var r=document.querySelector('svg.plot').getBoundingClientRect();"
                            "window.scrollTo(0, r.top + window.scrollY - 50);r=document.querySelector('svg.plot').getBoundingClientRect();"
                            "return [r.left, r.top, r.width, r.height];})()")
    before = browser.evaluate("document.querySelector('svg.plot svg.area').getAttribute('viewBox')")
    x, y = rect[0] + rect[2] * 0.55, rect[1] + rect[3] * 0.5
    for _ in range(4):
        browser.wheel(x, y, -300)
    time.sleep(0.2)
    after = browser.evaluate("document.querySelector('svg.plot svg.area').getAttribute('viewBox')")
    w_before, w_after = float(before.split()[2]), float(after.split()[2])
    checks.check(w_after < 0.7 * w_before, f"{tag} wheel zooms the plot ({w_before} -> {w_after})")
    browser.screenshot(os.path.join(out_dir, f"{tag}-sample-zoomed.png"))
    browser.call("Input.dispatchMouseEvent", type="mousePressed", x=x, y=y, button="left", clickCount=2)
    browser.call("Input.dispatchMouseEvent", type="mouseReleased", x=x, y=y, button="left", clickCount=2)
    time.sleep(0.2)
    reset = browser.evaluate("document.querySelector('svg.plot svg.area').getAttribute('viewBox')")
    checks.check(abs(float(reset.split()[2]) - w_before) < 1e-6 * abs(w_before) + 1e-9,
                 f"{tag} double-click resets the zoom ({reset})")
    checks.check(not browser.problems(), f"{tag} no console errors after interaction: {browser.problems()}")
    check_ms2_plot(browser, checks, out_dir, tag)
    # Printable: the page renders to a multi-page PDF with the plots on it.
    pdf = base64.b64decode(browser.call("Page.printToPDF", printBackground=False)["data"])
    with open(os.path.join(out_dir, f"{tag}-sample.pdf"), "wb") as f:
        f.write(pdf)
    checks.check(pdf.startswith(b"%PDF") and len(pdf) > 20000, f"{tag} sample page prints to PDF ({len(pdf)} bytes)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--fixture-writer")
    ap.add_argument("--report", action="append", default=[])
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    chromium = os.environ.get("CHROMIUM") or shutil.which("chromium")
    if not chromium:
        print("chromium not found")
        return 1
    checks = Checks()
    browser = Browser(chromium)
    try:
        if args.fixture_writer:
            fixtures = os.path.join(args.out, "fixtures")
            shutil.rmtree(fixtures, ignore_errors=True)
            subprocess.run([args.fixture_writer, fixtures], check=True)
            check_report(browser, checks, os.path.join(fixtures, "small"), args.out, "fixture", hostile=True)
            large = os.path.join(fixtures, "large", "report.html")
            size = os.path.getsize(large)
            checks.check(size < 2 * 1024 * 1024, f"200-sample index is under 2 MB ({size} bytes)")
            seconds = browser.open(large)
            checks.check(seconds < 2.0, f"200-sample index loads in under 2 s ({seconds:.2f} s)")
            checks.check(browser.evaluate("document.querySelectorAll('#samples tbody tr').length") == 200,
                         "200-sample index lists 200 rows")
            checks.check(not browser.problems(), f"200-sample index has no console errors: {browser.problems()}")
            print(f"200-sample index: {size} bytes, loaded in {seconds:.2f} s")
        for i, report in enumerate(args.report):
            check_report(browser, checks, report, args.out, f"report{i}")
    finally:
        browser.close()
    print(f"browser: {checks.passed} passed, {checks.failed} failed")
    return 0 if checks.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
