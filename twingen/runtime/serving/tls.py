"""A local certificate authority and a server certificate for ``serve --tls``.

Made once and kept under the user's cache (``$XDG_CACHE_HOME/twingen/tls`` or ``~/.cache/twingen/tls``),
never in a repository, so every twin on the machine shares one CA that a client trusts once:
``httpx.get(url, verify=CA)``, ``requests`` with ``verify=CA``, ``httplib2.Http(ca_certs=CA)``,
or ``SSL_CERT_FILE=CA`` / ``REQUESTS_CA_BUNDLE=CA`` for code that cannot be told.

The certificate covers ``localhost``, ``127.0.0.1`` and ``::1``. Keys are written 0600; a lock file keeps
parallel twins (pytest-xdist workers) from minting two CAs at once. Creating certificates needs the
``cryptography`` package, imported only here, so a twin that never serves TLS does not need it.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HOSTS = ("localhost", "127.0.0.1", "::1")
CA_DAYS = 3650
CERT_DAYS = 397  # the longest server-certificate lifetime clients (Apple, Chrome) accept
RENEW_BEFORE = datetime.timedelta(days=30)


class TlsError(RuntimeError):
    """The certificate could not be made (``cryptography`` missing, cache not writable)."""


@dataclass(frozen=True)
class TlsFiles:
    ca: Path
    """The CA certificate clients trust."""
    cert: Path
    key: Path


def tls_dir() -> Path:
    """Where the CA and certificate live: the user's cache, never the working tree."""
    cache = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(cache) / "twingen" / "tls"


def ensure_certificate(directory: Path | None = None) -> TlsFiles:
    """The CA and server certificate, made on first use and renewed when close to expiry."""
    directory = directory or tls_dir()
    files = TlsFiles(directory / "ca.pem", directory / "server.pem", directory / "server-key.pem")
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        with _locked(directory / ".lock"):
            if not _usable(files):
                _create(directory, files)
    except OSError as error:
        raise TlsError(f"cannot write the TLS files under {directory}: {error}") from error
    return files


def _usable(files: TlsFiles) -> bool:
    if not (files.ca.is_file() and files.cert.is_file() and files.key.is_file()):
        return False
    x509 = _x509()
    cert = x509.load_pem_x509_certificate(files.cert.read_bytes())
    ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
    now = datetime.datetime.now(datetime.timezone.utc)
    return bool(cert.issuer == ca.subject and cert.not_valid_after_utc - now > RENEW_BEFORE)


def _create(directory: Path, files: TlsFiles) -> None:
    x509 = _x509()
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec

    ca_key_file = directory / "ca-key.pem"
    now = datetime.datetime.now(datetime.timezone.utc)
    if files.ca.is_file() and ca_key_file.is_file():
        # keep the CA clients already trust; only the server certificate is renewed
        ca_cert = x509.load_pem_x509_certificate(files.ca.read_bytes())
        ca_key: Any = serialization.load_pem_private_key(ca_key_file.read_bytes(), password=None)
    else:
        ca_key = ec.generate_private_key(ec.SECP256R1())
        ca_name = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "twingen local CA")])
        ca_cert = (
            _builder(x509, ca_name, ca_name, ca_key.public_key(), now, CA_DAYS)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(_usage(x509, cert_sign=True), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        _write(ca_key_file, _key_pem(ca_key, serialization), private=True)
        _write(files.ca, ca_cert.public_bytes(serialization.Encoding.PEM))
    key = ec.generate_private_key(ec.SECP256R1())
    names = [x509.DNSName("localhost"), *(x509.IPAddress(ipaddress.ip_address(h)) for h in HOSTS[1:])]
    subject = x509.Name([x509.NameAttribute(x509.NameOID.COMMON_NAME, "localhost")])
    cert = (
        _builder(x509, subject, ca_cert.subject, key.public_key(), now, CERT_DAYS)
        .add_extension(x509.SubjectAlternativeName(names), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_usage(x509, cert_sign=False), critical=True)
        .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_cert.public_key()),
            critical=False,
        )
        .sign(ca_key, hashes.SHA256())
    )
    _write(files.key, _key_pem(key, serialization), private=True)
    _write(files.cert, cert.public_bytes(serialization.Encoding.PEM))


def _builder(x509: Any, subject: Any, issuer: Any, public_key: Any, now: datetime.datetime, days: int) -> Any:
    return (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))  # tolerate a client clock a little behind
        .not_valid_after(now + datetime.timedelta(days=days))
    )


def _usage(x509: Any, *, cert_sign: bool) -> Any:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=cert_sign,
        crl_sign=cert_sign,
        encipher_only=False,
        decipher_only=False,
    )


def _key_pem(key: Any, serialization: Any) -> bytes:
    return key.private_bytes(  # type: ignore[no-any-return]
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )


def _write(path: Path, data: bytes, *, private: bool = False) -> None:
    # write then rename, so a reader never sees half a file
    temp = path.with_name(path.name + ".tmp")
    fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600 if private else 0o644)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    os.replace(temp, path)


def _x509() -> Any:
    try:
        from cryptography import x509
    except ImportError:
        raise TlsError(
            "serve --tls makes its certificate with the 'cryptography' package: pip install cryptography "
            "(or pass --certfile and --keyfile)"
        ) from None
    return x509


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; concurrent first starts are rare there
        yield
        return
    with open(path, "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
