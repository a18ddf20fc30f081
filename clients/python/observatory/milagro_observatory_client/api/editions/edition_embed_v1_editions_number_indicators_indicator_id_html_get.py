from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.edition_embed_v1_editions_number_indicators_indicator_id_html_get_indicator_id import (
    EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
)
from ...models.edition_embed_v1_editions_number_indicators_indicator_id_html_get_lang import (
    EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    number: int,
    indicator_id: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
    *,
    by: None | str | Unset = UNSET,
    lang: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang
    | Unset = EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_by: None | str | Unset
    if isinstance(by, Unset):
        json_by = UNSET
    else:
        json_by = by
    params["by"] = json_by

    json_lang: str | Unset = UNSET
    if not isinstance(lang, Unset):
        json_lang = lang.value

    params["lang"] = json_lang

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/editions/{number}/indicators/{indicator_id}.html".format(
            number=quote(str(number), safe=""),
            indicator_id=quote(str(indicator_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
        return response_200

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

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
    number: int,
    indicator_id: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang
    | Unset = EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN,
) -> Response[Any | ProblemDetails]:
    """One indicator's chart as of an edition, as a page for an <iframe>

    Args:
        number (int): The edition's number
        indicator_id (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang | Unset):  Default:
            EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        number=number,
        indicator_id=indicator_id,
        by=by,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: int,
    indicator_id: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang
    | Unset = EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN,
) -> Any | ProblemDetails | None:
    """One indicator's chart as of an edition, as a page for an <iframe>

    Args:
        number (int): The edition's number
        indicator_id (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang | Unset):  Default:
            EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        number=number,
        indicator_id=indicator_id,
        client=client,
        by=by,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    number: int,
    indicator_id: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang
    | Unset = EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN,
) -> Response[Any | ProblemDetails]:
    """One indicator's chart as of an edition, as a page for an <iframe>

    Args:
        number (int): The edition's number
        indicator_id (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang | Unset):  Default:
            EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        number=number,
        indicator_id=indicator_id,
        by=by,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: int,
    indicator_id: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang
    | Unset = EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN,
) -> Any | ProblemDetails | None:
    """One indicator's chart as of an edition, as a page for an <iframe>

    Args:
        number (int): The edition's number
        indicator_id (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang | Unset):  Default:
            EditionEmbedV1EditionsNumberIndicatorsIndicatorIdHtmlGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return (
        await asyncio_detailed(
            number=number,
            indicator_id=indicator_id,
            client=client,
            by=by,
            lang=lang,
        )
    ).parsed
