#!/usr/bin/env python3
"""Makes a certificate authority and server certificates for flowctl's TLS tests.

    make_certificates.py DIR

Writes into DIR: ca.pem (the CA, which nothing trusts until a test says so) and, each with its
key (NAME-key.pem), good.pem (127.0.0.1 and localhost, valid now), expired.pem (127.0.0.1 and
localhost, valid only in 2020) and wrong-name.pem (only for other.example, valid now).
"""

import datetime
import ipaddress
import sys

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

folder = sys.argv[1]
now = datetime.datetime.now(datetime.timezone.utc)


def key():
    return ec.generate_private_key(ec.SECP256R1())


def write(name, certificate, private):
    with open(f"{folder}/{name}.pem", "wb") as out:
        out.write(certificate.public_bytes(serialization.Encoding.PEM))
    with open(f"{folder}/{name}-key.pem", "wb") as out:
        out.write(private.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                        serialization.NoEncryption()))


ca_key = key()
ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "flowctl test CA")])
ca = (x509.CertificateBuilder().subject_name(ca_name).issuer_name(ca_name).public_key(ca_key.public_key())
      .serial_number(x509.random_serial_number())
      .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=30))
      .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
      .add_extension(x509.KeyUsage(digital_signature=True, key_cert_sign=True, crl_sign=True,
                                   content_commitment=False, key_encipherment=False, data_encipherment=False,
                                   key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
      .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
      .sign(ca_key, hashes.SHA256()))
with open(f"{folder}/ca.pem", "wb") as out:
    out.write(ca.public_bytes(serialization.Encoding.PEM))


def server(name, names, before, after):
    private = key()
    alternative = [x509.DNSName(n) if not n[0].isdigit() else x509.IPAddress(ipaddress.ip_address(n)) for n in names]
    certificate = (x509.CertificateBuilder()
                   .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
                   .issuer_name(ca_name).public_key(private.public_key()).serial_number(x509.random_serial_number())
                   .not_valid_before(before).not_valid_after(after)
                   .add_extension(x509.SubjectAlternativeName(alternative), critical=False)
                   .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
                   .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
                                  critical=False)
                   .sign(ca_key, hashes.SHA256()))
    write(name, certificate, private)


day = datetime.timedelta(days=1)
server("good", ["127.0.0.1", "localhost"], now - day, now + 30 * day)
server("expired", ["127.0.0.1", "localhost"], datetime.datetime(2020, 1, 1, tzinfo=datetime.timezone.utc),
       datetime.datetime(2020, 2, 1, tzinfo=datetime.timezone.utc))
server("wrong-name", ["other.example"], now - day, now + 30 * day)
