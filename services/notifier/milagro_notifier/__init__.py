"""The notifier: e-mail and signed webhooks from domain events, respecting consent."""
