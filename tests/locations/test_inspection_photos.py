"""Photos with inspections: checked by content and size, stored privately, served only to those allowed."""

import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from aanjager.accounts.models import Role
from aanjager.core.files import sniff_image
from aanjager.core.services import NotAllowed
from aanjager.locations import services
from aanjager.locations.models import InspectionPhoto


def png_bytes() -> bytes:
    """A real 1×1 PNG."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


@pytest.fixture
def world(make_world, settings, tmp_path):
    settings.DATA_DIR = tmp_path
    return make_world(Role.INSPECTOR)


def test_sniffing_knows_the_photo_formats():
    assert sniff_image(png_bytes()[:16]) == "image/png"
    assert sniff_image(b"\xff\xd8\xff\xe0" + b"\x00" * 12) == "image/jpeg"
    assert sniff_image(b"RIFF\x00\x00\x00\x00WEBPVP8 ") == "image/webp"
    assert sniff_image(b"\x00\x00\x00\x18ftypheic\x00\x00") == "image/heic"
    assert sniff_image(b"%PDF-1.7\n") is None
    assert sniff_image(b"") is None


def test_a_photo_is_kept_privately_and_shown_only_to_those_allowed(client, world, tmp_path, make_world):
    inspection = world.inspections["own"]  # Tiel, in the inspector's area
    photo = services.add_inspection_photo(
        actor=world.actor,
        inspection=inspection,
        upload=SimpleUploadedFile("IMG_001.JPG", png_bytes()),
        caption="Vluchtweg geblokkeerd",
    )
    stored = Path(tmp_path) / "attachments" / photo.file.name
    assert stored.is_file() and photo.content_type == "image/png" and len(photo.sha256) == 64
    client.force_login(world.actor)
    page = client.get(f"/locaties/inspecties/{inspection.pk}/").content.decode()
    assert 'alt="Vluchtweg geblokkeerd"' in page
    response = client.get(f"/locaties/fotos/{photo.pk}/")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    assert (
        response["Cache-Control"] == "private, no-store"
        and b"".join(response.streaming_content) == png_bytes()
    )
    client.logout()
    assert client.get(f"/locaties/fotos/{photo.pk}/").status_code == 302  # to the login page
    client.force_login(world.user_out)  # a reader far away
    assert client.get(f"/locaties/fotos/{photo.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("name", "data", "caption", "field"),
    [
        ("brief.jpg", b"%PDF-1.7 not a photo", "x", "photo"),
        ("leeg.png", b"", "x", "photo"),
        ("foto.png", None, "", "caption"),
    ],
)
def test_bad_photos_are_refused_and_nothing_is_kept(world, tmp_path, name, data, caption, field):
    upload = SimpleUploadedFile(name, png_bytes() if data is None else data)
    with pytest.raises(ValidationError) as error:
        services.add_inspection_photo(
            actor=world.actor, inspection=world.inspections["own"], upload=upload, caption=caption
        )
    assert field in error.value.message_dict
    assert not InspectionPhoto.objects.exists()
    assert (
        not list((Path(tmp_path) / "attachments").rglob("*.*"))
        if (Path(tmp_path) / "attachments").exists()
        else True
    )


def test_too_large_and_not_allowed(world, monkeypatch):
    monkeypatch.setattr(services, "MAX_PHOTO_BYTES", 10)
    with pytest.raises(ValidationError, match="10 MB"):
        services.add_inspection_photo(
            actor=world.actor,
            inspection=world.inspections["own"],
            upload=SimpleUploadedFile("a.png", png_bytes()),
            caption="x",
        )
    with pytest.raises(NotAllowed):
        services.add_inspection_photo(
            actor=world.actor,
            inspection=world.inspections["out"],
            upload=SimpleUploadedFile("a.png", png_bytes()),
            caption="x",
        )


def test_upload_through_the_page_and_delete(client, world, tmp_path, django_capture_on_commit_callbacks):
    inspection = world.inspections["own"]
    client.force_login(world.actor)
    bad = client.post(
        f"/locaties/inspecties/{inspection.pk}/fotos/",
        {"photo": SimpleUploadedFile("x.png", b"GIF89a"), "caption": "x"},
    )
    assert bad.status_code == 400 and "Dit is geen foto" in bad.content.decode()
    good = client.post(
        f"/locaties/inspecties/{inspection.pk}/fotos/",
        {"photo": SimpleUploadedFile("x.png", png_bytes()), "caption": "Keuken"},
    )
    assert good.status_code == 302
    photo = InspectionPhoto.objects.get()
    stored = Path(tmp_path) / "attachments" / photo.file.name
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(f"/locaties/fotos/{photo.pk}/verwijderen/").status_code == 302
    assert not InspectionPhoto.objects.exists() and not stored.exists()


def test_deleting_the_inspection_removes_its_photo_files(
    make_world, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.DATA_DIR = tmp_path
    world = make_world(Role.ADMINISTRATOR)
    photo = services.add_inspection_photo(
        actor=world.actor,
        inspection=world.inspections["in"],
        upload=SimpleUploadedFile("a.png", png_bytes()),
        caption="Gang",
    )
    stored = Path(tmp_path) / "attachments" / photo.file.name
    with django_capture_on_commit_callbacks(execute=True):
        services.delete_inspection(actor=world.actor, inspection=world.inspections["in"])
    assert not stored.exists()
