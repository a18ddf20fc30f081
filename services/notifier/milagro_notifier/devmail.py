"""`GET /dev/mail`: the mail `milagro up`'s catcher caught (a Maildir), newest first; only
when `MILAGRO_DEV_MAIL_DIR` is set, as `milagro up` does, never in production."""

import mailbox
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from html import escape
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from milagro_kit.problems import not_found
from milagro_kit.service import settings_of
from milagro_notifier.settings import NotifierSettings

router = APIRouter(include_in_schema=False)

_PARSER = BytesParser(policy=policy.default)


def _text(mail: EmailMessage) -> str:
    part = mail.get_body(("plain",))
    return part.get_content() if isinstance(part, EmailMessage) else ""


@router.get("/dev/mail", response_class=HTMLResponse)
async def caught(request: Request) -> HTMLResponse:
    settings: NotifierSettings = settings_of(request)
    if not settings.dev_mail_dir:
        raise not_found("page")
    mails = []
    if (Path(settings.dev_mail_dir) / "new").is_dir():  # else nothing caught yet
        folder = mailbox.Maildir(settings.dev_mail_dir, factory=None, create=False)
        for key in sorted(folder.keys(), reverse=True):  # a Maildir key starts with its time
            mails.append(_PARSER.parsebytes(folder.get_bytes(key)))
    items = "".join(
        f"<li><details><summary>{escape(str(m['To']))}: {escape(str(m['Subject']))} "
        f"[{escape(str(m['Content-Language']))}]</summary><pre>{escape(_text(m))}</pre>"
        "</details></li>"
        for m in mails
    )
    return HTMLResponse(
        "<!doctype html><meta charset='utf-8'><title>Caught mail</title>"
        f"<h1>{len(mails)} e-mails caught</h1><p>{escape(settings.dev_mail_dir)}</p>"
        f"<ul>{items}</ul>"
    )
