"""The only code that touches mkdocs-static-i18n: which languages exist, which one is being built, and page alternates.

mkdocs-static-i18n builds the default language first; from that build's
on_post_build it builds every other language in turn, each a full MkDocs build
with the same config and the same plugin instances. So the site's work starts
in the default language's on_config and ends in its on_post_build, after the
i18n plugin's own (-100); everything in between runs once per language.
"""

from __future__ import annotations

from mkdocs import utils
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File

I18N = "i18n"
CLEAN_DIRECTORY = utils.clean_directory  # MkDocs' own, which mkdocs-static-i18n swaps out while it builds


class Languages:
    """The site's languages as mkdocs.yml lists them under plugins > i18n, default (authoritative) first."""

    def __init__(self, config: MkDocsConfig) -> None:
        self._plugin = config.plugins[I18N]
        languages = sorted(self._plugin.config.languages, key=lambda language: not language.default)
        self.locales: list[str] = [language.locale for language in languages]
        self.default = self.locales[0]
        self.names: dict[str, str] = {language.locale: language.name for language in languages}  # in its own script
        self._site_names = {language.locale: language.site_name for language in languages}

    @property
    def building_other_language(self) -> bool:
        """True inside the builds the i18n plugin runs for the other languages."""
        return bool(self._plugin.building)

    @property
    def current(self) -> str:
        """The language being built; before the i18n plugin's own on_config, the default one."""
        return self._plugin.current_language or self.default

    def prefix(self, locale: str) -> str:
        """Where a language's pages live under the site root: '' for the default language, 'en/' for English."""
        return "" if locale == self.default else f"{locale}/"

    def site_name(self, locale: str, fallback: str) -> str:
        return self._site_names.get(locale) or fallback

    def recover(self) -> None:
        """After a failed build: mkdocs-static-i18n would leave its nested-build switches set in this process."""
        self._plugin.building = False
        utils.clean_directory = CLEAN_DIRECTORY

    @staticmethod
    def limit_selector(config: MkDocsConfig, file: File) -> None:
        """The language selector and hreflang links of this page: only the languages it exists in.

        mkdocs-static-i18n sets extra.alternate as an attribute for each page (over the item it
        sets for the build) and links a language the page lacks to that language's home page;
        an archived revision lacks the languages added after it.
        """
        alternates = Languages.alternates(file)
        offered = getattr(config.extra, "alternate", None) or config.extra.get("alternate") or []
        if alternates and any(language["lang"] not in alternates for language in offered):
            config.extra.alternate = [language for language in offered if language["lang"] in alternates]

    @staticmethod
    def reset_selector(config: MkDocsConfig) -> None:
        """After a page: the next template (the next language's 404 page) sees the build's own selector."""
        vars(config.extra).pop("alternate", None)

    @staticmethod
    def alternates(file: File) -> dict[str, str]:
        """The URL of this page in each language that has it, as the language selector links them."""
        return {locale: other.url for locale, other in (getattr(file, "alternates", None) or {}).items()}

    def adopt(self, file: File, urls: dict[str, str]) -> File:
        """Mark a page the plugin made as a page of the language being built, with its alternates."""
        file.locale = file.locale_alternate_of = self.current
        file.alternates = {locale: _Link(url) for locale, url in urls.items()}
        return file


class _Link:
    """What the i18n plugin reads of an alternate: its URL."""

    def __init__(self, url: str) -> None:
        self.url = url
