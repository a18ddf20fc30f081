from milagro_kit.migrations import run_env
from milagro_notifier.store import metadata

run_env(metadata)
