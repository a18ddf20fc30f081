from milagro_kit.migrations import run_env
from milagro_registry.store import metadata

run_env(metadata)
