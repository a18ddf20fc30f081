from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.package_resource_v1_data_indicator_id_csv_get_indicator_id import (
    PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
)
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    indicator_id: PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/data/{indicator_id}.csv".format(
            indicator_id=quote(str(indicator_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 404:
        response_404 = ProblemDetails.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = ProblemDetails.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = ProblemDetails.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    indicator_id: PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ProblemDetails]:
    """One data package resource

    Args:
        indicator_id (PackageResourceV1DataIndicatorIdCsvGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        indicator_id=indicator_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    indicator_id: PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ProblemDetails | None:
    """One data package resource

    Args:
        indicator_id (PackageResourceV1DataIndicatorIdCsvGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        indicator_id=indicator_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    indicator_id: PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Response[Any | ProblemDetails]:
    """One data package resource

    Args:
        indicator_id (PackageResourceV1DataIndicatorIdCsvGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        indicator_id=indicator_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    indicator_id: PackageResourceV1DataIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Any | ProblemDetails | None:
    """One data package resource

    Args:
        indicator_id (PackageResourceV1DataIndicatorIdCsvGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            indicator_id=indicator_id,
            client=client,
        )
    ).parsed
