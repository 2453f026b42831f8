"""The policy site generator as one MkDocs plugin: checks of the sources, revisions, languages and search, hosting files.

Two phases: the site's work starts in the default language's on_config and
ends in its on_post_build, after mkdocs-static-i18n (-100) has built every
other language from there; each language's build runs the per-page events in
between. State lives on the plugin instance (the SiteBuild and the current
LanguageBuild), never in modules.
"""

from __future__ import annotations

from pathlib import Path

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import front_matter, history, search
from .builds import LanguageBuild, SiteBuild
from .config import PolicySiteConfig
from .dates import localized_date
from .hosting.css_images import move_css_images
from .hosting.headers import write_hosting_files
from .hosting.precompress import precompress
from .hosting.redirects import write_redirects
from .i18n import Languages
from .pdfs import write_pdfs
from .revisions.feeds import write_feeds
from .reading import drop_readings_from_toc, link_sections_to_original
from .revisions.pages import RevisionPages
from .sources.pages import authored_source, check_page
from .sources.parity import check_parity
from .sources.scripts import check_scripts
from .sources.translations import glossary_problems, stale_translation, stale_translations
from .templates import CompiledTemplates, render_markers


class PolicySitePlugin(BasePlugin[PolicySiteConfig]):
    supports_multiple_instances = False

    def __init__(self) -> None:
        self.is_preview = False
        self.templates = CompiledTemplates()  # kept across languages and `mkdocs serve` rebuilds
        self.languages: Languages | None = None
        self.site: SiteBuild | None = None
        self.language: LanguageBuild | None = None

    # Site-wide start -------------------------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember a live preview: `mkdocs serve` swaps site_url for its own http:// address."""
        self.is_preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Start the site's build in the default language's build; the other languages' builds reuse it."""
        self.languages = Languages(config)
        if not self.languages.building_other_language:
            self.site = SiteBuild.start(config, self.config, self.languages, self.is_preview)
            for stylesheet in STYLESHEETS:
                if stylesheet not in config.extra_css:
                    config.extra_css.append(stylesheet)
        return config

    # Each language's build -------------------------------------------------------------------------

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has chosen this language's files
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """This language's pages of every revision, the plugin's assets, and only the theme files a page can load."""
        locale = self.languages.current
        self.language = LanguageBuild(locale, self.languages.prefix(locale),
                                      RevisionPages(self.site.history, self.languages))
        search.drop_unused_lunr(files, self.languages.locales)
        self.site.integrity.renamed.update(move_css_images(files, config))
        for asset in ASSETS:
            files.append(File(asset, src_dir=str(PACKAGE), dest_dir=config.site_dir, use_directory_urls=False))
        self.language.revisions.add_files(files, config)
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Refuse a working-copy page with mistakes; date every page by its revision, not by the build."""
        source, notices = authored_source(page), self.site.notices
        notices.watch(source)
        if source is not None and source not in self.language.checked:
            self.language.checked.add(source)
            with notices.about(source):
                self._check_source(source)
            if notices.collecting:
                notices.refuse(self._lagging(source), source)
        if source is not None:  # every page of the working copy gives its date (history.working_date)
            page.meta["revision_date"] = self.site.history.revisions[-1].date
        elif page.file.abs_src_path and (frozen := history.frozen_date(page.file.abs_src_path)):
            page.meta["revision_date"] = frozen
        self.language.revisions.on_markdown(page)
        if "revision_date" in page.meta:  # pages made from templates keep MkDocs' date (SOURCE_DATE_EPOCH)
            page.update_date = page.meta["revision_date"].isoformat()
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Look at the HTML the Markdown became, so escaped code examples never count as scripts."""
        source, notices = authored_source(page), self.site.notices
        notices.unwatch()
        if source is not None:
            with notices.about(source):
                check_scripts(html, source, self.site.root)
        drop_readings_from_toc(page, html)
        return html

    def on_env(self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        """Every language's environment shares one store of compiled templates."""
        env.bytecode_cache = self.templates
        self.language.env = env
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig, nav) -> dict:
        """Give the templates the reader's language, the page's revision, and render its markers."""
        self._add_language(context)
        context["preview_notices"] = self.site.notices.on_page(authored_source(page), self.site.docs / self.language.locale)
        date = page.meta.get("revision_date")
        if date is not None:
            context["effective_iso"] = date.isoformat()
            context["effective_date"] = localized_date(date, self.language.locale)
        self.language.revisions.context(context, page)
        self.languages.limit_selector(config, page.file)
        page.content = render_markers(page.content or "", self.language.env, context)
        self.language.revisions.print(page, self.site.printed)
        original = Languages.alternates(page.file).get(self.languages.default)
        if self.language.locale in self.config.reading_aids and original:
            page.content = link_sections_to_original(page, original, self.language.env, context)
        return context

    def on_template_context(self, context: dict, *, template_name: str, config: MkDocsConfig) -> dict:
        """The 404 page is a theme template, not a page: it needs the same language facts."""
        return self._add_language(context)

    @event_priority(-200)  # last, after every plugin that edits the page (mkdocs-static-i18n is at -100)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """Finish the page as published, then note it for the sitemaps and the CSP."""
        self.languages.reset_selector(config)
        output = search.point_at_language_root(output, self.language.prefix)
        output = self.site.integrity.finish(output, page.file.dest_uri)
        self.site.hashes.add(output)
        self.site.sitemaps.note(page)
        return output

    def on_post_template(self, output_content: str, *, template_name: str, config: MkDocsConfig) -> str:
        """A 404 page per language: each language's build renders the theme's 404 to the same /404.html."""
        if template_name != "404.html":
            return output_content
        output = self.site.integrity.finish(output_content, f"{self.language.prefix}404.html")
        self.site.hashes.add(output)
        if not self.language.prefix:
            self.site.default_404 = output
            return output
        target = Path(config.site_dir) / self.language.prefix / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(output, encoding="utf-8")
        return self.site.default_404

    # Site-wide end ---------------------------------------------------------------------------------

    @event_priority(-110)  # after mkdocs-static-i18n (-100) has built every other language
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Once every language is built: the checks across languages, then the files made from all pages."""
        if self.languages.building_other_language:
            return
        site, languages = self.site, self.languages
        if not site.notices.collecting:  # the preview showed each on its page
            site.notices.refuse(self._translation_problems())
        prefixes = {locale: languages.prefix(locale) for locale in languages.locales}
        search.split_index(site.site, languages.locales, prefixes)
        site.sitemaps.write(site.site, config.site_url, languages)
        env = config.theme.get_env()
        env.bytecode_cache = self.templates
        write_feeds(site.site, config.site_url, site.history, languages, site.strings, site.site_names(),
                    site.organisation, env)
        write_pdfs(site.site, site.root, config.site_url, site.history, site.printed, prefixes, site.strings,
                   site.site_names(), site.organisation, env)
        write_redirects(site.site, config.site_url, self.config.redirects, prefixes, site.strings, env, self._finish)
        security = {"contact": self.config.security_contact, "expires_days": self.config.security_expires_days}
        write_hosting_files(site.site, config.site_url, Path(self.config.headers), security, languages.locales,
                            site.hashes)
        precompress(site.site)

    def on_build_error(self, *, error: Exception) -> None:
        """A failed build leaves nothing behind for the next one in the same process (tests, `mkdocs serve`)."""
        if self.languages is not None:
            self.languages.recover()
        if self.site is not None:
            self.site.notices.unwatch()

    # Helpers ---------------------------------------------------------------------------------------

    def _check_source(self, source: Path) -> None:
        """One working-copy page: its front matter, headings and markers, and a translation's structure."""
        site = self.site
        locale, name = source.relative_to(site.docs).parts[0], source.name
        original = site.docs / self.languages.default / name if locale != self.languages.default else None
        check_page(source, site.root, site.markers, original)
        if original is not None:
            check_parity(original, source, site.root)

    def _translation_problems(self) -> list[str]:
        """Stale translations, then fixed terms a translation does not use: after every page's own mistakes."""
        site, default = self.site, self.languages.default
        problems = stale_translations(site.docs, self.languages.locales)
        for locale, glossary in site.glossaries.items():
            for original in sorted((site.docs / default).glob("*.md")):
                problems += glossary_problems(original, site.docs / locale / original.name, glossary, site.root)
        return problems

    def _lagging(self, source: Path) -> list[str]:
        """The preview's view of one translated page: is it behind its original, does it miss a fixed term."""
        site, locale = self.site, source.parent.name
        original = site.docs / self.languages.default / source.name
        if locale == self.languages.default or not original.is_file():
            return []
        try:
            stale = stale_translation(original, source, site.root)
            return ([stale] if stale else []) + glossary_problems(original, source, site.glossaries[locale], site.root)
        except front_matter.FrontMatterError:  # the original's page shows its own mistake
            return []

    def _add_language(self, context: dict) -> dict:
        locale = self.language.locale
        context["strings"] = self.site.strings[locale]
        context["organisation"] = self.site.organisation[locale]
        context["default_locale"] = self.languages.default
        context["language_names"] = self.languages.names
        context["is_translation"] = locale != self.languages.default
        return context

    def _finish(self, html: str, built: str) -> str:
        """A page written after the build (a redirect page), finished as the pages were."""
        html = self.site.integrity.finish(html, built)
        self.site.hashes.add(html)
        return html


PACKAGE = Path(__file__).parent
ASSETS = ("assets/javascripts/language-switch.js", "assets/javascripts/workers/policy-search.js",
          "assets/stylesheets/languages.css", "assets/stylesheets/revisions.css")
STYLESHEETS = ("assets/stylesheets/languages.css", "assets/stylesheets/revisions.css")
