from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem_details import ProblemDetails
from ...models.subscription_in import SubscriptionIn
from ...models.subscription_with_secret import SubscriptionWithSecret
from ...types import Response


def _get_kwargs(
    *,
    body: SubscriptionIn,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/webhooks/subscriptions",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProblemDetails | SubscriptionWithSecret | None:
    if response.status_code == 201:
        response_201 = SubscriptionWithSecret.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = ProblemDetails.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = ProblemDetails.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = ProblemDetails.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = ProblemDetails.from_dict(response.json())

        return response_413

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
) -> Response[ProblemDetails | SubscriptionWithSecret]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: SubscriptionIn,
) -> Response[ProblemDetails | SubscriptionWithSecret]:
    """Subscribe an endpoint to a partner's events

     Deliveries are POSTed and signed per the Standard Webhooks specification (`webhook-id`, `webhook-
    timestamp`, `webhook-signature`); the secret is shown once. A delivery's body is the event's
    CloudEvents envelope as it travels on the bus: pseudonymous ids and statistical attributes, never
    names or contact details.

    Args:
        body (SubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: SubscriptionIn,
) -> ProblemDetails | SubscriptionWithSecret | None:
    """Subscribe an endpoint to a partner's events

     Deliveries are POSTed and signed per the Standard Webhooks specification (`webhook-id`, `webhook-
    timestamp`, `webhook-signature`); the secret is shown once. A delivery's body is the event's
    CloudEvents envelope as it travels on the bus: pseudonymous ids and statistical attributes, never
    names or contact details.

    Args:
        body (SubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SubscriptionWithSecret
    """

    return sync_detailed(
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: SubscriptionIn,
) -> Response[ProblemDetails | SubscriptionWithSecret]:
    """Subscribe an endpoint to a partner's events

     Deliveries are POSTed and signed per the Standard Webhooks specification (`webhook-id`, `webhook-
    timestamp`, `webhook-signature`); the secret is shown once. A delivery's body is the event's
    CloudEvents envelope as it travels on the bus: pseudonymous ids and statistical attributes, never
    names or contact details.

    Args:
        body (SubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProblemDetails | SubscriptionWithSecret]
    """

    kwargs = _get_kwargs(
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: SubscriptionIn,
) -> ProblemDetails | SubscriptionWithSecret | None:
    """Subscribe an endpoint to a partner's events

     Deliveries are POSTed and signed per the Standard Webhooks specification (`webhook-id`, `webhook-
    timestamp`, `webhook-signature`); the secret is shown once. A delivery's body is the event's
    CloudEvents envelope as it travels on the bus: pseudonymous ids and statistical attributes, never
    names or contact details.

    Args:
        body (SubscriptionIn):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProblemDetails | SubscriptionWithSecret
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
        )
    ).parsed
