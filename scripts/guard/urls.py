"""URL continuity: every URL the site ever published still answers, with the page or a redirect page."""

from __future__ import annotations

from guard.published import URL_LIST, read_published_urls
from guard.site import Finding, Site
from policy_site.messages import N_, _


def check(site: Site) -> tuple[list[Finding], list[str]]:
    """Fail for a published URL the build dropped; return the build's URLs not yet listed, for the report."""
    listed = read_published_urls(site.project)
    findings = []
    if not listed:
        findings.append(Finding(NAME, URL_LIST, _("the list of published URLs is missing or empty"),
                                _("run 'make publish-urls' once, and commit published-urls.txt")))
    for url in listed:
        page = site.pages.get(url)
        if page is None:
            findings.append(Finding(NAME, url, _("was published before and is gone from this build"),
                                    _("restore the page, or, if it moved, leave a redirect page at its old address")))
        elif page.redirect_target is not None:
            target = site.internal_path(url, page.redirect_target)
            if target is None or target[0] not in site.pages:
                findings.append(Finding(NAME, url, _("redirects to '{target}', which does not exist").format(
                                            target=page.redirect_target),
                                        _("point the redirect at the page's new address")))
    unlisted = sorted(set(site.pages) - set(listed))
    return findings, unlisted


NAME = N_("URL continuity")
