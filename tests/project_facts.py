"""Facts the tests take from the project's own configuration, read once from mkdocs.yml."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
POLICY = ROOT / "scripts" / "policy.py"  # the staff CLI, run as staff run it
CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_URL = CONFIG["site_url"]
HOST = SITE_URL.split("/")[2]
ORIGIN = f"https://{HOST}"
LANGUAGES = tuple(language["locale"] for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "i18n" in plugin
                  for language in sorted(plugin["i18n"]["languages"], key=lambda lang: lang.get("default") != "true"))
SETTINGS = next(plugin["policy-site"] for plugin in CONFIG["plugins"] if isinstance(plugin, dict) and "policy-site" in plugin)
