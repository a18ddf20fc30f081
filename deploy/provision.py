"""One-shot provisioning for a deployed stack (docker compose `provision`, the Kubernetes Job).

Creates every JetStream stream of the catalogue, or brings existing ones to the configured
limits (MILAGRO_STREAM_*), waiting for nats-server first. With MILAGRO_HOME set it also
makes the development signing key under $MILAGRO_HOME/keys/, and with it the notifier's
service token for the registry's contact look-up, `keys/notifier.token` (compose only:
production tokens come from the identity provider and are verified against
MILAGRO_AUTH_JWKS_URL).

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
    settings = Settings(service="provision")
    asyncio.run(provision(settings))
    home = os.environ.get("MILAGRO_HOME")
    if home:
        from milagro_platform.devkeys import PUBLIC_KEY_FILE, dev_mint, ensure_dev_key

        keys = ensure_dev_key(Path(home))
        print(f"development public key: {keys / PUBLIC_KEY_FILE}")
        # minted afresh on every `docker compose up`; read by the notifier when it starts
        mint = dev_mint(Path(home), settings.auth_issuer, settings.auth_audience)
        token = mint.token(service="notifier", subject="notifier", ttl_s=365 * 86400)
        file = keys / "notifier.token"
        file.write_text(token)
        file.chmod(0o600)
        print(f"notifier service token: {file}")


if __name__ == "__main__":
    main()
