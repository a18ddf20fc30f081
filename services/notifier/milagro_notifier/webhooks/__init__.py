"""Webhooks for partner systems (issue 18): subscriptions, fan-out of domain events to
them, signed delivery with retries, and the delivery log.

`fanout` turns each event into one delivery row per matching subscription, `dispatch`
POSTs what is due, `api` is how a partner's coordinators manage it all.
"""
