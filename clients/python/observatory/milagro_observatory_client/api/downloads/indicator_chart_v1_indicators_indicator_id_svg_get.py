from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.indicator_chart_v1_indicators_indicator_id_svg_get_indicator_id import (
    IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
)
from ...models.indicator_chart_v1_indicators_indicator_id_svg_get_lang import (
    IndicatorChartV1IndicatorsIndicatorIdSvgGetLang,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    indicator_id: IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
    *,
    by: None | str | Unset = UNSET,
    lang: IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset = IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN,
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
        "url": "/v1/indicators/{indicator_id}.svg".format(
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
    indicator_id: IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset = IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN,
) -> Response[Any | ProblemDetails]:
    """One indicator as a chart to embed (SVG, in four languages)

    Args:
        indicator_id (IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset):  Default:
            IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        indicator_id=indicator_id,
        by=by,
        lang=lang,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    indicator_id: IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset = IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN,
) -> Any | ProblemDetails | None:
    """One indicator as a chart to embed (SVG, in four languages)

    Args:
        indicator_id (IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset):  Default:
            IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | ProblemDetails
    """

    return sync_detailed(
        indicator_id=indicator_id,
        client=client,
        by=by,
        lang=lang,
    ).parsed


async def asyncio_detailed(
    indicator_id: IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset = IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN,
) -> Response[Any | ProblemDetails]:
    """One indicator as a chart to embed (SVG, in four languages)

    Args:
        indicator_id (IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset):  Default:
            IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | ProblemDetails]
    """

    kwargs = _get_kwargs(
        indicator_id=indicator_id,
        by=by,
        lang=lang,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    indicator_id: IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    lang: IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset = IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN,
) -> Any | ProblemDetails | None:
    """One indicator as a chart to embed (SVG, in four languages)

    Args:
        indicator_id (IndicatorChartV1IndicatorsIndicatorIdSvgGetIndicatorId): An indicator of the
            catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): One dimension to chart, e.g. partner
        lang (IndicatorChartV1IndicatorsIndicatorIdSvgGetLang | Unset):  Default:
            IndicatorChartV1IndicatorsIndicatorIdSvgGetLang.EN.

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
            by=by,
            lang=lang,
        )
    ).parsed
