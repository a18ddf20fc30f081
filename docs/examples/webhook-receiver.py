"""A partner system's webhook receiver: verifies each delivery and prints it.

    uv run python docs/examples/webhook-receiver.py whsec_... [port]

Subscribe it first (as the partner's coordinator), using the secret the answer shows once:

    curl -s -X POST http://127.0.0.1:8105/v1/webhooks/subscriptions \\
      -H "Authorization: Bearer $(uv run milagro token --partner IT-SIENA --role coordinator)" \\
      -H 'Content-Type: application/json' \\
      -d '{"partner":"IT-SIENA","url":"http://127.0.0.1:9999/hooks","event_types":["*"]}'
"""

import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks import Webhook, WebhookVerificationError


class Receiver(BaseHTTPRequestHandler):
    webhook: Webhook

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers.get("content-length", 0)))
        try:
            event = self.webhook.verify(body, dict(self.headers))
        except WebhookVerificationError as exc:
            print(f"REFUSED {self.headers.get('webhook-id')}: {exc}", flush=True)
            self.send_response(401)
        else:
            print(f"verified {event['type']} {event['subject']}: {json.dumps(event['data'])}")
            self.send_response(204)
        self.end_headers()

    def log_message(self, *_: object) -> None:  # the lines above say what happened
        pass


if __name__ == "__main__":
    Receiver.webhook = Webhook(sys.argv[1])
    port = int(sys.argv[2]) if len(sys.argv) > 2 else 9999
    print(f"listening on http://127.0.0.1:{port}/hooks", flush=True)
    HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
