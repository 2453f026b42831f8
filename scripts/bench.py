#!/usr/bin/env python3
"""make bench: this site against plain Material on the same Markdown, in one run.

Prints the first-view weight of each page type (gzip bytes of everything loaded
before the load event, measured in chromium), build times and their ratios, and
how build time grows with synthetic histories of 1, 10, 50 and 100 revisions in
2 and 5 languages, with the PDFs of the revisions already made in the cache, and
how long the build that lays out the new ones takes. Every build runs on a temporary copy; the repository is not
touched. Timings are reported here, never asserted in tests.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import functools
import http.server
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import yaml
from guard.page_weight import BUDGET, first_views
from policy_site import front_matter, history
from policy_site.sources.translations import text_code
from revise import revise

REPOSITORY = Path(__file__).resolve().parent.parent


def main(argv: list[str] | None = None) -> int:
    """Measure and print; --quick leaves out the largest histories while working on the bench itself."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="histories of 1 and 10 revisions only")
    args = parser.parse_args(argv)
    print(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory(prefix="kuruko-bench-") as work:
        work = Path(work)
        print_weights(work)
        print_scaling(work, REVISIONS[:2] if args.quick else REVISIONS)
    return 0


def machine() -> str:
    """Where the figures come from: they mean little without it."""
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    return f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def print_weights(work: Path) -> None:
    """First view per page type, this site against plain Material, from the repository's own content."""
    ours, bare = project(work / "weight", locales=max(LANGUAGES), revisions=1)
    ours_site, bare_site = build(ours, work / "weight-ours"), build(bare, work / "weight-bare")
    date = front_matter.read(ours / "docs" / "ja" / "policy.md").meta["revision"]
    types = {"home": "index.html", "policy page": "policy.html", "404 page": "404.html",
             "revision history": "archive/index.html", "archived revision": f"archive/{date}/policy.html",
             **{f"policy page, {code}": f"{code}/policy.html" for code in ("ja-Hira", "en", "zh-Hans", "ko", "vi", "pt-BR")}}
    measured = {}
    for name, site in (("ours", ours_site), ("bare", bare_site)):
        paths = [path for path in types.values() if (site / path).is_file()]
        with serve(site) as url:
            measured[name] = first_views(site, url, paths)
    print(f"\nFirst view, gzip bytes loaded before the load event (budget {BUDGET:,})")
    print(f"{'page type':<22}{'plain Material':>16}{'this site':>12}   this site: what it loads")
    for name, path in types.items():
        bare = f"{sum(measured['bare'][path].values()):,}" if path in measured["bare"] else "-"
        loaded = measured["ours"][path]
        parts = ", ".join(f"{Path(file).name} {size:,}" for file, size in loaded.items())
        print(f"{name:<22}{bare:>16}{sum(loaded.values()):>12,}   {parts}")


def print_scaling(work: Path, revisions: list[int]) -> None:
    """Build time of both sites as the history grows: it should grow linearly with revisions times languages."""
    print(f"\nBuild time (seconds, median of {REPEAT} builds, each a fresh `mkdocs build` process, the PDFs of"
          f"\nearlier revisions in the cache as on a staff machine); 'first': the build before them, which lays"
          f"\nout the PDFs the cache lacks (those of the revisions added since the row above); the last two"
          f"\ncolumns: milliseconds each further revision adds per language, since the row above")
    print(f"{'languages':>9}{'revisions':>10}{'pages':>7}{'PDFs':>6}{'first':>8}{'plain':>8}{'this site':>10}"
          f"{'ratio':>7}{'added: plain':>14}{'this site':>11}")
    for locales in LANGUAGES:
        before = None
        cache = work / f"pdf-cache-{locales}"  # one per language count: each history starts as the one before
        for count in revisions:
            ours, bare = project(work / f"h{locales}-{count}", locales=locales, revisions=count)
            (ours / ".cache").symlink_to(cache, target_is_directory=True)
            cache.mkdir(exist_ok=True)
            start = time.perf_counter()
            build(ours, work / "out-ours")
            first = time.perf_counter() - start
            times = median_time(bare, work / "out-bare"), median_time(ours, work / "out-ours")
            pages = sum(1 for _ in (ours / "docs").rglob("*.md"))
            pdfs = sum(1 for _ in (work / "out-ours").rglob("*.pdf"))
            added = ["" if before is None else f"{1000 * (now - then) / ((count - before[0]) * locales):.0f}"
                     for now, then in zip(times, before[1] if before else times)]
            print(f"{locales:>9}{count:>10}{pages:>7}{pdfs:>6}{first:>8.1f}{times[0]:>8.2f}{times[1]:>10.2f}"
                  f"{times[1] / times[0]:>7.2f}{added[0]:>14}{added[1]:>11}", flush=True)
            before = count, times


def project(folder: Path, *, locales: int, revisions: int) -> tuple[Path, Path]:
    """A copy of this project with `locales` languages and `revisions` revisions, and its plain-Material twin."""
    ours = folder / "ours"
    for name in ("docs", "overrides", "hosting"):
        shutil.copytree(REPOSITORY / name, ours / name)
    shutil.copy(REPOSITORY / "mkdocs.yml", ours)
    config = yaml.safe_load((ours / "mkdocs.yml").read_text(encoding="utf-8"))
    languages = config["plugins"][1]["i18n"]["languages"]
    for language in languages[locales:]:  # the first `locales` languages of mkdocs.yml
        shutil.rmtree(ours / "docs" / language["locale"])
    del languages[locales:]
    (ours / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    grow_history(ours, [code["locale"] for code in languages], revisions - 1)
    bare = folder / "bare"
    shutil.copytree(ours / "docs", bare / "docs", ignore=shutil.ignore_patterns("assets"))
    for key in ("extra_css", "extra", "validation"):
        config.pop(key, None)
    config["plugins"] = [plugin for plugin in config["plugins"] if not (isinstance(plugin, dict) and PLUGIN in plugin)]
    # Material's interface words for the codes it does not know (ja-Hira, zh-Hans): without them plain
    # Material cannot build those languages at all; nothing else of our overrides
    shutil.copytree(REPOSITORY / "overrides" / "partials" / "languages", bare / "overrides" / "partials" / "languages")
    config["theme"]["custom_dir"] = "overrides"
    config["strict"] = False
    (bare / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return ours, bare


def grow_history(project: Path, locales: list[str], count: int) -> None:
    """Open `count` revisions with the revise verb, each changing one sentence of the policy in every language."""
    docs = project / "docs"
    date = datetime.date.fromisoformat(str(front_matter.read(docs / "ja" / "index.md").meta["revision"]))
    with contextlib.redirect_stdout(None):
        for number in range(1, count + 1):
            date += datetime.timedelta(days=30)
            assert revise(argparse.Namespace(project=project, date=date.isoformat())) == 0
            for path in docs.glob(f"*/{history.SUMMARY}"):  # revise leaves the summaries empty for staff to write
                path.write_text(f"Edition {number}\n", encoding="utf-8")
            for locale in locales:  # the translations follow the Japanese, as they would in a real revision
                policy = front_matter.read(docs / locale / "policy.md")
                edited = (policy.body.replace("。", f"（第{number}版）。", 1) if "。" in policy.body
                          else policy.body.replace(". ", f" (edition {number}). ", 1))
                policy.body = edited
                front_matter.write(policy)
            for locale in locales[1:]:
                for path in sorted((docs / locale).glob("*.md")):
                    page = front_matter.read(path)
                    page.meta["translates"] = text_code(docs / "ja" / path.name)
                    front_matter.write(page)


def build(project: Path, site: Path) -> Path:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site)],
                   check=True, env=ENVIRONMENT, cwd=project)
    return site


def median_time(project: Path, site: Path) -> float:
    times = []
    for _ in range(REPEAT):
        shutil.rmtree(site, ignore_errors=True)  # as `policy.py build` does, each build starts from nothing
        start = time.perf_counter()
        build(project, site)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


@contextlib.contextmanager
def serve(root: Path):
    """A plain local server: the byte counts come from the files, so gzip on the wire does not matter here."""
    handler = functools.partial(Quiet, directory=str(root))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()


class Quiet(http.server.SimpleHTTPRequestHandler):
    def handle(self) -> None:
        with contextlib.suppress(ConnectionError):  # chromium drops connections it no longer needs
            super().handle()

    def log_message(self, *args) -> None:
        pass


PLUGIN = "policy-site"  # what the plain-Material twin leaves out
REVISIONS = [1, 10, 50, 100]
REPEAT = 3  # the machine is shared: the median of three
LANGUAGES = [2, 7]  # Japanese and やさしい日本語; all seven language versions
# A fixed build date after every synthetic revision, so all of them are in force and the runs comparable.
ENVIRONMENT = {**os.environ, "SOURCE_DATE_EPOCH": str(int(datetime.datetime(2040, 1, 1).timestamp())),
               "NO_MKDOCS_2_WARNING": "1"}

if __name__ == "__main__":
    sys.exit(main())
