"""The local mail catcher of `milagro up`: an SMTP server (aiosmtpd, in a thread of the
`milagro up` process, so Ctrl-C stops it with everything else) that files every e-mail it
is given in a Maildir, `.milagro/mail/`, and delivers nothing."""

from pathlib import Path

from aiosmtpd.controller import Controller
from aiosmtpd.handlers import Mailbox


class MailCatcher:
    def __init__(self, folder: Path, port: int) -> None:
        self.folder = folder
        self.port = port
        self._controller: Controller | None = None

    @property
    def url(self) -> str:
        """What the notifier's MILAGRO_SMTP_URL says."""
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> None:
        # the handler makes the Maildir (cur, new, tmp) only where no folder is yet
        self.folder.parent.mkdir(parents=True, exist_ok=True)
        self._controller = Controller(Mailbox(self.folder), hostname="127.0.0.1", port=self.port)
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None
