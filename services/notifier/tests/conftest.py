import sys
from pathlib import Path

# with importlib imports a test folder is not on the path by itself
sys.path.insert(0, str(Path(__file__).parent))

from harness import mailbox, notifier, registry

__all__ = ["mailbox", "notifier", "registry"]
