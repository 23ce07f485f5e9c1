"""Private files (attachments): kept under DATA_DIR/attachments, never served as static media; a view that checks
the rights streams them. Uploads are recognised by their first bytes, not by the name or the browser's claim."""

import errno
import logging
import os
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import uploadhandler
from django.core.files.storage import FileSystemStorage
from django.utils.translation import gettext_lazy as _

logger = logging.getLogger(__name__)

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

    def _save(self, name, content):
        # FileSystemStorage leaves what it wrote so far when writing fails (a full disk): remove that half file.
        # The name is new (O_EXCL), so what is there after a failure is ours.
        path = self.path(name)
        existed = os.path.lexists(path)
        try:
            return super()._save(name, content)
        except OSError:
            if not existed and os.path.lexists(path):
                os.remove(path)
            raise


DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
DISK_FULL_MESSAGE = _(
    "There is not enough disk space on the server to store this file. Nothing was saved; please tell the "
    "administrator and try again later."
)


def is_disk_full(exc: BaseException | None) -> bool:
    return isinstance(exc, OSError) and exc.errno in DISK_FULL


@contextmanager
def disk_full_as_error(field: str | None = None):
    """A full disk (or quota) while storing an upload becomes a ValidationError the form shows; the caller removes
    what was half written (and its transaction rolls back). Other OSErrors stay errors."""
    try:
        yield
    except OSError as exc:
        if not is_disk_full(exc):
            raise
        logger.error("disk full while storing an upload: %s", exc)
        error = ValidationError(DISK_FULL_MESSAGE, code="disk_full")
        raise (ValidationError({field: error}) if field else error) from exc


class TemporaryFileUploadHandler(uploadhandler.TemporaryFileUploadHandler):
    """Django's handler for large uploads, but a write to the temporary file that fails (a full disk) removes
    that file at once; Django's leaves it until the garbage collector closes it."""

    def receive_data_chunk(self, raw_data, start):
        try:
            return super().receive_data_chunk(raw_data, start)
        except OSError:
            self.file.close()  # a NamedTemporaryFile: closing deletes it
            raise


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
