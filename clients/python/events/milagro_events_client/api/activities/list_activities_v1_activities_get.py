import datetime
from http import HTTPStatus
from typing import Any
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.activity_kind import ActivityKind
from ...models.activity_page import ActivityPage
from ...models.problem_details import ProblemDetails
from ...models.state import State
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    partner: None | str | Unset = UNSET,
    kind: ActivityKind | None | Unset = UNSET,
    state: None | State | Unset = UNSET,
    place: None | str | Unset = UNSET,
    online: bool | None | Unset = UNSET,
    starts_from: datetime.date | None | Unset = UNSET,
    starts_to: datetime.date | None | Unset = UNSET,
    training_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_partner: None | str | Unset
    if isinstance(partner, Unset):
        json_partner = UNSET
    else:
        json_partner = partner
    params["partner"] = json_partner

    json_kind: None | str | Unset
    if isinstance(kind, Unset):
        json_kind = UNSET
    elif isinstance(kind, ActivityKind):
        json_kind = kind.value
    else:
        json_kind = kind
    params["kind"] = json_kind

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, State):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

    json_place: None | str | Unset
    if isinstance(place, Unset):
        json_place = UNSET
    else:
        json_place = place
    params["place"] = json_place

    json_online: bool | None | Unset
    if isinstance(online, Unset):
        json_online = UNSET
    else:
        json_online = online
    params["online"] = json_online

    json_starts_from: None | str | Unset
    if isinstance(starts_from, Unset):
        json_starts_from = UNSET
    elif isinstance(starts_from, datetime.date):
        json_starts_from = starts_from.isoformat()
    else:
        json_starts_from = starts_from
    params["starts_from"] = json_starts_from

    json_starts_to: None | str | Unset
    if isinstance(starts_to, Unset):
        json_starts_to = UNSET
    elif isinstance(starts_to, datetime.date):
        json_starts_to = starts_to.isoformat()
    else:
        json_starts_to = starts_to
    params["starts_to"] = json_starts_to

    json_training_id: None | str | Unset
    if isinstance(training_id, Unset):
        json_training_id = UNSET
    elif isinstance(training_id, UUID):
        json_training_id = str(training_id)
    else:
        json_training_id = training_id
    params["training_id"] = json_training_id

    json_cursor: None | str | Unset
    if isinstance(cursor, Unset):
        json_cursor = UNSET
    else:
        json_cursor = cursor
    params["cursor"] = json_cursor

    params["limit"] = limit

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/activities",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ActivityPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = ActivityPage.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

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
) -> Response[ActivityPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    kind: ActivityKind | None | Unset = UNSET,
    state: None | State | Unset = UNSET,
    place: None | str | Unset = UNSET,
    online: bool | None | Unset = UNSET,
    starts_from: datetime.date | None | Unset = UNSET,
    starts_to: datetime.date | None | Unset = UNSET,
    training_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ActivityPage | ProblemDetails]:
    """Find activities

     By start time, then id; follow `next_cursor` for more. Pages stay stable while others schedule
    activities. `starts_from`/`starts_to` are days (UTC), inclusive; `place` matches a place exactly, in
    any case.

    Args:
        partner (None | str | Unset):
        kind (ActivityKind | None | Unset):
        state (None | State | Unset):
        place (None | str | Unset):
        online (bool | None | Unset):
        starts_from (datetime.date | None | Unset):
        starts_to (datetime.date | None | Unset):
        training_id (None | Unset | UUID):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivityPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        kind=kind,
        state=state,
        place=place,
        online=online,
        starts_from=starts_from,
        starts_to=starts_to,
        training_id=training_id,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    kind: ActivityKind | None | Unset = UNSET,
    state: None | State | Unset = UNSET,
    place: None | str | Unset = UNSET,
    online: bool | None | Unset = UNSET,
    starts_from: datetime.date | None | Unset = UNSET,
    starts_to: datetime.date | None | Unset = UNSET,
    training_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ActivityPage | ProblemDetails | None:
    """Find activities

     By start time, then id; follow `next_cursor` for more. Pages stay stable while others schedule
    activities. `starts_from`/`starts_to` are days (UTC), inclusive; `place` matches a place exactly, in
    any case.

    Args:
        partner (None | str | Unset):
        kind (ActivityKind | None | Unset):
        state (None | State | Unset):
        place (None | str | Unset):
        online (bool | None | Unset):
        starts_from (datetime.date | None | Unset):
        starts_to (datetime.date | None | Unset):
        training_id (None | Unset | UUID):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivityPage | ProblemDetails
    """

    return sync_detailed(
        client=client,
        partner=partner,
        kind=kind,
        state=state,
        place=place,
        online=online,
        starts_from=starts_from,
        starts_to=starts_to,
        training_id=training_id,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    kind: ActivityKind | None | Unset = UNSET,
    state: None | State | Unset = UNSET,
    place: None | str | Unset = UNSET,
    online: bool | None | Unset = UNSET,
    starts_from: datetime.date | None | Unset = UNSET,
    starts_to: datetime.date | None | Unset = UNSET,
    training_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[ActivityPage | ProblemDetails]:
    """Find activities

     By start time, then id; follow `next_cursor` for more. Pages stay stable while others schedule
    activities. `starts_from`/`starts_to` are days (UTC), inclusive; `place` matches a place exactly, in
    any case.

    Args:
        partner (None | str | Unset):
        kind (ActivityKind | None | Unset):
        state (None | State | Unset):
        place (None | str | Unset):
        online (bool | None | Unset):
        starts_from (datetime.date | None | Unset):
        starts_to (datetime.date | None | Unset):
        training_id (None | Unset | UUID):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ActivityPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        partner=partner,
        kind=kind,
        state=state,
        place=place,
        online=online,
        starts_from=starts_from,
        starts_to=starts_to,
        training_id=training_id,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    partner: None | str | Unset = UNSET,
    kind: ActivityKind | None | Unset = UNSET,
    state: None | State | Unset = UNSET,
    place: None | str | Unset = UNSET,
    online: bool | None | Unset = UNSET,
    starts_from: datetime.date | None | Unset = UNSET,
    starts_to: datetime.date | None | Unset = UNSET,
    training_id: None | Unset | UUID = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> ActivityPage | ProblemDetails | None:
    """Find activities

     By start time, then id; follow `next_cursor` for more. Pages stay stable while others schedule
    activities. `starts_from`/`starts_to` are days (UTC), inclusive; `place` matches a place exactly, in
    any case.

    Args:
        partner (None | str | Unset):
        kind (ActivityKind | None | Unset):
        state (None | State | Unset):
        place (None | str | Unset):
        online (bool | None | Unset):
        starts_from (datetime.date | None | Unset):
        starts_to (datetime.date | None | Unset):
        training_id (None | Unset | UUID):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ActivityPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            client=client,
            partner=partner,
            kind=kind,
            state=state,
            place=place,
            online=online,
            starts_from=starts_from,
            starts_to=starts_to,
            training_id=training_id,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
