"""Every revision, and its 新旧対照表, as an A4 PDF in each language it was published in (WeasyPrint), each made once.

The PDF is made from the HTML the build rendered for the revision's dated pages
(and its comparison page), laid out with Debian's fonts: the text is real text,
searchable and copyable, fonts embedded as subsets, headings as bookmarks,
tagged (PDF/UA-1). WeasyPrint is asked for nothing from any host. A PDF is
stored under .cache/plugin/policy-site/pdf/ by the sha256 of everything it is
made from (its HTML, the stylesheet, the WeasyPrint version), so an archived
revision's PDFs are laid out once and copied at every later build.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import jinja2
from mkdocs.exceptions import PluginError

from . import history
from .messages import _, explained
from .revisions.facts import COMPARISON, BuildHistory


@dataclass
class Printed:
    """The HTML of each dated page and comparison page as the build rendered it, for the PDFs."""

    content: dict[tuple[str, str, str], str] = field(default_factory=dict)  # (date, locale, name): HTML

    def note(self, revision: history.Revision, locale: str, name: str, html: str) -> None:
        self.content[(revision.date.isoformat(), locale, name)] = html


def write_pdfs(site: Path, root: Path, site_url: str, facts: BuildHistory, printed: Printed, prefixes: dict[str, str],
               strings: dict[str, dict[str, str]], site_names: dict[str, str], organisation: dict[str, str],
               env: jinja2.Environment) -> list[str]:
    """Write every revision's PDFs into site/, from the cache when they were made before; returns what was laid out."""
    template = env.get_template(TEMPLATE)
    stylesheet = STYLESHEET.read_text(encoding="utf-8")
    cache = root / CACHE
    made = []
    for revision in facts.revisions:
        for locale, prefix in prefixes.items():
            if not revision.pages(locale):
                continue
            described = facts.describe(revision, locale, prefix)
            context = {"locale": locale, "strings": strings[locale], "site_url": site_url, "rev": described,
                       "site_name": site_names[locale], "organisation": organisation[locale]}
            date = revision.date.isoformat()
            documents = [{**page, "content": printed.content[(date, locale, page["name"])]}
                         for page in described["pages"]]
            outputs = [("revision", documents, described["pdf_url"])]
            if described["comparison_url"]:
                outputs.append((COMPARISON, [{"name": COMPARISON, "content": printed.content[(date, locale, COMPARISON)],
                                              "url": described["comparison_url"]}], described["comparison_pdf_url"]))
            for kind, docs, url in outputs:
                html = template.render(context, kind=kind, documents=docs, pdf_url=f"{site_url}{url}")
                target = site / url
                if _from_cache(html, stylesheet, cache, target, f"{site_url}{url}"):
                    made.append(url)
    return made


def _from_cache(html: str, stylesheet: str, cache: Path, target: Path, url: str) -> bool:
    """Copy the PDF of this HTML from the cache, laying it out first if it is not there; True if laid out."""
    weasyprint = _weasyprint()
    key = hashlib.sha256("\0".join((html, stylesheet, weasyprint.__version__)).encode()).hexdigest()
    stored = cache / f"{key}.pdf"
    laid_out = not stored.is_file()
    if laid_out:
        document = weasyprint.HTML(string=html, base_url=url, url_fetcher=_refuse)
        pdf = document.write_pdf(stylesheets=[weasyprint.CSS(string=stylesheet)], pdf_variant=VARIANT)
        cache.mkdir(parents=True, exist_ok=True)
        partial = stored.with_suffix(f".{os.getpid()}.partial")  # two builds at once each write their own
        partial.write_bytes(pdf)
        partial.replace(stored)  # a build cut short never leaves half a PDF in the cache
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(stored, target)
    return laid_out


def _weasyprint():
    """WeasyPrint, or a message saying what to install: it needs Pango from Debian."""
    try:
        import weasyprint
    except (ImportError, OSError) as error:  # OSError: a library WeasyPrint loads (Pango) is missing
        raise PluginError(explained(
            _("WeasyPrint, which makes the PDFs, cannot be loaded ({error}).").format(error=error),
            _("install what WeasyPrint needs (Pango and the fonts, from Debian) with: "
              "scripts/install-system-packages.sh build; then run make site again"))) from None
    return weasyprint


def _refuse(url: str, *args, **kwargs):
    """A PDF needs nothing from anywhere: its text, stylesheet and fonts are all on this machine."""
    raise ValueError(_("the PDF asked for {url}; it must need nothing from any host").format(url=url))


TEMPLATE = "partials/pdf.html"
STYLESHEET = Path(__file__).parent / "assets" / "stylesheets" / "pdf.css"  # read by the build, not published
CACHE = Path(".cache") / "plugin" / "policy-site" / "pdf"
VARIANT = "pdf/ua-1"  # tagged, with the document's language and title, as PDF/UA asks
