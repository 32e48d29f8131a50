"""A real IMAP server for tests: Debian's Dovecot, started on a free port with a
temporary configuration, one passwd-file user and a Maildir (nothing system-wide
is read or changed: ``-c`` points at our own file, ``/etc/dovecot`` is untouched)."""

from __future__ import annotations

import imaplib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from scripts.ensure_test_tools import find_dovecot
from tests.onboarding.smtp import free_port

CONFIG = """\
base_dir = {root}/run
state_dir = {root}/state
instance_name = hub-test-{port}
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
default_login_user = {login_user}
default_internal_user = {login_user}
default_internal_group = {login_group}
mail_location = maildir:{root}/mail/%u
first_valid_uid = 1
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
  chroot =
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class ImapServer:
    host: str
    port: int
    user: str
    password: str
    root: Path
    process: subprocess.Popen

    @property
    def url(self) -> str:
        return f"imap://{quote(self.user)}:{quote(self.password)}@{self.host}:{self.port}/INBOX"

    def client(self) -> imaplib.IMAP4:
        connection = imaplib.IMAP4(self.host, self.port, timeout=10)
        connection.login(self.user, self.password)
        connection.select("INBOX")
        return connection

    def deliver(self, raw: bytes) -> None:
        """Put a message in the INBOX, unseen (as an MTA would)."""
        connection = self.client()
        try:
            status, _ = connection.append("INBOX", None, None, raw)
            assert status == "OK"
        finally:
            connection.logout()

    def flags(self) -> list[str]:
        """Each message's flags, in order."""
        connection = self.client()
        try:
            _status, data = connection.fetch("1:*", "(FLAGS)")
        except imaplib.IMAP4.error:
            return []
        finally:
            connection.logout()
        return [item.decode() for item in data if item]


def _wait_for(port: int, timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dovecot did not listen on {port}")


def start_dovecot() -> ImapServer:
    executable = find_dovecot()
    if executable is None:
        raise RuntimeError("dovecot is not installed (apt-get install dovecot-imapd)")
    # A short path (UNIX socket names are limited to 108 bytes), readable by the
    # unprivileged user Dovecot runs mail processes as when the tests run as root.
    root = Path(tempfile.mkdtemp(prefix="hubimap"))
    root.chmod(0o755)
    port = free_port()
    if os.getuid() == 0:  # Dovecot never runs mail as root: use nobody
        uid = gid = 65534
        login_user, login_group = "nobody", "nogroup"
    else:
        uid, gid = os.getuid(), os.getgid()
        import pwd

        login_user = pwd.getpwuid(uid).pw_name
        import grp

        login_group = grp.getgrgid(gid).gr_name
    (root / "mail").mkdir()
    os.chown(root / "mail", uid, gid)
    user, password = "support@hub.example", "imap-test-password"
    (root / "passwd").write_text(f"{user}:{{PLAIN}}{password}\n")
    config = root / "dovecot.conf"
    config.write_text(
        CONFIG.format(
            root=root,
            port=port,
            uid=uid,
            gid=gid,
            login_user=login_user,
            login_group=login_group,
        )
    )
    process = subprocess.Popen(  # noqa: S603 - our own binary and config
        [executable, "-F", "-c", str(config)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        _wait_for(port)
    except RuntimeError:
        process.kill()
        log = (
            (root / "dovecot.log").read_text()
            if (root / "dovecot.log").exists()
            else ""
        )
        raise RuntimeError(f"dovecot failed to start: {log[-2000:]}") from None
    return ImapServer("127.0.0.1", port, user, password, root, process)


def stop_dovecot(server: ImapServer) -> None:
    server.process.send_signal(signal.SIGTERM)
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        os.killpg(server.process.pid, signal.SIGKILL)
    shutil.rmtree(server.root, ignore_errors=True)
