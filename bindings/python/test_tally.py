"""The diary's whole user flow driven from Python through the generated bindings.

Mirrors android/tally/src/test/kotlin/TallyDiaryTest.kt step for step, so a difference
between the languages shows up as one failing where the other passes. Run by
scripts/test-bindings.sh, which puts the generated `tally_ffi.py` and `libtally_ffi.so`
on PYTHONPATH.
"""

import asyncio
import base64
import datetime
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
        impact=t.Impact(),
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
    assert view.current[0].summary == "Waiting outside the house"
    # The local offset is kept: it is part of the evidence.
    assert view.current[0].occurred.start == "2024-03-01T21:30:00+01:00"
    assert view.current[0].attachments[0].sha256 == photo.sha256
    assert photo.media_type == "image/png"
    assert diary.read_attachment(photo.sha256) == PHOTO
    calls = diary.list(t.ListFilter(kinds=[t.EntryKind.INCIDENT], categories=[t.Category.CALL]))
    assert [v.seq for v in calls] == [second]
    assert diary.check().ok


NOW = datetime.datetime(2024, 11, 1, 12, 0, tzinfo=datetime.timezone.utc)
LONDON = "Europe/London"


def test_amendment_keeps_the_original_in_history(tmp_path):
    diary = new_diary(tmp_path)
    _, first, _, _ = record_case(diary)
    start = diary.amendment_draft(first, "en-GB")
    assert isinstance(start, t.AmendmentStart.DRAFT)
    draft = start[0]
    draft.content[0].summary = "Waiting outside the house for an hour"
    draft.reason = "remembered the length"
    outcome = diary.save_amendment(draft, LONDON, NOW, "en-GB")
    assert isinstance(outcome, t.FormOutcome.SAVED), outcome
    view = diary.get(first)
    assert view.status == t.EntryStatus.AMENDED
    assert view.amended_by == [outcome.seq]
    detail = diary.entry_detail(first, LONDON, "en-GB")
    assert [h.role for h in detail.history] == [t.HistoryRole.ORIGINAL, t.HistoryRole.CORRECTION]
    assert detail.history[0].headline == "Visit to home: Waiting outside the house"
    assert detail.history[1].reason == "remembered the length"


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


def test_a_read_that_never_waits_says_busy_during_long_work(tmp_path):
    diary = new_diary(tmp_path)
    record_case(diary)
    inside, release = threading.Event(), threading.Event()

    class Hold(t.ProgressListener):
        def on_progress(self, done, total):
            inside.set()
            release.wait()

        def is_cancelled(self):
            return False

    export = threading.Thread(
        target=diary.export_pack, args=(str(tmp_path / "pack.zip"), t.ExportOptions(), Hold())
    )
    export.start()
    assert inside.wait(30), "the export reported progress"
    with pytest.raises(t.TallyApiError.Busy):
        diary.entry_count_now()
    with pytest.raises(t.TallyApiError.Busy):
        diary.fingerprint_now()
    release.set()
    export.join()
    assert diary.entry_count_now() == 3
    assert diary.fingerprint_now() == diary.fingerprint()


def test_ping_answers_through_the_sync_and_async_paths():
    assert t.ping(7) == 7
    assert asyncio.run(t.ping_async(2**64 - 1)) == 2**64 - 1


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
    assert "RFC 3339" in e.value.reason
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
    diary = new_diary(tmp_path)
    record_case(diary)
    summary = diary.summary_view(t.SummaryFilter(), "en-GB")
    assert summary.incidents_total == 2
    assert sum(c.count for c in summary.by_category) == 2
    assert sum(w.total for w in summary.weeks) == 2
    assert summary.indicators, "the indicators are stated as sentences"
    welsh = diary.summary_view(t.SummaryFilter(), "cy")
    assert welsh.period != summary.period, "the shell's language is used"


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
        os.path.join(FIXTURES, "android-24h-dmy.txt"), ["Sam Stalker"], None, LONDON, [ben], None
    )
    assert chat.seq == 2 and chat.messages > 0 and "Sam Stalker" in chat.senders
    assert diary.get(chat.seq).kind == t.EntryKind.MESSAGE_LOG
    sms = diary.import_sms(os.path.join(FIXTURES, "sms-backup.xml"), [], [], None)
    assert sms.seq == 3 and sms.messages > 0
    before = diary.entry_count()
    with pytest.raises(t.TallyApiError.Invalid) as refused:
        diary.import_whatsapp(os.path.join(FIXTURES, "ambiguous.txt"), [], None, LONDON, [], None)
    assert "date-order" in str(refused.value)
    with pytest.raises(t.TallyApiError.Invalid):
        diary.import_sms(os.path.join(FIXTURES, "billion-laughs.xml"), [], [], None)
    assert diary.entry_count() == before
    assert diary.check().problems == []


VIEW_FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "tests", "data", "view")


def words_fixture():
    """tests/data/view/words.properties: the case, and the words every front end must give."""
    out = {}
    with open(os.path.join(VIEW_FIXTURES, "words.properties"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line and not line.startswith("#"):
                key, _, value = line.partition("=")
                out[key] = value
    return out


def test_the_shared_case_gives_the_same_headline_sentence_and_field_error(tmp_path):
    w = words_fixture()
    diary = new_diary(tmp_path)
    person = diary.add_person(t.Person(name=w["person.name"], relationship=t.Relationship.EX_PARTNER))
    draft = t.new_incident_draft(w["incident.time_zone"], NOW)
    draft.date, draft.time = w["incident.date"], w["incident.time"]
    draft.category = t.Category.VISIT_HOME
    draft.people = [person]
    empty = t.review_incident(draft, w["incident.time_zone"], NOW, "en-GB")
    assert [e.text for e in empty.errors] == [w["field_error.summary"]]
    draft.summary = w["incident.summary"]
    outcome = diary.save_incident(draft, w["incident.time_zone"], NOW, "en-GB")
    assert isinstance(outcome, t.FormOutcome.SAVED), outcome
    items = diary.entry_list(t.ListFilter(), LONDON, "en-GB")
    assert [i.headline for i in items] == [w["person.headline"], w["headline"]]
    assert items[1].time.at == w["incident.at"]
    assert w["sentence"] in diary.summary_view(t.SummaryFilter(), "en-GB").indicators


def test_a_photo_from_a_file_and_from_bytes_is_recorded_alike(tmp_path):
    w = words_fixture()
    diary = new_diary(tmp_path)
    path = os.path.join(VIEW_FIXTURES, w["photo.file"])
    from_file = diary.attach_file(path)
    with open(path, "rb") as f:
        from_bytes = diary.attach_bytes(f.read(), w["photo.file"], None)
    assert from_file == from_bytes
    assert from_file.sha256 == w["photo.sha256"]
    assert from_file.size == int(w["photo.size"])
    assert from_file.media_type == w["photo.media_type"]
    assert (from_file.dimensions.width, from_file.dimensions.height) == (int(w["photo.width"]), int(w["photo.height"]))
    assert from_file.captured_at == w["photo.captured_at"]
    assert from_file.camera == w["photo.camera"]
    assert round(from_file.gps.lat, 6) == float(w["photo.lat"])
    assert round(from_file.gps.lon, 6) == float(w["photo.lon"])


def test_a_time_the_clocks_repeated_is_asked_not_guessed(tmp_path):
    diary = new_diary(tmp_path)
    draft = t.IncidentDraft(date="2024-10-27", time="01:30", category=t.Category.CALL, summary="rang")
    review = t.review_incident(draft, LONDON, NOW, "en-GB")
    assert review.clock_question.change == t.ClockChange.TWICE
    assert [e.field for e in review.errors] == [t.Field.TIME]
    refused = diary.save_incident(draft, LONDON, NOW, "en-GB")
    assert isinstance(refused, t.FormOutcome.REFUSED)
    assert diary.entry_count() == 0
    draft.clock = review.clock_question.choices[1].answer
    saved = diary.save_incident(draft, LONDON, NOW, "en-GB")
    assert diary.get(saved.seq).current[0].occurred.start == "2024-10-27T01:30:00+00:00"


def test_an_erased_entry_stays_on_the_timeline_as_removed(tmp_path):
    diary = new_diary(tmp_path)
    _, first, _, _ = record_case(diary)
    diary.erase(first, "wrong house")
    days = diary.timeline(t.TimelineFilter(), LONDON, "en-GB").days
    removed = [i for d in days for i in d.items if i.seq == first]
    assert len(removed) == 1
    assert isinstance(removed[0].status, t.ItemStatus.REMOVED)
    assert removed[0].status.reason == "wrong house"
    assert removed[0].status_text.startswith("Removed on ")


def test_an_import_reads_local_times_in_the_zone_passed(tmp_path):
    diary = new_diary(tmp_path)
    chat = diary.import_whatsapp(
        os.path.join(FIXTURES, "android-24h-dmy.txt"), [], None, "America/New_York", [], None
    )
    log = diary.get(chat.seq).current[0]
    assert log.time_zone == "America/New_York"
    # A new import keeps its messages in a transcript; the entry says when they start.
    assert log.transcript.first.endswith("-04:00")


def test_failed_unlocks_slow_down_and_never_wipe():
    state = t.LockState()
    for _ in range(4):
        state = t.lock_after_failure(state, NOW)
    gate = t.lock_gate(state, NOW, "en-GB")
    assert isinstance(gate, t.UnlockGate.WAIT)
    assert gate.seconds == 30
    assert t.lock_gate(state, NOW + datetime.timedelta(seconds=30), "en-GB") == t.UnlockGate.ALLOWED()


def test_the_import_wizard_asks_day_or_month_only_when_the_chat_cannot_say():
    ambiguous = t.preview_import(os.path.join(FIXTURES, "ambiguous.txt"), LONDON, None, None, "en-GB")
    assert ambiguous.date_order_question is not None
    assert [c.order for c in ambiguous.date_order_question.choices] == [
        t.DateOrder.DAY_MONTH_YEAR,
        t.DateOrder.MONTH_DAY_YEAR,
    ]
    assert ambiguous.first is None
    proven = t.preview_import(os.path.join(FIXTURES, "android-24h-dmy.txt"), LONDON, None, None, "en-GB")
    assert proven.date_order_question is None
    assert proven.format == t.ImportFormat.WHATS_APP_TEXT
    assert proven.senders[0].name == "Sam Stalker"
    assert proven.lines_joined == 4


def test_a_telegram_export_of_all_chats_is_imported_from_the_chat_chosen_in_the_wizard(tmp_path):
    path = os.path.join(FIXTURES, "telegram-data.json")
    first = t.preview_import(path, LONDON, None, None, "en-GB")
    assert first.format == t.ImportFormat.TELEGRAM
    assert first.needs_chat and len(first.chats) == 2
    chosen = t.preview_import(path, LONDON, None, "Mum", "en-GB")
    assert not chosen.needs_chat and chosen.messages > 0
    diary = new_diary(tmp_path)
    summary = diary.import_chat_json(
        path, chosen.format, [chosen.senders[0].name], "Mum", LONDON, [], None
    )
    log = diary.get(summary.seq).current[0]
    assert log.source == t.MessageSource.TELEGRAM
    assert log.transcript.messages == summary.messages
    with pytest.raises(t.TallyApiError.Invalid):
        diary.import_chat_json(path, t.ImportFormat.SMS_BACKUP, [], None, LONDON, [], None)
