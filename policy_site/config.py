"""The plugin's settings under `plugins: - policy-site:` in mkdocs.yml, validated by MkDocs itself."""

from __future__ import annotations

import re

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config, ValidationError

from .messages import _


class Contact(opt.Type):
    """A security contact as RFC 9116 allows it: a mailto: or an https:// address."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if not CONTACT.match(value):
            raise ValidationError(_("'{value}' is not a mailto: or https:// address; "
                                    "write for example mailto:security@example.org").format(value=value))
        return value


class Days(opt.Type):
    """A whole number of days within RFC 9116's limit: security.txt must expire within a year."""

    def __init__(self, default: int) -> None:
        super().__init__(int, default=default)

    def run_validation(self, value: object) -> int:
        value = super().run_validation(value)
        if not 0 < value < 365:
            raise ValidationError(_("{value} is not a number of days from 1 to 364 (RFC 9116: less than a year)").format(
                value=value))
        return value


class PageAddress(opt.Type):
    """A page's address inside a language folder, as built: policy.html, old/privacy.html."""

    def __init__(self) -> None:
        super().__init__(str)

    def run_validation(self, value: object) -> str:
        value = super().run_validation(value)
        if value.startswith("/") or "://" in value or not value.endswith(".html"):
            raise ValidationError(_("'{value}' is not a page address inside a language folder; "
                                    "write it as built, for example policy.html").format(value=value))
        return value


class Redirects(opt.DictOfItems):
    """Moved pages: both the old and the new address are page addresses inside a language folder."""

    def __init__(self) -> None:
        super().__init__(PageAddress(), default={})

    def run_validation(self, value: object) -> dict[str, str]:
        value = super().run_validation(value)
        for old in value:
            PageAddress().run_validation(old)
        return value


class PolicySiteConfig(Config):
    # The organisation, by its Japanese name; each language's glossary.yml gives its name there
    organisation = opt.Type(str)

    # Languages that are reading aids, not translations of the policy (やさしい日本語: ja-Hira):
    # each of their sections links to the same section of the official text
    reading_aids = opt.ListOfItems(opt.Type(str), default=[])

    # security.txt (RFC 9116): who receives reports of security problems, and for how many days
    # after each build the file is valid (publish a build at least that often)
    security_contact = opt.ListOfItems(Contact())
    security_expires_days = Days(default=180)

    # HTTP headers and cache times for every host, relative to mkdocs.yml
    headers = opt.File(exists=True, default="hosting/headers.yml")

    # Moved pages: old address: new address, inside each language folder
    redirects = Redirects()


CONTACT = re.compile(r"^(?:mailto:[^@\s]+@[^@\s]+|https://\S+)$")
