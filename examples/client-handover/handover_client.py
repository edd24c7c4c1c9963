"""A Python client calling an mTLS API with the PKCS#12 file `npm run pki -- export <client> --p12` wrote:
the `cryptography` package opens it, the standard library's ssl module makes the connection.

    echo "partner-a.p12 truststore.pem https://127.0.0.1:8443/hello" | P12_PASSWORD=... python3 handover_client.py

One request per line of stdin: "<client.p12> <server CA PEM, or - for the system's trust> <url>", and one line of
output per request: "<HTTP status> <body>" or "error <exception>: <message>". The password comes from
P12_PASSWORD, never the command line. ssl loads a key only from a file: the key is written re-encrypted with the
same password into a private temporary folder that is removed at once, never in clear.
"""

import http.client
import os
import sys
import tempfile
import urllib.parse

import ssl
from cryptography.hazmat.primitives.serialization import BestAvailableEncryption, Encoding, PrivateFormat, pkcs12


def tls_context(p12_file: str, password: bytes, trust: str) -> ssl.SSLContext:
    with open(p12_file, "rb") as handle:
        key, certificate, chain = pkcs12.load_key_and_certificates(handle.read(), password)
    context = ssl.create_default_context(cafile=None if trust == "-" else trust)
    with tempfile.TemporaryDirectory() as folder:
        key_file = os.path.join(folder, "client.key.pem")
        chain_file = os.path.join(folder, "client.pem")
        with open(key_file, "wb") as handle:
            handle.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, BestAvailableEncryption(password)))
        with open(chain_file, "wb") as handle:
            handle.write(b"".join(cert.public_bytes(Encoding.PEM) for cert in [certificate, *chain]))
        context.load_cert_chain(chain_file, key_file, password=password)
    return context


def call(p12_file: str, password: bytes, trust: str, url: str) -> str:
    target = urllib.parse.urlsplit(url)
    connection = http.client.HTTPSConnection(
        target.hostname, target.port, context=tls_context(p12_file, password, trust), timeout=15
    )
    try:
        connection.request("GET", target.path or "/", headers={"Connection": "close"})
        response = connection.getresponse()
        return f"{response.status} {response.read().decode().replace(chr(10), ' ')}"
    finally:
        connection.close()


def main() -> int:
    password = os.environ.get("P12_PASSWORD")
    if password is None:
        print("set P12_PASSWORD to the PKCS#12 file's password", file=sys.stderr)
        return 2
    for line in sys.stdin:
        if not line.strip():
            continue
        p12_file, trust, url = line.split()
        try:
            print(call(p12_file, password.encode(), trust, url), flush=True)
        except Exception as error:  # one line per request, whatever went wrong
            print(f"error {type(error).__name__}: {error}".replace("\n", " "), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
