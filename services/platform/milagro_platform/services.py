"""The services of the platform, found where each one declares itself: the
`milagro.services` entry-point group of its pyproject (`registry =
"milagro_registry.service:service"`). Nothing else lists them."""

from importlib.metadata import EntryPoint, entry_points

from milagro_kit.service import Service

GROUP = "milagro.services"


def _load(entry: EntryPoint) -> Service:
    service = entry.load()
    if not isinstance(service, Service) or service.name != entry.name:
        raise TypeError(f"entry point {entry.name} = {entry.value} is not that Service")
    return service


def load(name: str) -> Service:
    """One installed service, by name."""
    found = entry_points(group=GROUP, name=name)
    if not found:
        raise LookupError(f"no service {name!r}; installed: {', '.join(discover())}")
    return _load(next(iter(found)))


def discover() -> dict[str, Service]:
    """Every installed service by name, in the order of their ports."""
    services = [_load(entry) for entry in entry_points(group=GROUP)]
    unplaced = [s.name for s in services if s.port_offset is None]
    if unplaced:
        raise ValueError(f"services without a port_offset: {unplaced}")
    return {s.name: s for s in sorted(services, key=lambda s: s.port_offset or 0)}


def service_ports(base: int) -> dict[str, int]:
    """Each service's port under `milagro up`: `base` + its `port_offset`."""
    return {name: base + (s.port_offset or 0) for name, s in discover().items()}
