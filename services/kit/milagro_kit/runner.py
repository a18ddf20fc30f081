"""The entry point of every service process: `milagro-<service> serve|work|migrate|...`.

`serve` runs the API with the relay, the consumers and the background tasks in one process,
or only the API when MILAGRO_SEPARATE_WORKER is true; `work` then runs the rest.
"""

import argparse
import asyncio

import uvicorn

from milagro_kit import bus, telemetry
from milagro_kit.migrations import new_revision, upgrade
from milagro_kit.service import Role, Service, create_app
from milagro_kit.settings import Settings


async def provision(service: Service, settings: Settings) -> None:
    """Create or update this service's durable consumers (needs bus admin rights)."""
    nc = await bus.connect(settings, name=f"{service.name}-provision")
    try:
        js = nc.jetstream()
        for consumer in service.consumers:
            await bus.provision_consumer(js, consumer.durable, settings)
    finally:
        await nc.close()


def main(service: Service, argv: list[str] | None = None) -> None:
    """Parse the command line and run the service, its migrations, its provisioning or one
    of its own commands (`Service.commands`, e.g. the observatory's `rebuild`)."""
    parser = argparse.ArgumentParser(prog=f"milagro-{service.name}")
    parser.add_argument(
        "command",
        choices=["serve", "work", "migrate", "provision", "revision", *service.commands],
        nargs="?",
        default="serve",
        help="work: the relay, consumers and background tasks without the API; "
        "revision: write the migration that brings the database to the store's tables",
    )
    parser.add_argument("-m", "--message", help="what a new revision does (revision)")
    parser.add_argument("--migrate", action="store_true", help="migrate before serving/working")
    parser.add_argument("--provision", action="store_true", help="provision consumers first")
    args = parser.parse_args(argv)
    settings = service.settings(service=service.name)
    telemetry.configure_logging(settings)
    if args.command == "revision":
        if not args.message:
            parser.error("revision needs -m/--message")
        url = settings.database_url.get_secret_value()
        print(new_revision(url, service.migrations, service.metadata, args.message))
        return
    if args.command == "migrate" or args.migrate:
        upgrade(settings.database_url.get_secret_value(), service.migrations)
    if args.command == "provision" or args.provision:
        asyncio.run(provision(service, settings))
    if args.command in service.commands:
        print(asyncio.run(service.commands[args.command](settings)))
    if args.command not in ("serve", "work"):
        return
    if args.command == "work":
        role = Role.worker
    else:
        role = Role.api if settings.separate_worker else Role.whole
    telemetry.configure_telemetry(settings)
    uvicorn.run(
        create_app(service, settings, role),
        host=settings.host,
        port=settings.port,
        loop="uvloop",
        http="httptools",
        log_config=None,
        access_log=False,
        timeout_graceful_shutdown=5,
    )
