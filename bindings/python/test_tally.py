"""The diary's whole user flow driven from Python through the generated bindings.

Mirrors android/tally/src/test/kotlin/TallyDiaryTest.kt step for step, so a difference
between the languages shows up as one failing where the other passes. Run by
scripts/test-bindings.sh, which puts the generated `tally_ffi.py` and `libtally_ffi.so`
on PYTHONPATH.
"""

import base64
import os
import threading
import zipfile

import pytest

import tally_ffi as t

PASSPHRASE = "correct horse battery"
# The weakest Argon2id a diary may have (the floor), so the tests run fast.
FAST = t.CreateOptions(kdf_memory_kib=19456, kdf_iterations=2)

# A real 4x3 PNG: attachments that claim to be images are decoded before they are kept.
PHOTO = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAIAAAA7ljmRAAAAE0lEQVR4nGP4z8DAAMZAwICTAwBC8hHvOAjORwAAAABJRU5ErkJggg==")


def new_diary(tmp_path):
    return t.Diary.create(str(tmp_path / "case.diary"), PASSPHRASE, FAST)


def incident(summary, person, when="2024-03-01T21:30:00+01:00", category=t.Category.VISIT_HOME, attachments=()):
    return t.Incident(
        occurred=t.Occurred(start=when),
        category=category,
        summary=summary,
        people=[person],
        attachments=list(attachments),
    )


def record_case(diary):
    """A person, two incidents (one with a photo); returns their numbers and the photo."""
    person = diary.add_person(t.Person(name="J. Doe", relationship=t.Relationship.EX_PARTNER))
    photo = diary.attach_bytes(PHOTO, "doorstep.png", None)
    first = diary.add_incident(incident("Waiting outside the house", person, attachments=[photo]))
    second = diary.add_incident(
        incident("Twelve missed calls", person, "2024-03-02T08:00:00+00:00", t.Category.CALL)
    )
    return person, first, second, photo


def test_recorded_entries_read_back_as_written(tmp_path):
    diary = new_diary(tmp_path)
    person, first, second, photo = record_case(diary)
    assert (person, first, second) == (1, 2, 3)
    view = diary.get(first)
    assert view.kind == t.EntryKind.INCIDENT
    assert view.status == t.EntryStatus.ORIGINAL
    assert view.current.incident.summary == "Waiting outside the house"
    # The local offset is kept: it is part of the evidence.
    assert view.current.incident.occurred.start == "2024-03-01T21:30:00+01:00"
    assert view.current.incident.attachments[0].sha256 == photo.sha256
    assert photo.media_type == "image/png"
    assert diary.read_attachment(photo.sha256) == PHOTO
    calls = diary.list(t.ListFilter(kinds=[t.EntryKind.INCIDENT], categories=[t.Category.CALL]))
    assert [v.seq for v in calls] == [second]
    assert diary.check().ok


def test_amendment_keeps_the_original_in_history(tmp_path):
    diary = new_diary(tmp_path)
    person, first, _, _ = record_case(diary)
    fixed = incident("Waiting outside the house for an hour", person)
    amendment = diary.amend(first, t.EntryContent.INCIDENT(incident=fixed), "remembered the length")
    view = diary.get(first)
    assert view.status == t.EntryStatus.AMENDED
    assert view.amended_by == [amendment]
    history = diary.history(first)
    assert [s.seq for s in history] == [first, amendment]
    assert history[0].body.incident.summary == "Waiting outside the house"


def test_exported_pack_verifies_and_a_changed_byte_is_named(tmp_path):
    diary = new_diary(tmp_path)
    record_case(diary)
    checkpoint = diary.checkpoint()
    heard = []

    class Listener(t.ProgressListener):
        def on_progress(self, done, total):
            heard.append((done, total))

        def is_cancelled(self):
            return False

    pack = tmp_path / "pack.zip"
    summary = diary.export_pack(str(pack), t.ExportOptions(), Listener())
    assert summary.disclosed == 3
    assert summary.fingerprint == diary.fingerprint()
    assert heard, "the listener heard no progress"

    verdict = t.verify_pack(str(pack), checkpoint)
    assert verdict.ok, verdict.problems
    assert verdict.tree_size == 3
    assert verdict.fingerprint == diary.fingerprint()
    assert verdict.extends_checkpoint_size == 3

    tampered = tmp_path / "tampered.zip"
    victim = tamper(pack, tampered, "entries/2.json")
    bad = t.verify_pack(str(tampered), None)
    assert not bad.ok
    assert any(victim in p for p in bad.problems), bad.problems


def tamper(src, dst, suffix):
    """Copies a zip, changing one byte of the member whose name ends with `suffix`."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        victim = None
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.endswith(suffix):
                victim = item.filename
                i = data.index(b"Waiting")
                data = data[:i] + b"w" + data[i + 1 :]
            zout.writestr(item, data)
    assert victim, f"no {suffix} in the pack"
    return suffix


def test_cancelled_export_leaves_nothing(tmp_path):
    diary = new_diary(tmp_path)
    record_case(diary)

    class Cancel(t.ProgressListener):
        def on_progress(self, done, total):
            pass

        def is_cancelled(self):
            return True

    pack = tmp_path / "pack.zip"
    with pytest.raises(t.TallyApiError.Cancelled):
        diary.export_pack(str(pack), t.ExportOptions(), Cancel())
    assert not pack.exists()


def test_wrong_passphrase_raises_the_typed_error_and_changes_nothing(tmp_path):
    path = str(tmp_path / "case.diary")
    diary = t.Diary.create(path, PASSPHRASE, FAST)
    record_case(diary)
    diary.lock()
    before = open(path, "rb").read()
    with pytest.raises(t.TallyApiError.WrongPassphrase) as e:
        t.Diary.unlock(path, "not the passphrase")
    assert "not the passphrase" not in e.value.reason
    assert open(path, "rb").read() == before
    assert t.Diary.unlock(path, PASSPHRASE).entry_count() == 3


def test_raw_key_unlocks_and_locked_diary_refuses_calls(tmp_path):
    path = str(tmp_path / "case.diary")
    diary = t.Diary.create(path, PASSPHRASE, FAST)
    record_case(diary)
    key = diary.raw_key()
    assert len(key) == 32
    diary.lock()
    assert diary.is_locked()
    with pytest.raises(t.TallyApiError.Locked):
        diary.entry_count()
    again = t.Diary.unlock_with_key(path, key)
    assert again.entry_count() == 3
    with pytest.raises(t.TallyApiError.WrongPassphrase):
        t.Diary.unlock_with_key(path, bytes(32))


def test_bad_input_is_a_typed_error_not_a_crash(tmp_path):
    diary = new_diary(tmp_path)
    person = diary.add_person(t.Person(name="J. Doe", relationship=t.Relationship.STRANGER))
    with pytest.raises(t.TallyApiError.Invalid) as e:
        diary.add_incident(incident("x", person, when="yesterday evening"))
    assert "occurred.start" in e.value.reason
    with pytest.raises(t.TallyApiError.Invalid):
        diary.add_incident(incident("x", 99))  # no person 99
    with pytest.raises(t.TallyApiError.NotFound):
        diary.get(42)
    with pytest.raises(t.TallyApiError.NotFound):
        t.verify_pack(str(tmp_path / "no-such.zip"), None)
    with pytest.raises(t.TallyApiError.WeakPassphrase):
        t.Diary.create(str(tmp_path / "b.diary"), "short", FAST)
    assert diary.entry_count() == 1


def test_four_threads_share_one_diary(tmp_path):
    diary = new_diary(tmp_path)
    person = diary.add_person(t.Person(name="J. Doe", relationship=t.Relationship.EX_PARTNER))
    numbers, errors = [], []

    def work(n):
        try:
            for i in range(10):
                numbers.append(diary.add_incident(incident(f"thread {n} call {i}", person, category=t.Category.CALL)))
        except Exception as e:  # noqa: BLE001 - any failure fails the test below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert not errors
    assert sorted(numbers) == list(range(2, 42))
    assert diary.entry_count() == 41
    assert diary.check().ok


def test_summary_counts_the_incidents(tmp_path):
    import json

    diary = new_diary(tmp_path)
    record_case(diary)
    summary = json.loads(diary.summary(t.SummaryFilter()))
    assert summary["incidents_total"] == 2
    report = diary.summary_report(t.SummaryFilter())
    assert report.incidents_total == 2
    assert sum(c.count for c in report.by_category) == 2
    assert sum(w.count for w in report.weeks) == 2
    assert report.indicators, "the indicators are stated as sentences"


def test_a_listener_that_raises_does_not_crash_and_locks_the_diary(tmp_path):
    path = str(tmp_path / "case.diary")
    diary = t.Diary.create(path, PASSPHRASE, FAST)
    record_case(diary)

    class Broken(t.ProgressListener):
        def on_progress(self, done, total):
            raise RuntimeError("app bug")

        def is_cancelled(self):
            return False

    pack = tmp_path / "pack.zip"
    with pytest.raises(t.InternalError):
        diary.export_pack(str(pack), t.ExportOptions(), Broken())
    assert not pack.exists()
    # The export stopped half-way, so the bindings locked the diary rather than trust it.
    with pytest.raises(t.TallyApiError.Locked):
        diary.entry_count()
    again = t.Diary.unlock(path, PASSPHRASE)
    assert again.entry_count() == 3
    assert again.check().ok


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data", "import")


def test_whatsapp_and_sms_imports_become_message_logs(tmp_path):
    diary = new_diary(tmp_path)
    ben = diary.add_person(t.Person(name="Sam Stalker", relationship=t.Relationship.EX_PARTNER))
    chat = diary.import_whatsapp(
        os.path.join(FIXTURES, "android-24h-dmy.txt"), ["Sam Stalker"], None, "Europe/London", [ben], None
    )
    assert chat.seq == 2 and chat.messages > 0 and "Sam Stalker" in chat.senders
    assert diary.get(chat.seq).kind == t.EntryKind.MESSAGE_LOG
    sms = diary.import_sms(os.path.join(FIXTURES, "sms-backup.xml"), [], [], None)
    assert sms.seq == 3 and sms.messages > 0
    before = diary.entry_count()
    with pytest.raises(t.TallyApiError.Invalid) as refused:
        diary.import_whatsapp(os.path.join(FIXTURES, "ambiguous.txt"), [], None, None, [], None)
    assert "date-order" in str(refused.value)
    with pytest.raises(t.TallyApiError.Invalid):
        diary.import_sms(os.path.join(FIXTURES, "billion-laughs.xml"), [], [], None)
    assert diary.entry_count() == before
    assert diary.check().problems == []
