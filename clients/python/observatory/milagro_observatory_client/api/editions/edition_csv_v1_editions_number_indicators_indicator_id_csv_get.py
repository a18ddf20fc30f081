from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.edition_csv_v1_editions_number_indicators_indicator_id_csv_get_indicator_id import (
    EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
)
from ...models.edition_csv_v1_editions_number_indicators_indicator_id_csv_get_period import (
    EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod,
)
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    number: int,
    indicator_id: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
    *,
    by: None | str | Unset = UNSET,
    period: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod
    | Unset = EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    partner: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    group: None | str | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_by: None | str | Unset
    if isinstance(by, Unset):
        json_by = UNSET
    else:
        json_by = by
    params["by"] = json_by

    json_period: str | Unset = UNSET
    if not isinstance(period, Unset):
        json_period = period.value

    params["period"] = json_period

    json_from_: None | str | Unset
    if isinstance(from_, Unset):
        json_from_ = UNSET
    else:
        json_from_ = from_
    params["from"] = json_from_

    json_to: None | str | Unset
    if isinstance(to, Unset):
        json_to = UNSET
    else:
        json_to = to
    params["to"] = json_to

    json_partner: None | str | Unset
    if isinstance(partner, Unset):
        json_partner = UNSET
    else:
        json_partner = partner
    params["partner"] = json_partner

    json_country: None | str | Unset
    if isinstance(country, Unset):
        json_country = UNSET
    else:
        json_country = country
    params["country"] = json_country

    json_group: None | str | Unset
    if isinstance(group, Unset):
        json_group = UNSET
    else:
        json_group = group
    params["group"] = json_group

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/editions/{number}/indicators/{indicator_id}.csv".format(
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
    indicator_id: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    period: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod
    | Unset = EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    partner: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    group: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """One indicator's table as of an edition, as CSV (the live CSV's filters)

    Args:
        number (int): The edition's number
        indicator_id (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): Dimensions to break the figures down by, comma-separated, in any
            order: up to two for the programme to date, one by month or quarter
        period (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod | Unset): total
            (programme to date; without `by`, the live headline), month or quarter (from the latest
            release) Default: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL.
        from_ (None | str | Unset): First month listed (month, quarter)
        to (None | str | Unset): Last month (month, quarter)
        partner (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        country (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        group (None | str | Unset): Only the rows with this value (the dimension must be in `by`)

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
        period=period,
        from_=from_,
        to=to,
        partner=partner,
        country=country,
        group=group,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    number: int,
    indicator_id: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    period: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod
    | Unset = EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    partner: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    group: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """One indicator's table as of an edition, as CSV (the live CSV's filters)

    Args:
        number (int): The edition's number
        indicator_id (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): Dimensions to break the figures down by, comma-separated, in any
            order: up to two for the programme to date, one by month or quarter
        period (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod | Unset): total
            (programme to date; without `by`, the live headline), month or quarter (from the latest
            release) Default: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL.
        from_ (None | str | Unset): First month listed (month, quarter)
        to (None | str | Unset): Last month (month, quarter)
        partner (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        country (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        group (None | str | Unset): Only the rows with this value (the dimension must be in `by`)

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
        period=period,
        from_=from_,
        to=to,
        partner=partner,
        country=country,
        group=group,
    ).parsed


async def asyncio_detailed(
    number: int,
    indicator_id: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    period: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod
    | Unset = EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    partner: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    group: None | str | Unset = UNSET,
) -> Response[Any | ProblemDetails]:
    """One indicator's table as of an edition, as CSV (the live CSV's filters)

    Args:
        number (int): The edition's number
        indicator_id (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): Dimensions to break the figures down by, comma-separated, in any
            order: up to two for the programme to date, one by month or quarter
        period (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod | Unset): total
            (programme to date; without `by`, the live headline), month or quarter (from the latest
            release) Default: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL.
        from_ (None | str | Unset): First month listed (month, quarter)
        to (None | str | Unset): Last month (month, quarter)
        partner (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        country (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        group (None | str | Unset): Only the rows with this value (the dimension must be in `by`)

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
        period=period,
        from_=from_,
        to=to,
        partner=partner,
        country=country,
        group=group,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    number: int,
    indicator_id: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId,
    *,
    client: AuthenticatedClient | Client,
    by: None | str | Unset = UNSET,
    period: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod
    | Unset = EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL,
    from_: None | str | Unset = UNSET,
    to: None | str | Unset = UNSET,
    partner: None | str | Unset = UNSET,
    country: None | str | Unset = UNSET,
    group: None | str | Unset = UNSET,
) -> Any | ProblemDetails | None:
    """One indicator's table as of an edition, as CSV (the live CSV's filters)

    Args:
        number (int): The edition's number
        indicator_id (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetIndicatorId): An
            indicator of the catalogue (`/v1/indicators`); another answers 404
        by (None | str | Unset): Dimensions to break the figures down by, comma-separated, in any
            order: up to two for the programme to date, one by month or quarter
        period (EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod | Unset): total
            (programme to date; without `by`, the live headline), month or quarter (from the latest
            release) Default: EditionCsvV1EditionsNumberIndicatorsIndicatorIdCsvGetPeriod.TOTAL.
        from_ (None | str | Unset): First month listed (month, quarter)
        to (None | str | Unset): Last month (month, quarter)
        partner (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        country (None | str | Unset): Only the rows with this value (the dimension must be in
            `by`)
        group (None | str | Unset): Only the rows with this value (the dimension must be in `by`)

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
            period=period,
            from_=from_,
            to=to,
            partner=partner,
            country=country,
            group=group,
        )
    ).parsed
