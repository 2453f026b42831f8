"""The generator is one plugin: mkdocs.yml lists no hooks, and every module of it is loaded once in a build."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from project_copies import copy_project
from project_facts import CONFIG, ROOT

# A build in a fresh interpreter, then every loaded module that comes from this repository, by name and file.
LOADED_MODULES = f"""
import json, sys
sys.path.insert(0, {str(ROOT / 'scripts')!r})
import policy
code = policy.main(["build", "--project", sys.argv[1]])
print(json.dumps({{"code": code, "modules": {{name: getattr(module, "__file__", None)
                  for name, module in list(sys.modules.items())
                  if (getattr(module, "__file__", None) or "").startswith({str(ROOT)!r})}}}}))
"""


def test_mkdocs_yml_lists_no_hooks_and_configures_the_plugin() -> None:
    assert "hooks" not in CONFIG
    assert any(isinstance(plugin, dict) and "policy-site" in plugin for plugin in CONFIG["plugins"])


def test_no_module_is_loaded_twice_in_a_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project")
    result = subprocess.run([sys.executable, "-c", LOADED_MODULES, str(project)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout.strip().splitlines()[-1])
    assert loaded["code"] == 0
    files = [Path(file).resolve() for file in loaded["modules"].values()]
    assert len(files) == len(set(files)), loaded["modules"]
    plugin_modules = [name for name, file in loaded["modules"].items() if "/policy_site/" in file]
    assert "policy_site.plugin" in plugin_modules and "policy_site.i18n" in plugin_modules
    assert all(name.startswith("policy_site") for name in plugin_modules)
