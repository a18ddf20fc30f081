from http import HTTPStatus
from typing import Any
from urllib.parse import quote
from uuid import UUID

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_log_v1_webhooks_subscriptions_id_deliveries_get_state_type_0 import (
    DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0,
)
from ...models.delivery_page import DeliveryPage
from ...models.problem_details import ProblemDetails
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: UUID,
    *,
    state: DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_state: None | str | Unset
    if isinstance(state, Unset):
        json_state = UNSET
    elif isinstance(state, DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0):
        json_state = state.value
    else:
        json_state = state
    params["state"] = json_state

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
        "url": "/v1/webhooks/subscriptions/{id}/deliveries".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryPage | ProblemDetails | None:
    if response.status_code == 200:
        response_200 = DeliveryPage.from_dict(response.json())

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
) -> Response[DeliveryPage | ProblemDetails]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    state: DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[DeliveryPage | ProblemDetails]:
    """The delivery log of a subscription, newest first

     Keyset pages; `state=dead` lists the deliveries that exhausted their retries (replay them with
    `redeliver`).

    Args:
        id (UUID):
        state (DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        id=id,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: UUID,
    *,
    client: AuthenticatedClient,
    state: DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> DeliveryPage | ProblemDetails | None:
    """The delivery log of a subscription, newest first

     Keyset pages; `state=dead` lists the deliveries that exhausted their retries (replay them with
    `redeliver`).

    Args:
        id (UUID):
        state (DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | ProblemDetails
    """

    return sync_detailed(
        id=id,
        client=client,
        state=state,
        cursor=cursor,
        limit=limit,
    ).parsed


async def asyncio_detailed(
    id: UUID,
    *,
    client: AuthenticatedClient,
    state: DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> Response[DeliveryPage | ProblemDetails]:
    """The delivery log of a subscription, newest first

     Keyset pages; `state=dead` lists the deliveries that exhausted their retries (replay them with
    `redeliver`).

    Args:
        id (UUID):
        state (DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryPage | ProblemDetails]
    """

    kwargs = _get_kwargs(
        id=id,
        state=state,
        cursor=cursor,
        limit=limit,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: UUID,
    *,
    client: AuthenticatedClient,
    state: DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset = UNSET,
    cursor: None | str | Unset = UNSET,
    limit: int | Unset = 50,
) -> DeliveryPage | ProblemDetails | None:
    """The delivery log of a subscription, newest first

     Keyset pages; `state=dead` lists the deliveries that exhausted their retries (replay them with
    `redeliver`).

    Args:
        id (UUID):
        state (DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0 | None | Unset):
        cursor (None | str | Unset):
        limit (int | Unset):  Default: 50.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryPage | ProblemDetails
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            state=state,
            cursor=cursor,
            limit=limit,
        )
    ).parsed
