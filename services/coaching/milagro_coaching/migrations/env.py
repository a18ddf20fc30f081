from milagro_coaching.store import metadata
from milagro_kit.migrations import run_env

run_env(metadata)
