from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.instrument_out import InstrumentOut
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    instrument_id: str,
    *,
    lang: str | Unset = "en",
    version: int | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["lang"] = lang

    json_version: int | None | Unset
    if isinstance(version, Unset):
        json_version = UNSET
    else:
        json_version = version
    params["version"] = json_version

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/instruments/{instrument_id}".format(
            instrument_id=quote(str(instrument_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> InstrumentOut | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = InstrumentOut.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

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
) -> Response[InstrumentOut | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    instrument_id: str,
    *,
    client: AuthenticatedClient,
    lang: str | Unset = "en",
    version: int | None | Unset = UNSET,
) -> Response[InstrumentOut | ProblemDetails]:
    """One instrument, to show its questions

     The newest version unless `version` is given. Items in instrument order; answers are the scale's
    values.

    Args:
        instrument_id (str):
        lang (str | Unset): One of en, it, sr, nl; any other gives English Default: 'en'.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstrumentOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        instrument_id=instrument_id,
        lang=lang,
        version=version,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    instrument_id: str,
    *,
    client: AuthenticatedClient,
    lang: str | Unset = "en",
    version: int | None | Unset = UNSET,
) -> InstrumentOut | ProblemDetails | None:
    """One instrument, to show its questions

     The newest version unless `version` is given. Items in instrument order; answers are the scale's
    values.

    Args:
        instrument_id (str):
        lang (str | Unset): One of en, it, sr, nl; any other gives English Default: 'en'.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstrumentOut | ProblemDetails
    """

    return sync_detailed(
        instrument_id=instrument_id,
        client=client,
        lang=lang,
        version=version,
    ).parsed


async def asyncio_detailed(
    instrument_id: str,
    *,
    client: AuthenticatedClient,
    lang: str | Unset = "en",
    version: int | None | Unset = UNSET,
) -> Response[InstrumentOut | ProblemDetails]:
    """One instrument, to show its questions

     The newest version unless `version` is given. Items in instrument order; answers are the scale's
    values.

    Args:
        instrument_id (str):
        lang (str | Unset): One of en, it, sr, nl; any other gives English Default: 'en'.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[InstrumentOut | ProblemDetails]
    """

    kwargs = _get_kwargs(
        instrument_id=instrument_id,
        lang=lang,
        version=version,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    instrument_id: str,
    *,
    client: AuthenticatedClient,
    lang: str | Unset = "en",
    version: int | None | Unset = UNSET,
) -> InstrumentOut | ProblemDetails | None:
    """One instrument, to show its questions

     The newest version unless `version` is given. Items in instrument order; answers are the scale's
    values.

    Args:
        instrument_id (str):
        lang (str | Unset): One of en, it, sr, nl; any other gives English Default: 'en'.
        version (int | None | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        InstrumentOut | ProblemDetails
    """

    return (
        await asyncio_detailed(
            instrument_id=instrument_id,
            client=client,
            lang=lang,
            version=version,
        )
    ).parsed
