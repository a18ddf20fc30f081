from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.edition_metadata_v1_editions_number_indicators_indicator_id_metadata_json_get_indicator_id import (
    EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
)
from ...models.indicator_metadata import IndicatorMetadata
from ...models.problem_details import ProblemDetails
from ...types import Response


def _get_kwargs(
    number: int,
    indicator_id: EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/editions/{number}/indicators/{indicator_id}.metadata.json".format(
            number=quote(str(number), safe=""),
            indicator_id=quote(str(indicator_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> IndicatorMetadata | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = IndicatorMetadata.from_dict(response.json())

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
) -> Response[IndicatorMetadata | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    number: int,
    indicator_id: EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Response[IndicatorMetadata | ProblemDetails]:
    """One indicator's metadata as of an edition

    Args:
        number (int): The edition's number
        indicator_id
            (EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IndicatorMetadata | ProblemDetails]
    """

    kwargs = _get_kwargs(
        number=number,
        indicator_id=indicator_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: int,
    indicator_id: EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> IndicatorMetadata | ProblemDetails | None:
    """One indicator's metadata as of an edition

    Args:
        number (int): The edition's number
        indicator_id
            (EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IndicatorMetadata | ProblemDetails
    """

    return sync_detailed(
        number=number,
        indicator_id=indicator_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    number: int,
    indicator_id: EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> Response[IndicatorMetadata | ProblemDetails]:
    """One indicator's metadata as of an edition

    Args:
        number (int): The edition's number
        indicator_id
            (EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[IndicatorMetadata | ProblemDetails]
    """

    kwargs = _get_kwargs(
        number=number,
        indicator_id=indicator_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: int,
    indicator_id: EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
) -> IndicatorMetadata | ProblemDetails | None:
    """One indicator's metadata as of an edition

    Args:
        number (int): The edition's number
        indicator_id
            (EditionMetadataV1EditionsNumberIndicatorsIndicatorIdMetadataJsonGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        IndicatorMetadata | ProblemDetails
    """

    return (
        await asyncio_detailed(
            number=number,
            indicator_id=indicator_id,
            client=client,
        )
    ).parsed
