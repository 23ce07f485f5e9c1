"""Private files (attachments): kept under DATA_DIR/attachments, never served as static media; a view that checks
the rights streams them. Uploads are recognised by their first bytes, not by the name or the browser's claim."""

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage

# First bytes → content type, for the image formats phones and cameras write.
IMAGE_SIGNATURES = (
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
)
EXTENSIONS = {"image/jpeg": "jpg", "image/png": "png", "image/webp": "webp", "image/heic": "heic"}


def sniff_image(head: bytes) -> str | None:
    """The image type of a file from its first 16 bytes, or None when it is not a JPEG, PNG, WebP or HEIC."""
    for signature, content_type in IMAGE_SIGNATURES:
        if head.startswith(signature):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"heim", b"heis"):
        return "image/heic"
    return None


class PrivateStorage(FileSystemStorage):
    """Files under DATA_DIR/attachments, read from the settings each time (tests move DATA_DIR)."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return Path(settings.DATA_DIR) / "attachments"

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):  # pragma: no cover - private files have no public URL
        raise NotImplementedError("Private files are served by a view that checks the rights.")


def private_storage() -> PrivateStorage:
    return PrivateStorage()


# Documents attached to agreements and updates: PDF, office files (zip containers are told apart by their
# contents' names), and the image types above (a photo of a signed page).
OFFICE_MARKERS = (
    (b"word/", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx"),
    (b"xl/", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"),
    (b"ppt/", "application/vnd.openxmlformats-officedocument.presentationml.presentation", "pptx"),
    (b"application/vnd.oasis.opendocument.text", "application/vnd.oasis.opendocument.text", "odt"),
)
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


def sniff_document(upload) -> tuple[str, str] | None:
    """(content type, extension) of an uploaded document judged by its bytes, or None when it is not one we take."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if head.startswith(b"%PDF-"):
        return "application/pdf", "pdf"
    image = sniff_image(head)
    if image is not None:
        return image, EXTENSIONS[image]
    if head.startswith(b"PK\x03\x04"):
        import zipfile

        try:
            with zipfile.ZipFile(upload) as archive:
                names = "\n".join(archive.namelist()).encode()
                mimetype = archive.read("mimetype") if "mimetype" in archive.namelist() else b""
        except (zipfile.BadZipFile, KeyError, OSError):
            return None
        finally:
            upload.seek(0)
        for marker, content_type, extension in OFFICE_MARKERS:
            if marker in names or marker == mimetype:
                return content_type, extension
    return None
