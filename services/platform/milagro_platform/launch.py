"""`python -m milagro_platform.launch <service> [command ...]`: a service's own command line
(`milagro-<service>`), found by name, so the platform starts every service the same way."""

import sys

from milagro_kit.runner import main
from milagro_platform.services import load

if __name__ == "__main__":
    main(load(sys.argv[1]), sys.argv[2:])
