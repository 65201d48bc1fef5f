"""Hostile inputs of issue 16, made on the spot (nothing stored): numbered-paragraph texts
and DOCX, decompression bombs (DOCX and PDF), and a run of a function in a child process
under an address-space limit, so that a regression fails a test instead of the machine."""

from __future__ import annotations

import io
import subprocess
import sys
import textwrap
import zipfile
import zlib

from tests.conftest import ROOT

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def numbered_text(size: int) -> str:
    """About ``size`` bytes of paragraphs that all start "1." (each one a new part for
    the parser of issue 16)."""
    head = "The General Assembly,\n\n"
    para = "1. Decides a.\n\n"
    return head + para * ((size - len(head)) // len(para))


def docx_of(paragraphs: int, body: str) -> bytes:
    """A DOCX whose body is ``paragraphs`` times the XML ``body`` (``{i}`` in it: the
    paragraph's number), streamed into the zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        with z.open("word/document.xml", "w", force_zip64=True) as part:
            part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
            if "{i}" in body:
                for i in range(paragraphs):
                    part.write(body.format(i=i).encode())
            else:
                chunk = (body * 1000).encode()
                for _ in range(paragraphs // 1000):
                    part.write(chunk)
            part.write(b"</w:body></w:document>")
    return out.getvalue()


def numbered_docx(paragraphs: int = 115_000) -> bytes:
    """A DOCX of ``paragraphs`` paragraphs that all start "1." (about 290 KB zipped)."""
    return docx_of(paragraphs, "<w:p><w:r><w:t>1. Decides {i}.</w:t></w:r></w:p>")


def empty_paragraphs_docx(inflated: int = 95 * 2**20) -> bytes:
    """A small DOCX whose document inflates to ``inflated`` bytes of ``<w:p/>``."""
    return docx_of(inflated // len("<w:p/>"), "<w:p/>")


def zlib_bomb(inflated: int) -> bytes:
    """A zlib stream of ``inflated`` zero bytes, made without ever holding them: after
    a full flush, every megabyte of zeros compresses to the same block."""
    mib = b"\0" * 2**20
    c = zlib.compressobj(9)
    first = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(mib) + c.flush(zlib.Z_FULL_FLUSH)
    return first + block * (inflated // 2**20 - 1) + c.flush()


def pdf_bomb(inflated: int = 2 * 2**30) -> bytes:
    """A one-page PDF whose content stream inflates to ``inflated`` bytes (2 GiB: about
    2 MB of PDF)."""
    stream = zlib_bomb(inflated)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def run_limited(code: str, memory: int, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    """Run ``code`` (Python, from the repository) in a child process whose address space
    is limited to ``memory`` bytes."""
    prelude = textwrap.dedent(
        f"""
        import resource
        resource.setrlimit(resource.RLIMIT_AS, ({memory}, {memory}))
        """
    )
    return subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
