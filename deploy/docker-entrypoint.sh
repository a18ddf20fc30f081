#!/bin/sh
# One image, every service. Examples:
#   docker run IMAGE registry serve --migrate     -> milagro-registry serve --migrate
#   MILAGRO_SERVICE=events docker run IMAGE       -> milagro-events serve
#   MILAGRO_SERVICE=events docker run IMAGE migrate
#   docker run IMAGE milagro-notifier provision   (any other command runs as given)
set -e

# The services installed in the image: the `milagro.services` entry points of their pyprojects.
services=$(python -c 'from importlib.metadata import entry_points as e
print(" ".join(sorted(s.name for s in e(group="milagro.services"))))')
is_service() { for s in $services; do [ "$1" = "$s" ] && return 0; done; return 1; }

if [ $# -gt 0 ] && is_service "$1"; then
    service=$1
    shift
elif [ $# -eq 0 ] || [ "$1" = serve ] || [ "$1" = migrate ] || [ "$1" = provision ] \
    || [ "${1#-}" != "$1" ]; then
    service=${MILAGRO_SERVICE:-}
    if [ -z "$service" ]; then
        echo "which service? give it as the first argument or in MILAGRO_SERVICE ($services)" >&2
        exit 2
    fi
    is_service "$service" || { echo "unknown service: $service ($services)" >&2; exit 2; }
else
    exec "$@"
fi

[ $# -gt 0 ] || set -- serve
exec "milagro-$service" "$@"
