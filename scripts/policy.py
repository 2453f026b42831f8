#!/usr/bin/env python3
"""Staff commands for the Coop Kuruko privacy policy site.

Run them through make (make site, make check, make publish TARGET=..., make revision DATE=...), or
directly: .venv/bin/python scripts/policy.py VERB --help
"""

from __future__ import annotations

import argparse
import inspect
import logging
import sys
import traceback
from pathlib import Path

from policy_site.dates import build_date
from policy_site.messages import N_, _, explained
from publish import publish
from revise import config_fault, revise
from undo import undo_revision

REPOSITORY = Path(__file__).resolve().parent.parent


def build(args: argparse.Namespace) -> int:
    """Build the site into site/. On a mistake, say which file and line to fix and keep the last good site/."""
    import build_output
    from policy_site.hosting.headers import NGINX_FOLDER

    target = (args.project / args.site_dir).absolute()
    with build_output.staged_build(target) as staging:
        try:
            _run_mkdocs(args.project / "mkdocs.yml", staging, verbose=args.verbose)
        except BuildFailed as failure:
            print(_("Build failed, {folder}/ was left as it was.").format(folder=target.name) + f"\n\n{failure}",
                  file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print(_("Build interrupted, {folder}/ was left as it was.").format(folder=target.name), file=sys.stderr)
            return 130
        except Exception as error:
            if args.verbose:
                raise
            print(_("Build failed, {folder}/ was left as it was.").format(folder=target.name) + "\n\n" + explained(
                      _("Unexpected error: {error}").format(error=repr(error)),
                      _("run the build again with --verbose and send its output to the web team")), file=sys.stderr)
            return 1
        build_output.put_in_place(staging, target, NGINX_FOLDER)
    print(_("Built {site} and its nginx configuration {nginx} for the build date {date} "
            "(date in Japan; set SOURCE_DATE_EPOCH to rebuild it)").format(
              site=target, nginx=build_output.nginx_dir(target), date=build_date()))
    return 0


def serve(args: argparse.Namespace) -> int:
    """Live preview while you edit docs/, at http://127.0.0.1:8000/ (it rebuilds when you save).

    A mistake is shown at the top of the page it concerns, with the file, the line and how to fix it,
    and every page stays readable; make site and make check still refuse to build it.
    """
    from mkdocs.commands.serve import serve as mkdocs_serve

    logger = logging.getLogger("mkdocs")
    logger.addHandler(logging.StreamHandler())
    logger.setLevel(logging.INFO)
    mkdocs_serve(str(args.project / "mkdocs.yml"), dev_addr=args.dev_addr, strict=False)
    return 0


def check(args: argparse.Namespace) -> int:
    """Prove the site fit to publish: links, anchors, HTML, accessibility, Lighthouse, URLs, structure.

    Builds first (unless --no-build), prints a short report, writes a readable one
    to site-report/index.html, and exits 1 naming each fault and how to fix it. A full check (it
    builds, skips nothing) that passes is recorded in site-report/passed.json for make publish.
    """
    from guard import passed
    from guard.run import run

    report_dir = args.project / args.report_dir
    passed.forget(report_dir)
    sources = passed.fingerprint(args.project)
    if not args.no_build and build(args) != 0:
        return 1
    if run(args) != 0:
        return 1
    if args.no_build or args.skip:
        print(_("Not recorded for make publish: it publishes only a build that make check made and checked whole"))
    else:
        print(_("Recorded in {record}: make publish TARGET=<the web server's folder> may publish this build").format(
            record=passed.record(report_dir, sources, args.project / args.site_dir)))
    return 0


def publish_urls(args: argparse.Namespace) -> int:
    """Add every URL of the built site to published-urls.txt, so the guard keeps them from disappearing."""
    from guard.published import URL_LIST, record_published_urls

    new = record_published_urls(args.project / args.site_dir, args.project)
    print(_("{file}: {count} new URL(s) added").format(file=URL_LIST, count=len(new)) + "".join(f"\n  {url}" for url in new))
    return 0


class BuildFailed(Exception):
    """A build error worded for staff."""


def _run_mkdocs(config_file: Path, site_dir: Path, *, verbose: bool) -> None:
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException, PluginError

    warnings = _capture_warnings(verbose)
    docs_dir = None
    try:
        build_date()  # a mistyped SOURCE_DATE_EPOCH is explained before MkDocs trips over it
        config = load_config(str(config_file), site_dir=str(site_dir), strict=True)
        docs_dir = Path(config.docs_dir)
        mkdocs_build(config)
    except (ConfigurationError, PluginError, Abort, MkDocsException) as error:
        if verbose:
            traceback.print_exc()
        messages = warnings.messages or [str(error)]
        if isinstance(error, ConfigurationError):
            messages = [config_fault(error)]
        raise BuildFailed(_explain(messages, config_file, docs_dir)) from None
    if warnings.messages:
        raise BuildFailed(_explain(warnings.messages, config_file, docs_dir))


def _explain(messages: list[str], config_file: Path, docs_dir: Path | None) -> str:
    from policy_site import mkdocs_messages

    explained = (mkdocs_messages.explain(message, config_file, docs_dir) for message in messages)
    return "\n".join(dict.fromkeys(message for message in explained if message))


class _Warnings(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def _capture_warnings(verbose: bool) -> _Warnings:
    handler = _Warnings()
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [handler] + ([logging.StreamHandler()] if verbose else [])
    logger.setLevel(logging.INFO if verbose else logging.WARNING)
    logger.propagate = False
    return handler


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="policy", description=_(inspect.cleandoc(__doc__)), add_help=False,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    _add_option(parser, *HELP)
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="VERB")
    for verb, options in VERBS.items():
        described = _(inspect.cleandoc(verb.__doc__))  # the catalog holds each verb's docstring (babel.cfg)
        sub = verbs.add_parser(verb.__name__, help=described.splitlines()[0], description=described, add_help=False,
                               formatter_class=argparse.RawDescriptionHelpFormatter)
        for flags, kwargs in [HELP, VERBOSE, PROJECT, *options]:
            _add_option(sub, flags, kwargs)
        sub.set_defaults(run=verb)
    args = parser.parse_args(argv)
    return args.run(args)


def _add_option(parser: argparse.ArgumentParser, flags: tuple[str, ...], settings: dict) -> None:
    """An option whose help is read from the catalog, in the staff's language."""
    explanation = settings["help"]
    parser.add_argument(*flags, **{**settings, "help": _(explanation)})


HELP = (("-h", "--help"), {"action": "help", "help": N_("show this help and exit")})
VERBOSE = (("--verbose",), {"action": "store_true", "help": N_("show every log line and Python tracebacks")})
PROJECT = (("--project",), {"type": Path, "default": REPOSITORY,
                            "help": N_("the project folder holding mkdocs.yml (default: this repository)")})
SITE_DIR = (("--site-dir",), {"default": "site", "help": N_("where to put the site (default: site)")})
REPORT_DIR = (("--report-dir",), {"default": "site-report", "help": N_("where make check writes its report (default: site-report)")})
VERBS = {
    build: [SITE_DIR],
    serve: [(("--dev-addr",), {"default": "127.0.0.1:8000", "metavar": "HOST:PORT",
                               "help": N_("where the preview answers (default: 127.0.0.1:8000)")})],
    revise: [(("date",), {"metavar": "YYYY-MM-DD", "help": N_("the date the new revision takes effect")})],
    undo_revision: [(("--discard-edits",), {"action": "store_true",
                                            "help": N_("undo even though pages were edited since the revision "
                                                       "was opened, throwing those edits away")})],
    check: [SITE_DIR,
            (("--no-build",), {"action": "store_true", "help": N_("check the site as it is, without building it first")}),
            REPORT_DIR,
            (("--skip",), {"action": "append", "default": [], "choices": ["html", "accessibility", "lighthouse"],
                           "help": N_("leave out a slow checker while working (never when publishing)")}),
            (("--online",), {"action": "store_true", "help": N_("also check that external links answer (needs a network)")}),
            (("--performance-floor",), {"type": int, "metavar": "SCORE",
                                        "help": N_("the Lighthouse performance score every page must reach (default: "
                                                   "the release floor, THRESHOLDS in scripts/guard/lighthouse.py); "
                                                   "the tests set 0, as a score that moves with the machine's load "
                                                   "is reported there, not asserted")})],
    publish_urls: [SITE_DIR],
    publish: [(("target",), {"metavar": "TARGET", "help": N_("the web server's folder, e.g. /var/www/privacy.coop-kuruko.example")}),
              SITE_DIR, REPORT_DIR],
}

if __name__ == "__main__":
    sys.exit(main())
