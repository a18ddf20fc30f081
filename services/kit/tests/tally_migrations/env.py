from sqlalchemy import MetaData

from milagro_kit.migrations import run_env

run_env(MetaData())
