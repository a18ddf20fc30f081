from milagro_kit.migrations import run_env
from milagro_observatory.store import metadata

run_env(metadata)
