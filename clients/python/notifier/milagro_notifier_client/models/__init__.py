"""Contains all the data models used in inputs/outputs"""

from .attempt_out import AttemptOut
from .dead_letter import DeadLetter
from .delivery_detail import DeliveryDetail
from .delivery_detail_state import DeliveryDetailState
from .delivery_log_v1_webhooks_subscriptions_id_deliveries_get_state_type_0 import (
    DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0,
)
from .delivery_out import DeliveryOut
from .delivery_out_state import DeliveryOutState
from .delivery_page import DeliveryPage
from .health import Health
from .health_checks import HealthChecks
from .partner_contact import PartnerContact
from .partner_contacts import PartnerContacts
from .preferences import Preferences
from .problem_details import ProblemDetails
from .subscription_change import SubscriptionChange
from .subscription_in import SubscriptionIn
from .subscription_out import SubscriptionOut
from .subscription_with_secret import SubscriptionWithSecret

__all__ = (
    "AttemptOut",
    "DeadLetter",
    "DeliveryDetail",
    "DeliveryDetailState",
    "DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0",
    "DeliveryOut",
    "DeliveryOutState",
    "DeliveryPage",
    "Health",
    "HealthChecks",
    "PartnerContact",
    "PartnerContacts",
    "Preferences",
    "ProblemDetails",
    "SubscriptionChange",
    "SubscriptionIn",
    "SubscriptionOut",
    "SubscriptionWithSecret",
)
