from enum import StrEnum


class DeliveryLogV1WebhooksSubscriptionsIdDeliveriesGetStateType0(StrEnum):
    DEAD = "dead"
    DELIVERED = "delivered"
    PENDING = "pending"

    def __str__(self) -> str:
        return str(self.value)
