"""Structure: every language has the same pages, each page the parts a reader and an auditor rely on."""

from __future__ import annotations

from urllib.parse import urlsplit

from guard.site import Finding, Page, Site
from policy_site.messages import N_, _


def check(site: Site) -> list[Finding]:
    """Catch what no generic checker knows: our languages, dates, notices and privacy promise."""
    findings = _missing_translations(site)
    for page in site.pages.values():
        if page.redirect_target is not None:
            continue
        findings += _page_parts(site, page)
        findings += _cross_language_links(site, page)
        findings += _images_without_alt(page)
        findings += _third_party_resources(site, page)
    return findings


def _missing_translations(site: Site) -> list[Finding]:
    by_locale = {locale: set() for locale in site.locales}
    for page in site.pages.values():
        by_locale[page.locale].add(site.language_path(page))
    every = set().union(*by_locale.values())
    findings = []
    for locale, paths in by_locale.items():
        prefix = "" if locale == site.locales[0] else f"{locale}/"
        for path in sorted(every - paths):
            findings.append(Finding(
                NAME, f"{prefix}{path}", _("missing: the page exists in another language but not in '{locale}'").format(
                    locale=locale),
                _("add {page} (translate it from {folder}), then build again").format(
                    page=f"docs/{locale}/{path.removesuffix('.html')}.md", folder=f"docs/{site.locales[0]}/")))
    return findings


def _page_parts(site: Site, page: Page) -> list[Finding]:
    findings = []
    headings = page.soup.find_all("h1")
    if len(headings) != 1:
        findings.append(Finding(NAME, page.path, _("has {count} top-level headings (h1), not one").format(
                                    count=len(headings)), _("start the Markdown page with exactly one '# Title' line")))
    if not page.is_policy_page:
        return findings
    effective = page.soup.select_one(".policy-effective time[datetime]")
    if effective is None:
        findings.append(Finding(NAME, page.path, _("shows no effective date"),
                                _("give the page a 'revision: YYYY-MM-DD' field in its front matter")))
    if page.locale != site.locales[0] and page.soup.select_one(".policy-notice") is None:
        findings.append(Finding(NAME, page.path, _("lacks the notice that the Japanese text prevails"),
                                _("set prevails_notice in {file}").format(file=f"docs/{page.locale}/strings.yml")))
    return findings


def _cross_language_links(site: Site, page: Page) -> list[Finding]:
    findings = []
    for link in page.soup.find_all("a", href=True):
        target = site.internal_path(page.path, link["href"])
        if target is None or target[0] not in site.pages or link.get("hreflang"):
            continue
        other = site.pages[target[0]].locale
        if other != page.locale:
            findings.append(Finding(
                NAME, f"{page.path}:{link.sourceline}", _("links to '{link}', a page in '{other}'").format(
                    link=link["href"], other=other),
                _("link to the page of the same language; other languages are reached by the language switcher")))
    return findings


def _images_without_alt(page: Page) -> list[Finding]:
    return [Finding(NAME, f"{page.path}:{img.sourceline}", _("the image '{image}' has no alt text").format(
                        image=img.get("src", "")),
                    _("describe the image: ![what it shows](file.png), or alt=\"\" if it is decoration"))
            for img in page.soup.find_all("img") if img.get("alt") is None]


def _third_party_resources(site: Site, page: Page) -> list[Finding]:
    """Our privacy policy promises that reading it tells no third party: nothing is loaded from elsewhere."""
    findings = []
    own_host = urlsplit(site.site_url).netloc
    for tag in page.soup.find_all(RESOURCE_TAGS):
        attribute = "href" if tag.name == "link" else "src"
        url = tag.get(attribute, "")
        if tag.name == "link" and not set(tag.get("rel", [])) & LOADING_RELS:
            continue
        host = urlsplit(url).netloc
        if host and host != own_host:
            findings.append(Finding(NAME, f"{page.path}:{tag.sourceline}",
                                    _("loads a third-party {element} from {host} ({url})").format(
                                        element=tag.name, host=host, url=url),
                                    _("serve the file from this site, or remove it "
                                      "(it would tell that host who reads the policy)")))
    return findings


NAME = N_("Structure")
RESOURCE_TAGS = ["script", "link", "img", "iframe", "source", "audio", "video", "embed"]
LOADING_RELS = {"stylesheet", "preload", "modulepreload", "preconnect", "dns-prefetch", "prefetch", "icon"}
