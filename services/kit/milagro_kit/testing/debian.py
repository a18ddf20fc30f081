"""Tools some tests check the platform's files with, from Debian's packages: installed on
first use (CI starts from a machine with Python only; these machines reach Debian's
registry), so a check never skips for want of its tool."""

import shutil
import subprocess


def tool(command: str, package: str) -> str:
    """The path of `command`, installing Debian's `package` first if it is missing."""
    found = shutil.which(command)
    if found is None:
        subprocess.run(
            f"apt-get update -qq && apt-get install -y -qq --no-install-recommends {package}",
            shell=True,
            check=True,
            timeout=600,
            capture_output=True,
        )
        found = shutil.which(command)
    assert found is not None, f"{package} was installed but gives no {command}"
    return found
