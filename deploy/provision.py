"""One-shot provisioning for a deployed stack (docker compose `provision`, the Kubernetes Job).

Creates every JetStream stream of the catalogue, or brings existing ones to the configured
limits (MILAGRO_STREAM_*), waiting for nats-server first. With MILAGRO_HOME set it also
makes the development signing key under $MILAGRO_HOME/keys/ (compose only: production
tokens come from the identity provider and are verified against MILAGRO_AUTH_JWKS_URL).

Each service's durable consumers are provisioned by `milagro-<service> provision` (or
`serve --provision`), after this has run. On a bus with permissions it runs as the
provisioning user (MILAGRO_NATS_USER=provision), the only one allowed to make streams.
"""

import asyncio
import os
import sys
from pathlib import Path

from milagro_kit import bus
from milagro_kit.settings import Settings


async def provision(settings: Settings, attempts: int = 60) -> None:
    for attempt in range(1, attempts + 1):
        try:
            nc = await bus.connect(settings, name="milagro-provision", persist=False)
            break
        except Exception as exc:
            if attempt == attempts:
                raise
            print(f"waiting for NATS at {settings.nats_url} ({exc!r})", file=sys.stderr)
            await asyncio.sleep(1)
    try:
        await bus.provision_streams(nc.jetstream(), settings)
    finally:
        await nc.close()
    print(f"streams provisioned on {settings.nats_url} (replicas {settings.stream_replicas})")


def main() -> None:
    asyncio.run(provision(Settings(service="provision")))
    home = os.environ.get("MILAGRO_HOME")
    if home:
        from milagro_platform.devkeys import PUBLIC_KEY_FILE, ensure_dev_key

        print(f"development public key: {ensure_dev_key(Path(home)) / PUBLIC_KEY_FILE}")


if __name__ == "__main__":
    main()
